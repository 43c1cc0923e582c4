package dev.magpie.integrations.internal;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where a delivery is addressed: a connection of an active account, with the secrets a signature may be made
 * with (the current one, and the previous one during its grace period).
 */
public record WebhookEndpoint(String connectionId, String accountId, Platform platform, String name,
        List<String> secrets, Instant lastDeliveryAt) {

    public WebhookEndpoint {
        secrets = List.copyOf(secrets);
    }

    /** Whether {@code signedWith} accepts one of the connection's secrets. */
    public boolean verifies(Predicate<String> signedWith) {
        // Every secret is tried, so the time taken does not tell which one matched
        boolean verified = false;
        for (String secret : secrets) {
            verified |= signedWith.test(secret);
        }
        return verified;
    }
}
