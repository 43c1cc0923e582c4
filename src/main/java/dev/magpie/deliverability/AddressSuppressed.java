package dev.magpie.deliverability;

import java.time.Instant;

/** An address joined the account's suppression list: nothing may be sent to it from now on. */
public record AddressSuppressed(String accountId, String email, SuppressionReason reason, Instant at,
        String source) {
}
