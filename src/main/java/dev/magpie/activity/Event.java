package dev.magpie.activity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** A stored event. */
public record Event(String id, String metricId, String metricName, String profileId, Instant time,
        BigDecimal value, String valueCurrency, Map<String, Object> properties, String uniqueId,
        Instant receivedAt) {
}
