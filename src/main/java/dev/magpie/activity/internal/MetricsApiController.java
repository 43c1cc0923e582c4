package dev.magpie.activity.internal;

import java.util.List;
import java.util.Locale;

import dev.magpie.activity.Metric;
import dev.magpie.activity.internal.ActivityResources.Integration;
import dev.magpie.activity.internal.ActivityResources.MetricAttributes;
import dev.magpie.tenancy.TenantContext;
import dev.magpie.web.api.ApiException;
import dev.magpie.web.api.CollectionDocument;
import dev.magpie.web.api.CursorPageRequest;
import dev.magpie.web.api.FilterExpression.Comparison;
import dev.magpie.web.api.FilterOperator;
import dev.magpie.web.api.FilterSpec;
import dev.magpie.web.api.FilterSpec.FieldType;
import dev.magpie.web.api.FilterValue.StringValue;
import dev.magpie.web.api.PageCursor;
import dev.magpie.web.api.PageLinks;
import dev.magpie.web.api.Paged;
import dev.magpie.web.api.RateLimitTier;
import dev.magpie.web.api.RateLimited;
import dev.magpie.web.api.RequiresScope;
import dev.magpie.web.api.Resource;
import dev.magpie.web.api.ResourceDocument;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Klaviyo's "Get Metrics" and "Get Metric": the account's catalogue of metrics by name, 200 a page, filterable by
 * the integration their events come from ({@code equals(integration.name,"Shopify")}).
 */
@RestController
@RequestMapping("/api/metrics")
@RequiresScope("metrics:read")
@RateLimited(RateLimitTier.M)
class MetricsApiController {

    static final FilterSpec FILTERS = FilterSpec.builder()
        .field("integration.name", FieldType.STRING, FilterOperator.EQUALS)
        .field("integration.category", FieldType.STRING, FilterOperator.EQUALS)
        .build();

    private final MetricCatalog metrics;

    MetricsApiController(MetricCatalog metrics) {
        this.metrics = metrics;
    }

    @GetMapping
    CollectionDocument<MetricAttributes> metrics(@RequestParam(required = false) String filter,
            @Paged(defaultSize = 200, maxSize = 200) CursorPageRequest page, HttpServletRequest request) {
        List<Comparison> comparisons = FILTERS.parse(filter).map(expression -> expression.comparisons()).orElse(List.of());
        String after = page.cursor().filter(cursor -> !cursor.position().isEmpty())
            .map(cursor -> cursor.position().get(0))
            .orElse(null);
        List<Metric> matching = metrics.all(TenantContext.requireAccountId())
            .stream()
            .filter(metric -> comparisons.stream().allMatch(comparison -> matches(metric, comparison)))
            .toList();
        int start = 0;
        if (after != null) {
            start = matching.size();
            for (int i = 0; i < matching.size(); i++) {
                if (matching.get(i).id().equals(after)) {
                    start = i + 1;
                    break;
                }
            }
        }
        int end = Math.min(matching.size(), start + page.size());
        List<Resource<MetricAttributes>> resources = matching.subList(start, end)
            .stream()
            .map(ActivityResources::metric)
            .toList();
        PageCursor next = end < matching.size() ? PageCursor.after(matching.get(end - 1).id()) : null;
        return CollectionDocument.of(resources, PageLinks.of(request, next, null));
    }

    @GetMapping("/{id}")
    ResourceDocument<MetricAttributes> metric(@PathVariable String id) {
        return ResourceDocument.of(ActivityResources.metric(metrics.find(TenantContext.requireAccountId(), id)
            .orElseThrow(() -> ApiException.notFound("There is no metric with id '%s'.".formatted(
                    id.length() > 40 ? id.substring(0, 40) + "…" : id)))));
    }

    private static boolean matches(Metric metric, Comparison comparison) {
        Integration integration = Integration.of(metric.source());
        String wanted = ((StringValue) comparison.value()).value();
        String actual = comparison.field().equals("integration.name") ? integration.name() : integration.category();
        return actual.toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT));
    }
}
