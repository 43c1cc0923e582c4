package dev.magpie.deliverability;

import java.time.Instant;

/**
 * An address the account must not email, and why.
 *
 * @param email the normalised (trimmed, lower-cased) address
 * @param at when it was suppressed
 * @param source what caused it, when known: a campaign or message id, "suppressions page"
 * @param detail more about it, when known: an SMTP reply, the marketer who added it
 */
public record Suppression(String email, SuppressionReason reason, Instant at, String source, String detail) {
}
