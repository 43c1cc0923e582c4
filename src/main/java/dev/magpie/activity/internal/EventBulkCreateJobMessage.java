package dev.magpie.activity.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.magpie.activity.MetricSource;
import dev.magpie.profiles.ProfileAttributes;

/**
 * A bulk event job on its way to a worker, as JSON on RabbitMQ: the checked items of the request, each a profile
 * (by id or attributes) and its events.
 *
 * @param jobId the job whose row the worker updates
 * @param accountId the account the events belong to
 * @param receivedAt when the request arrived: events without a time happened then
 * @param items the profiles and their events
 */
record EventBulkCreateJobMessage(String jobId, String accountId, Instant receivedAt, List<Item> items) {

    /** One profile and its events; {@code pointer} locates it in the request, for error reports. */
    record Item(String pointer, String profileId, ProfileAttributes profile, List<Entry> events) {
    }

    /** One event of an item. */
    record Entry(String metricName, MetricSource source, Instant time, BigDecimal value, String valueCurrency,
            Map<String, Object> properties, String uniqueId) {
    }
}
