package dev.magpie.activity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import dev.magpie.profiles.ProfileAttributes;

/**
 * Something a profile did, as a caller reports it. {@code time} may lie in the past; {@code uniqueId} makes
 * the event idempotent: the same metric, profile and unique id are stored once. Without a unique id, the
 * event's time serves as one, as in Klaviyo.
 */
public record NewEvent(String metricName, MetricSource source, ProfileAttributes profile, Instant time,
        BigDecimal value, String valueCurrency, Map<String, Object> properties, String uniqueId) {
}
