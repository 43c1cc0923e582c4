package dev.magpie.integrations.internal;

import java.time.Instant;

/**
 * A delivery accepted at the edge and waiting to be turned into profiles and events, as it travels on RabbitMQ.
 * It carries the payload as it came, so that a dead letter can be inspected and replayed after a fix.
 *
 * @param accountId the account the delivery is for
 * @param connectionId the connection it came through, or {@code null} for the browser API
 * @param feed how the payload is read
 * @param topic the platform's topic, such as {@code orders/create}, when it has one
 * @param deliveryId the platform's delivery id, when it has one
 * @param payload the body, as UTF-8 text
 * @param receivedAt when Magpie accepted it: the time of events that carry none, so retries store the same event
 */
public record IngestionJob(String accountId, String connectionId, Feed feed, String topic, String deliveryId,
        String payload, Instant receivedAt) {
}
