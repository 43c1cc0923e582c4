package dev.magpie.deliverability;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * The account's suppression list, as other modules use it: the sending pipeline checks every recipient against
 * it, and records bounces and complaints on it. Addresses are normalised (trimmed, lower-cased) before they are
 * stored or looked up. Reads go to Cassandra every time, so a suppression counts for every check made after it.
 */
public interface Suppressions {

    /** Whether the account must not email this address. */
    boolean isSuppressed(String accountId, String email);

    /**
     * Which of these addresses the account must not email, checked all at once (for a batch of recipients).
     *
     * @return the suppressed ones, normalised
     */
    Set<String> suppressedAmong(String accountId, Collection<String> emails);

    /** The address's suppression, when it has one. */
    Optional<Suppression> find(String accountId, String email);

    /**
     * Suppresses the address, publishing {@link AddressSuppressed}. An address already suppressed keeps its first
     * suppression (reason, time, source) and nothing is published again.
     *
     * @param source what caused it, or {@code null}
     * @param detail more about it, or {@code null}
     * @return whether the address was newly suppressed
     * @throws IllegalArgumentException when {@code email} is not an email address
     */
    boolean suppress(String accountId, String email, SuppressionReason reason, String source, String detail);

    /**
     * Takes the address off the suppression list, publishing {@link SuppressionLifted}. Its profile's consent is
     * left alone: someone who unsubscribed is still unsubscribed.
     *
     * @return whether it was suppressed
     */
    boolean lift(String accountId, String email);
}
