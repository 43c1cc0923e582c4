package dev.magpie.activity.internal;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.magpie.activity.EventRecorder;
import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.activity.internal.ApiStores.Store;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.ProfileAttributes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Klaviyo's "Get Metrics", "Get Metric" and "Query Metric Aggregates": the catalogue that events fill, and counts,
 * sums and unique profiles per interval of a time zone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MetricsApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    EventRecorder recorder;

    ApiStores stores;

    @BeforeEach
    void stores() {
        stores = new ApiStores(jdbc, json, port);
    }

    @Test
    void theCatalogueListsEveryMetricOnceWithWhereItsEventsComeFrom() {
        Store store = stores.open("Kale & Co");
        record(store, "Viewed Product", MetricSource.API, "ann", "2026-07-01T10:00:00Z", null);
        record(store, "Viewed Product", MetricSource.API, "bob", "2026-07-01T11:00:00Z", null);
        record(store, "Placed Order", MetricSource.SHOPIFY, "ann", "2026-07-01T12:00:00Z", "25");
        String key = stores.key(store, "metrics:read");

        HttpResponse<String> listed = stores.get(key, "/api/metrics");

        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode metrics = stores.body(listed).at("/data");
        assertThat(metrics).extracting(metric -> metric.at("/attributes/name").asString())
            .containsExactly("Placed Order", "Viewed Product");
        JsonNode order = metrics.get(0);
        assertThat(order.at("/type").asString()).isEqualTo("metric");
        assertThat(order.at("/attributes/integration/name").asString()).isEqualTo("Shopify");
        assertThat(order.at("/attributes/integration/category").asString()).isEqualTo("eCommerce");
        assertThat(order.at("/attributes/created").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
        assertThat(order.at("/links/self").asString())
            .isEqualTo(stores.url("/api/metrics/" + order.at("/id").asString() + "/"));
        JsonNode shopify = stores.body(stores.get(key, "/api/metrics?filter="
                + EventsApiTests.encode("equals(integration.name,\"Shopify\")"))).at("/data");
        assertThat(shopify).extracting(metric -> metric.at("/attributes/name").asString())
            .containsExactly("Placed Order");
        JsonNode one = stores.body(stores.get(key, "/api/metrics/" + order.at("/id").asString())).at("/data");
        assertThat(one.at("/attributes/name").asString()).isEqualTo("Placed Order");
        assertThat(stores.get(key, "/api/metrics?filter=" + EventsApiTests.encode("equals(name,\"x\")")).statusCode())
            .isEqualTo(400);
        assertThat(stores.get(stores.key(store, "events:write"), "/api/metrics").statusCode()).isEqualTo(403);
    }

    @Test
    void aggregatesCountSumAndFindUniqueProfilesPerDayOfTheRequestedZone() {
        Store store = stores.open("Lime Lighting");
        // New York is UTC-4 in July: 03:00Z on the 2nd is still the 1st there
        record(store, "Placed Order", MetricSource.API, "ann", "2026-07-01T14:00:00Z", "10.50");
        record(store, "Placed Order", MetricSource.API, "ann", "2026-07-02T03:00:00Z", "20");
        record(store, "Placed Order", MetricSource.API, "bob", "2026-07-02T15:00:00Z", "5");
        record(store, "Placed Order", MetricSource.API, "cat", "2026-07-03T23:30:00Z", null);
        record(store, "Placed Order", MetricSource.API, "dan", "2026-07-05T12:00:00Z", "100");
        String metricId = metricId(store, "Placed Order");

        JsonNode daily = aggregate(store, metricId, "day", "America/New_York", "count\", \"sum_value\", \"unique",
                "greater-or-equal(datetime,2026-07-01T00:00:00)", "less-than(datetime,2026-07-05T00:00:00)");

        assertThat(daily.at("/data/type").asString()).isEqualTo("metric-aggregate");
        assertThat(values(daily.at("/data/attributes/dates"))).containsExactly("2026-07-01T00:00:00-04:00",
                "2026-07-02T00:00:00-04:00", "2026-07-03T00:00:00-04:00", "2026-07-04T00:00:00-04:00");
        JsonNode measurements = daily.at("/data/attributes/data/0/measurements");
        assertThat(daily.at("/data/attributes/data/0/dimensions")).isEmpty();
        assertThat(longs(measurements.at("/count"))).containsExactly(2L, 1L, 1L, 0L);
        assertThat(decimals(measurements.at("/sum_value"))).containsExactly(new BigDecimal("30.5"),
                new BigDecimal("5"), BigDecimal.ZERO, BigDecimal.ZERO);
        assertThat(longs(measurements.at("/unique"))).containsExactly(1L, 1L, 1L, 0L);

        // India is UTC+5:30: its days start half-way through a UTC hour, which is split between two days
        record(store, "Clicked Email", MetricSource.MAGPIE, "ann", "2026-07-01T14:00:00Z", null);
        record(store, "Clicked Email", MetricSource.MAGPIE, "ann", "2026-07-02T18:15:00Z", null);
        record(store, "Clicked Email", MetricSource.MAGPIE, "bob", "2026-07-02T18:45:00Z", null);
        String clicks = metricId(store, "Clicked Email");
        JsonNode india = aggregate(store, clicks, "day", "Asia/Kolkata", "count\", \"unique",
                "greater-or-equal(datetime,2026-07-01T00:00:00)", "less-than(datetime,2026-07-04T00:00:00)");
        assertThat(longs(india.at("/data/attributes/data/0/measurements/count"))).containsExactly(1L, 1L, 1L);
        assertThat(longs(india.at("/data/attributes/data/0/measurements/unique"))).containsExactly(1L, 1L, 1L);
        JsonNode utc = aggregate(store, clicks, "day", "UTC", "count\", \"unique",
                "greater-or-equal(datetime,2026-07-01T00:00:00)", "less-than(datetime,2026-07-04T00:00:00)");
        assertThat(longs(utc.at("/data/attributes/data/0/measurements/count"))).containsExactly(1L, 2L, 0L);
        assertThat(longs(utc.at("/data/attributes/data/0/measurements/unique"))).containsExactly(1L, 2L, 0L);
        JsonNode hourly = aggregate(store, metricId, "hour", "UTC", "count",
                "greater-or-equal(datetime,2026-07-02T02:00:00Z)", "less-than(datetime,2026-07-02T05:00:00Z)");
        assertThat(longs(hourly.at("/data/attributes/data/0/measurements/count"))).containsExactly(0L, 1L, 0L);
        JsonNode monthly = aggregate(store, metricId, "month", "UTC", "count",
                "greater-or-equal(datetime,2026-06-01T00:00:00Z)", "less-than(datetime,2026-08-01T00:00:00Z)");
        assertThat(longs(monthly.at("/data/attributes/data/0/measurements/count"))).containsExactly(0L, 5L);
        JsonNode weekly = aggregate(store, metricId, "week", "UTC", "count",
                "greater-or-equal(datetime,2026-07-01T00:00:00Z)", "less-than(datetime,2026-07-08T00:00:00Z)");
        assertThat(values(weekly.at("/data/attributes/dates"))).containsExactly("2026-06-29T00:00:00+00:00",
                "2026-07-06T00:00:00+00:00");
        assertThat(longs(weekly.at("/data/attributes/data/0/measurements/count"))).containsExactly(5L, 0L);
    }

    @Test
    void badAggregateQueriesAreA400NamingTheMember() {
        Store store = stores.open("Maple Mugs");
        record(store, "Viewed Product", MetricSource.API, "ann", "2026-07-01T10:00:00Z", null);
        String metricId = metricId(store, "Viewed Product");
        String range = "\"filter\": [\"greater-or-equal(datetime,2026-07-01T00:00:00)\", "
                + "\"less-than(datetime,2026-07-02T00:00:00)\"]";

        assertAggregateInvalid(store, "{\"data\": {\"type\": \"metric-aggregate\", \"attributes\": {\"metric_id\": \""
                + metricId + "\", \"measurements\": [\"median\"], " + range + "}}}",
                "/data/attributes/measurements/0");
        assertAggregateInvalid(store, "{\"data\": {\"type\": \"metric-aggregate\", \"attributes\": {\"metric_id\": \""
                + metricId + "\", \"measurements\": [\"count\"], \"interval\": \"minute\", " + range + "}}}",
                "/data/attributes/interval");
        assertAggregateInvalid(store, "{\"data\": {\"type\": \"metric-aggregate\", \"attributes\": {\"metric_id\": \""
                + metricId + "\", \"measurements\": [\"count\"], \"timezone\": \"Mars/Olympus\", " + range + "}}}",
                "/data/attributes/timezone");
        assertAggregateInvalid(store, "{\"data\": {\"type\": \"metric-aggregate\", \"attributes\": {\"metric_id\": \""
                + metricId + "\", \"measurements\": [\"count\"], \"filter\": "
                + "[\"greater-or-equal(datetime,2026-07-01T00:00:00)\"]}}}", "/data/attributes/filter");
        assertAggregateInvalid(store, "{\"data\": {\"type\": \"metric-aggregate\", \"attributes\": {\"metric_id\": \""
                + metricId + "\", \"measurements\": [\"count\"], \"filter\": "
                + "[\"greater-or-equal(datetime,2026-07-01T00:00:00)\", \"equals(name,'x')\"]}}}",
                "/data/attributes/filter/1");
        assertAggregateInvalid(store, "{\"data\": {\"type\": \"metric-aggregate\", \"attributes\": {\"metric_id\": \""
                + metricId + "\", \"measurements\": [\"count\"], \"by\": [\"$message\"], " + range + "}}}",
                "/data/attributes/by");
        assertAggregateInvalid(store, "{\"data\": {\"type\": \"metric-aggregate\", \"attributes\": {\"metric_id\": \""
                + metricId + "\", \"measurements\": [\"count\"], \"interval\": \"hour\", \"filter\": "
                + "[\"greater-or-equal(datetime,2020-01-01T00:00:00)\", \"less-than(datetime,2026-01-01T00:00:00)\"]}}}",
                "/data/attributes/filter");
        assertAggregateInvalid(store, "{\"data\": {\"type\": \"metric-aggregates\"}}", "/data/type");
    }

    @Test
    void noKeySeesAnotherAccountsMetrics() {
        Store a = stores.open("Nutmeg Naturals");
        Store b = stores.open("Olive Outfitters");
        record(b, "Placed Order", MetricSource.API, "bee", "2026-07-01T10:00:00Z", "70");
        String bMetric = metricId(b, "Placed Order");
        String aKey = stores.key(a, "metrics:read");

        assertThat(stores.get(aKey, "/api/metrics/" + bMetric).statusCode()).isEqualTo(404);
        assertThat(stores.body(stores.get(aKey, "/api/metrics")).at("/data")).isEmpty();
        HttpResponse<String> aggregate = stores.post(aKey, "/api/metric-aggregates", aggregateBody(bMetric, "day",
                "UTC", "count", "greater-or-equal(datetime,2026-07-01T00:00:00)",
                "less-than(datetime,2026-07-02T00:00:00)"));
        assertThat(aggregate.statusCode()).isEqualTo(404);
        assertThat(stores.error(aggregate).at("/code").asString()).isEqualTo("not_found");

        JsonNode bCount = aggregate(b, bMetric, "day", "UTC", "count", "greater-or-equal(datetime,2026-07-01T00:00:00)",
                "less-than(datetime,2026-07-02T00:00:00)");
        assertThat(longs(bCount.at("/data/attributes/data/0/measurements/count"))).containsExactly(1L);
    }

    private void record(Store store, String metric, MetricSource source, String person, String time, String value) {
        recorder.record(store.accountId(), new NewEvent(metric, source,
                ProfileAttributes.of(new Identifiers(person + "-" + store.accountId().toLowerCase() + "@example.com",
                        null, null, null)),
                Instant.parse(time), value == null ? null : new BigDecimal(value), value == null ? null : "USD",
                Map.of(), null));
    }

    private String metricId(Store store, String name) {
        for (JsonNode metric : stores.body(stores.get(stores.key(store, "metrics:read"), "/api/metrics")).at("/data")) {
            if (metric.at("/attributes/name").asString().equals(name)) {
                return metric.at("/id").asString();
            }
        }
        throw new AssertionError("No metric " + name);
    }

    /** Each query with a key of its own: Klaviyo's tier for aggregates allows three a second. */
    private JsonNode aggregate(Store store, String metricId, String interval, String zone, String measurements,
            String from, String until) {
        HttpResponse<String> response = stores.post(stores.key(store, "metrics:read"), "/api/metric-aggregates",
                aggregateBody(metricId, interval, zone, measurements, from, until));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return stores.body(response);
    }

    private static String aggregateBody(String metricId, String interval, String zone, String measurements,
            String from, String until) {
        return """
                {"data": {"type": "metric-aggregate", "attributes": {"metric_id": "%s", "measurements": ["%s"],
                 "interval": "%s", "timezone": "%s", "filter": ["%s", "%s"]}}}"""
            .formatted(metricId, measurements, interval, zone, from, until);
    }

    private void assertAggregateInvalid(Store store, String body, String pointer) {
        HttpResponse<String> response = stores.post(stores.key(store, "metrics:read"), "/api/metric-aggregates", body);
        assertThat(response.statusCode()).as(pointer + ": " + response.body()).isEqualTo(400);
        assertThat(stores.error(response).at("/source/pointer").asString()).isEqualTo(pointer);
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asLong()));
        return values;
    }

    private static List<BigDecimal> decimals(JsonNode array) {
        List<BigDecimal> values = new ArrayList<>();
        array.forEach(value -> values.add(value.decimalValue().stripTrailingZeros()));
        return values.stream().map(value -> value.signum() == 0 ? BigDecimal.ZERO : value).toList();
    }
}
