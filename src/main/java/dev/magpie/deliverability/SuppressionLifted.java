package dev.magpie.deliverability;

import java.time.Instant;

/** An address left the account's suppression list. Its profile's consent is unchanged. */
public record SuppressionLifted(String accountId, String email, Instant at) {
}
