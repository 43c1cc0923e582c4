package dev.magpie.activity.internal.demo;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Counts what a load run stored, through the API a store would use: the run's metrics (found by their tag) and
 * {@code POST /api/metric-aggregates} counts over a period. It counts until the number reaches what was accepted or
 * stops growing for a minute (longer than the first retry of a failed bulk job).
 */
final class StoredEvents {

    private static final Duration GIVE_UP_AFTER_NO_GROWTH = Duration.ofSeconds(60);

    private final ApiClient api;

    private final String tag;

    StoredEvents(ApiClient api, String tag) {
        this.api = api;
        this.tag = tag;
    }

    static String tagged(String metric, String tag) {
        return metric + " [" + tag + "]";
    }

    /** The number of this run's events in {@code [from, to)}, once it equals {@code expected} or has not grown for a while. */
    long awaitStored(Instant from, Instant to, long expected) throws IOException, InterruptedException {
        long count = -1;
        long grewAt = System.nanoTime();
        while (true) {
            long now = count(from, to);
            if (now != count) {
                count = now;
                grewAt = System.nanoTime();
            }
            if (count >= expected || Duration.ofNanos(System.nanoTime() - grewAt).compareTo(GIVE_UP_AFTER_NO_GROWTH) > 0) {
                return count;
            }
            Thread.sleep(2_000);
        }
    }

    private long count(Instant from, Instant to) throws IOException, InterruptedException {
        long total = 0;
        for (String metricId : runMetrics()) {
            JsonNode answer = api.postForDocument("/api/metric-aggregates", Map.of("data", Map.of(
                    "type", "metric-aggregate",
                    "attributes", Map.of(
                            "metric_id", metricId,
                            "measurements", List.of("count"),
                            "interval", "month",
                            "filter", List.of("greater-or-equal(datetime," + from.truncatedTo(ChronoUnit.SECONDS) + ")",
                                    "less-than(datetime," + to.truncatedTo(ChronoUnit.SECONDS) + ")"),
                            "timezone", "UTC"))));
            for (JsonNode series : answer.path("data").path("attributes").path("data")) {
                for (JsonNode value : series.path("measurements").path("count")) {
                    total += value.asLong();
                }
            }
        }
        return total;
    }

    private List<String> runMetrics() throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        String next = "/api/metrics";
        while (next != null) {
            JsonNode page = api.get(next);
            for (JsonNode metric : page.path("data")) {
                if (metric.path("attributes").path("name").asString("").endsWith("[" + tag + "]")) {
                    ids.add(metric.path("id").asString());
                }
            }
            JsonNode link = page.path("links").path("next");
            next = link.isString() && !link.asString().isBlank() ? relative(link.asString()) : null;
        }
        return ids;
    }

    private static String relative(String link) {
        URI uri = URI.create(link);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
