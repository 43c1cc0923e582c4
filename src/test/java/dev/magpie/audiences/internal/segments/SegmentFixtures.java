package dev.magpie.audiences.internal.segments;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.EventRecorder;
import dev.magpie.activity.Metric;
import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.Profiles;
import tools.jackson.databind.json.JsonMapper;

/** Profiles, orders and segments made through the modules' interfaces, for the segment page tests. */
final class SegmentFixtures {

    private final Profiles profiles;

    private final EventRecorder recorder;

    private final ActivityQueries activity;

    private final Segments segments;

    private final JsonMapper json;

    SegmentFixtures(Profiles profiles, EventRecorder recorder, ActivityQueries activity, Segments segments,
            JsonMapper json) {
        this.profiles = profiles;
        this.recorder = recorder;
        this.activity = activity;
        this.segments = segments;
        this.json = json;
    }

    /** A profile with a name, an optional phone number and a custom property {@code tier}. */
    String profile(String accountId, String email, String phone, String firstName, String tier) {
        return profiles.upsert(accountId, new ProfileAttributes(new Identifiers(email, phone, null, null), firstName,
                "Tester", null, null, null, null, Map.of("tier", tier), null)).profile().id();
    }

    void order(String accountId, String profileId, Instant time) {
        recorder.recordFor(accountId, profileId, new NewEvent("Placed Order", MetricSource.API,
                ProfileAttributes.of(Identifiers.NONE), time.truncatedTo(ChronoUnit.SECONDS), BigDecimal.TEN, "USD",
                Map.of(), "order-" + profileId + "-" + time.toEpochMilli()));
    }

    String metricId(String accountId, String name) {
        return activity.metrics(accountId).stream().filter(metric -> metric.name().equals(name))
            .map(Metric::id).findFirst().orElseThrow();
    }

    /** Placed Order at least twice in the last 30 days, and an email. */
    String repeatBuyers(String accountId) {
        return segments.create(accountId, "Repeat buyers", json.readTree("""
                {"condition_groups": [
                  {"conditions": [{"type": "profile-metric", "metric_id": "%s", "measurement": "count",
                    "measurement_filter": {"type": "numeric", "operator": "greater-than-or-equal", "value": 2},
                    "timeframe_filter": {"type": "date", "operator": "in-the-last", "quantity": 30, "unit": "day"}}]},
                  {"conditions": [{"type": "profile-property", "property": "email",
                    "filter": {"type": "existence", "operator": "is-set"}}]}]}"""
            .formatted(metricId(accountId, "Placed Order"))), false).id();
    }

    /** Profiles whose custom property {@code tier} is {@code tier}. */
    String tier(String accountId, String name, String tier) {
        return segments.create(accountId, name, json.readTree("""
                {"condition_groups": [{"conditions": [{"type": "profile-property", "property": "properties['tier']",
                  "filter": {"type": "string", "operator": "equals", "value": "%s"}}]}]}""".formatted(tier)), false)
            .id();
    }
}
