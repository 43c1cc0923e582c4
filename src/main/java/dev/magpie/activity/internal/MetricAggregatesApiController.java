package dev.magpie.activity.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.magpie.activity.internal.MetricAggregator.Figures;
import dev.magpie.activity.internal.MetricAggregator.Interval;
import dev.magpie.tenancy.TenantContext;
import dev.magpie.web.api.ApiException;
import dev.magpie.web.api.FilterExpression;
import dev.magpie.web.api.FilterExpression.Comparison;
import dev.magpie.web.api.FilterOperator;
import dev.magpie.web.api.FilterSpec;
import dev.magpie.web.api.FilterSpec.FieldType;
import dev.magpie.web.api.FilterValue.DateTimeValue;
import dev.magpie.web.api.JsonApi;
import dev.magpie.web.api.RateLimitTier;
import dev.magpie.web.api.RateLimited;
import dev.magpie.web.api.RequiresScope;
import dev.magpie.web.api.Resource;
import dev.magpie.web.api.ResourceDocument;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Klaviyo's "Query Metric Aggregates": a metric's event count ({@code count}), value total ({@code sum_value})
 * and unique profiles ({@code unique}) per hour, day, week (from Monday) or month of a time zone, over the
 * {@code datetime} range its filter gives. Date-times without an offset are read in the requested zone, as in
 * Klaviyo's examples. Grouping ({@code by}) is not supported yet and answers 400.
 */
@RestController
@RequestMapping("/api/metric-aggregates")
class MetricAggregatesApiController {

    static final String TYPE = "metric-aggregate";

    /** The most intervals one query may ask for: a year of hours, with room to spare. */
    static final int MAX_INTERVALS = 10_000;

    private static final FilterSpec FILTERS = FilterSpec.builder()
        .field("datetime", FieldType.DATETIME, FilterOperator.GREATER_THAN, FilterOperator.GREATER_OR_EQUAL,
                FilterOperator.LESS_THAN, FilterOperator.LESS_OR_EQUAL)
        .build();

    private static final List<String> MEASUREMENTS = List.of("count", "sum_value", "unique");

    private final RequestBodies bodies;

    private final MetricCatalog metrics;

    private final MetricAggregator aggregator;

    MetricAggregatesApiController(RequestBodies bodies, MetricCatalog metrics, MetricAggregator aggregator) {
        this.bodies = bodies;
        this.metrics = metrics;
        this.aggregator = aggregator;
    }

    @PostMapping(consumes = { JsonApi.MEDIA_TYPE_VALUE, "application/json" })
    @RequiresScope("metrics:read")
    @RateLimited(RateLimitTier.S)
    ResourceDocument<AggregateAttributes> aggregate(HttpServletRequest request) {
        String accountId = TenantContext.requireAccountId();
        Query query = query(bodies.read(request));
        if (metrics.find(accountId, query.metricId()).isEmpty()) {
            throw ApiException.notFound("There is no metric with id '%s'.".formatted(
                    query.metricId().length() > 40 ? query.metricId().substring(0, 40) + "…" : query.metricId()));
        }
        Figures figures = aggregator.aggregate(accountId, query.metricId(), query.from(), query.until(),
                query.interval(), query.zone(), query.measurements().contains("unique"));
        Map<String, List<? extends Number>> measurements = new LinkedHashMap<>();
        for (String measurement : query.measurements()) {
            measurements.put(measurement, switch (measurement) {
                case "count" -> Arrays.stream(figures.counts()).boxed().toList();
                case "sum_value" -> Arrays.asList(figures.sums());
                default -> Arrays.stream(figures.uniques()).boxed().toList();
            });
        }
        List<String> dates = figures.starts().stream().map(ActivityResources.DATE_TIME::format).toList();
        String id = UUID.randomUUID().toString();
        return ResourceDocument.of(Resource.of(TYPE, id, new AggregateAttributes(dates,
                List.of(new Row(List.of(), measurements))), ActivityResources.url("/api/metric-aggregates/")));
    }

    private static Query query(JsonNode document) {
        JsonNode data = document.get("data");
        if (data == null || !data.isObject()) {
            throw ApiException.invalidInput("/data", "'data' is required.");
        }
        if (!TYPE.equals(data.path("type").asString(null))) {
            throw ApiException.invalidInput("/data/type", "type must be '%s'.".formatted(TYPE));
        }
        JsonNode attributes = data.get("attributes");
        if (attributes == null || !attributes.isObject()) {
            throw ApiException.invalidInput("/data/attributes", "'attributes' is required.");
        }
        JsonNode metricId = attributes.get("metric_id");
        if (metricId == null || !metricId.isString() || metricId.stringValue().isBlank()) {
            throw ApiException.invalidInput("/data/attributes/metric_id", "metric_id is required.");
        }
        Set<String> measurements = measurements(attributes.get("measurements"));
        Interval interval = interval(attributes.get("interval"));
        ZoneId zone = zone(attributes.get("timezone"));
        JsonNode by = attributes.get("by");
        if (by != null && !by.isNull() && !(by.isArray() && by.isEmpty())) {
            throw ApiException.invalidInput("/data/attributes/by", "Grouping by dimensions is not supported yet.");
        }
        Instant[] range = range(attributes.get("filter"), zone);
        if (MetricAggregator.intervals(range[0], range[1], interval, zone).size() > MAX_INTERVALS) {
            throw ApiException.invalidInput("/data/attributes/filter", "The range holds more than %,d %ss; ask for a "
                .formatted(MAX_INTERVALS, interval.name().toLowerCase(Locale.ROOT)) + "shorter range or a longer interval.");
        }
        return new Query(metricId.stringValue().strip(), measurements, interval, zone, range[0], range[1]);
    }

