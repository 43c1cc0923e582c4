package dev.magpie.activity;

import java.time.Instant;

/** A new event was stored (repeats are not announced); segments and flows react to it. */
public record EventRecorded(String accountId, String eventId, String profileId, String metricId,
        String metricName, Instant time) {
}
