package dev.magpie.campaigns.internal;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import dev.magpie.campaigns.Campaign;
import dev.magpie.campaigns.internal.CampaignResources.CampaignAttributes;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Klaviyo's Campaigns API: Get Campaigns (the channel filter {@code equals(messages.channel,'email')} is required,
 * as in Klaviyo), Create Campaign (with its campaign message), Get, Update and Delete Campaign. Only a draft can
 * be changed or deleted; otherwise a 409 says why. A list, segment or template the account does not have is a 400
 * pointing at it, and nothing is stored. Another account's campaign id, like an unknown one, is a 404.
 */
@RestController
@RequestMapping("/api/campaigns")
class CampaignsApiController {

    static final FilterSpec FILTERS = FilterSpec.builder()
        .field("messages.channel", FieldType.STRING, FilterOperator.EQUALS)
        .field("status", FieldType.STRING, FilterOperator.EQUALS)
        .field("name", FieldType.STRING, FilterOperator.CONTAINS)
        .build();

    private final CampaignCatalog catalog;

    CampaignsApiController(CampaignCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @RequiresScope("campaigns:read")
    @RateLimited(RateLimitTier.L)
    CollectionDocument<CampaignAttributes> campaigns(@RequestParam(required = false) String filter,
            @Paged(defaultSize = 10, maxSize = 100) CursorPageRequest page, HttpServletRequest request) {
        List<Comparison> comparisons = FILTERS.parse(filter).map(expression -> expression.comparisons())
            .orElse(List.of());
        if (comparisons.stream().noneMatch(comparison -> comparison.field().equals("messages.channel"))) {
            throw ApiException.invalidParameter("filter",
                    "A channel filter is required: filter=equals(messages.channel,'email').");
        }
        List<Campaign> matching = catalog.all(TenantContext.requireAccountId()).stream()
            .filter(campaign -> comparisons.stream().allMatch(comparison -> matches(campaign, comparison)))
            .toList();
        String after = page.cursor().filter(cursor -> !cursor.position().isEmpty())
            .map(cursor -> cursor.position().get(0))
            .orElse(null);
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
        List<Resource<CampaignAttributes>> resources = matching.subList(start, end).stream()
            .map(CampaignResources::campaign)
            .toList();
        PageCursor next = end < matching.size() ? PageCursor.after(matching.get(end - 1).id()) : null;
        return CollectionDocument.of(resources, PageLinks.of(request, next, null));
    }

    @PostMapping
    @RequiresScope("campaigns:write")
    @RateLimited(RateLimitTier.M)
    ResponseEntity<ResourceDocument<CampaignAttributes>> create(@RequestBody JsonNode body) {
        JsonNode data = CampaignRequests.resource(body, CampaignResources.CAMPAIGN);
        CampaignSettings settings = CampaignRequests.settings(data, null);
        MessageContent message = CampaignRequests.createdMessage(data);
        Campaign campaign = CampaignApiErrors.translate(() -> catalog.create(TenantContext.requireAccountId(),
                settings, message, null), null);
        return ResponseEntity.status(HttpStatus.CREATED)
            .location(URI.create(CampaignResources.url("/api/campaigns/" + campaign.id() + "/")))
            .body(ResourceDocument.of(CampaignResources.campaign(campaign)));
    }

    @GetMapping("/{id}")
    @RequiresScope("campaigns:read")
    @RateLimited(RateLimitTier.L)
    ResourceDocument<CampaignAttributes> campaign(@PathVariable String id) {
        return ResourceDocument.of(CampaignResources.campaign(find(id)));
    }

    @PatchMapping("/{id}")
    @RequiresScope("campaigns:write")
    @RateLimited(RateLimitTier.M)
    ResourceDocument<CampaignAttributes> update(@PathVariable String id, @RequestBody JsonNode body) {
        Campaign current = find(id);
        JsonNode data = CampaignRequests.resource(body, CampaignResources.CAMPAIGN);
        if (!CampaignRequests.id(data).equals(id)) {
            throw ApiException.invalidInput("/data/id", "data.id must be the id in the path.");
        }
        CampaignSettings settings = CampaignRequests.settings(data, new CampaignSettings(current.name(),
                current.included(), current.excluded(), current.sendStrategy(), current.sendAt(),
                current.throttleHours(), current.smartSending(), current.smartSendingHours()));
        return ResourceDocument.of(CampaignResources.campaign(CampaignApiErrors.translate(
                () -> catalog.update(TenantContext.requireAccountId(), id, settings), id)));
    }

    @DeleteMapping("/{id}")
    @RequiresScope("campaigns:write")
    @RateLimited(RateLimitTier.M)
    ResponseEntity<Void> delete(@PathVariable String id) {
        CampaignApiErrors.translate(() -> {
            catalog.delete(TenantContext.requireAccountId(), id);
            return null;
        }, id);
        return ResponseEntity.noContent().build();
    }

    private Campaign find(String id) {
        return catalog.find(TenantContext.requireAccountId(), id).orElseThrow(() -> CampaignResources.notFound(id));
    }

    private static boolean matches(Campaign campaign, Comparison comparison) {
        String wanted = ((StringValue) comparison.value()).value().toLowerCase(Locale.ROOT);
        return switch (comparison.field()) {
            case "messages.channel" -> wanted.equals(StoredCampaign.EMAIL);
            case "status" -> campaign.status().label().toLowerCase(Locale.ROOT).equals(wanted);
            default -> campaign.name().toLowerCase(Locale.ROOT).contains(wanted);
        };
    }
}