    private static Set<String> measurements(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw ApiException.invalidInput("/data/attributes/measurements",
                    "measurements is required: a list of count, sum_value and unique.");
        }
        Set<String> measurements = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String measurement = node.get(i).asString("");
            if (!node.get(i).isString() || !MEASUREMENTS.contains(measurement)) {
                throw ApiException.invalidInput("/data/attributes/measurements/" + i,
                        "A measurement is one of count, sum_value and unique.");
            }
            measurements.add(measurement);
        }
        return measurements;
    }

    private static Interval interval(JsonNode node) {
        if (node == null || node.isNull()) {
            return Interval.DAY;
        }
        try {
            return Interval.valueOf(node.asString("").toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException unknown) {
            throw ApiException.invalidInput("/data/attributes/interval", "interval is one of hour, day, week and month.");
        }
    }

    private static ZoneId zone(JsonNode node) {
        if (node == null || node.isNull()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(node.asString(""));
        }
        catch (DateTimeException unknown) {
            throw ApiException.invalidInput("/data/attributes/timezone",
                    "timezone must be an IANA time zone, such as America/New_York.");
        }
    }

    /** The {@code [from, until)} the filter list gives; both ends are required. */
    private static Instant[] range(JsonNode node, ZoneId zone) {
        String pointer = "/data/attributes/filter";
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw ApiException.invalidInput(pointer, "filter is required: a datetime range such as "
                    + "[\"greater-or-equal(datetime,2026-07-01T00:00:00)\", \"less-than(datetime,2026-08-01T00:00:00)\"].");
        }
        Instant from = null;
        Instant until = null;
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isString()) {
                throw ApiException.invalidInput(pointer + "/" + i, "Each filter is a string.");
            }
            FilterExpression expression;
            try {
                expression = FILTERS.parse(node.get(i).stringValue()).orElseThrow(
                        () -> ApiException.invalidInput(pointer, "A filter is empty."));
            }
            catch (ApiException invalid) {
                throw ApiException.invalidInput(pointer + "/" + i, invalid.errors().get(0).detail());
            }
            for (Comparison comparison : comparisons(expression, pointer + "/" + i)) {
                Instant time = inZone((DateTimeValue) comparison.value(), zone);
                switch (comparison.operator()) {
                    case GREATER_THAN -> from = max(from, time.plusMillis(1));
                    case GREATER_OR_EQUAL -> from = max(from, time);
                    case LESS_THAN -> until = min(until, time);
                    default -> until = min(until, time.plusMillis(1));
                }
            }
        }
        if (from == null || until == null) {
            throw ApiException.invalidInput(pointer, "The filter must give both ends of the datetime range, such as "
                    + "greater-or-equal(datetime,…) and less-than(datetime,…).");
        }
        if (!from.isBefore(until)) {
            throw ApiException.invalidInput(pointer, "The datetime range is empty: its start is not before its end.");
        }
        return new Instant[] { from, until };
    }

    private static List<Comparison> comparisons(FilterExpression expression, String pointer) {
        try {
            return expression.comparisons();
        }
        catch (IllegalStateException notAConjunction) {
            throw ApiException.invalidInput(pointer, "Only datetime comparisons joined by commas are supported.");
        }
    }

    /** A date-time as written: with an offset it is that instant; without one, a local time of {@code zone}. */
    private static Instant inZone(DateTimeValue value, ZoneId zone) {
        String text = value.text();
        boolean hasOffset = text.endsWith("Z") || text.lastIndexOf('+') > 10 || text.lastIndexOf('-') > 10;
        if (hasOffset) {
            return value.value();
        }
        if (text.indexOf('T') < 0) {
            return LocalDate.parse(text).atStartOfDay(zone).toInstant();
        }
        return ZonedDateTime.of(LocalDateTime.parse(text), zone).toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static Instant min(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private record Query(String metricId, Set<String> measurements, Interval interval, ZoneId zone, Instant from,
            Instant until) {
    }

    /** The answer: the interval starts and one row of measurements, a value per interval. */
    record AggregateAttributes(List<String> dates, List<Row> data) {
    }

    /** A row of measurements; without grouping its dimensions are empty. */
    record Row(List<String> dimensions, Map<String, List<? extends Number>> measurements) {
    }
}
