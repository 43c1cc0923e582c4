package dev.magpie.integrations.internal;

import java.time.Instant;

/**
 * A connection as its account's admins see it on the integration pages.
 *
 * @param signingSecret the secret deliveries are signed with; {@code null} for Segment sources
 * @param previousSecretUntil until when the secret before the last rotation is still accepted, if it is
 * @param keyHint the first characters of a Segment write key, which is shown only once
 */
public record ConnectionView(String id, Platform platform, String name, String signingSecret,
        Instant previousSecretUntil, String keyHint, Instant createdAt, Instant secretChangedAt,
        Instant lastDeliveryAt, String lastTopic) {

    static ConnectionView of(Connection connection, Instant now) {
        Instant graceUntil = connection.previousSecretAt(now) != null ? connection.previousSecretUntil() : null;
        return new ConnectionView(connection.id(), connection.platform(), connection.name(),
                connection.signingSecret(), graceUntil, connection.keyHint(), connection.createdAt(),
                connection.secretChangedAt(), connection.lastDeliveryAt(), connection.lastTopic());
    }
}
