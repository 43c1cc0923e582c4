package dev.magpie.deliverability.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.magpie.deliverability.AddressSuppressed;
import dev.magpie.deliverability.Suppression;
import dev.magpie.deliverability.SuppressionLifted;
import dev.magpie.deliverability.SuppressionReason;
import dev.magpie.deliverability.Suppressions;
import dev.magpie.tenancy.TenantTransactions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The account's suppression list: Cassandra is written first, the change announced last, inside a MySQL
 * transaction so that Spring Modulith's registry keeps the event for transactional listeners.
 */
@Component
class SuppressionList implements Suppressions {

    /** The longest source or detail kept: an SMTP reply can run on. */
    static final int MAX_TEXT = 1000;

    private final SuppressionStore store;

    private final EmailAddresses addresses;

    private final TenantTransactions transactions;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    SuppressionList(SuppressionStore store, EmailAddresses addresses, TenantTransactions transactions,
            ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.addresses = addresses;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public boolean isSuppressed(String accountId, String email) {
        return find(accountId, email).isPresent();
    }

    @Override
    public Set<String> suppressedAmong(String accountId, Collection<String> emails) {
        List<String> lookups = emails.stream()
            .map(EmailAddresses::lookupForm)
            .filter(email -> !email.isEmpty())
            .toList();
        return store.suppressedAmong(accountId, lookups);
    }

    @Override
    public Optional<Suppression> find(String accountId, String email) {
        String lookup = EmailAddresses.lookupForm(email);
        return lookup.isEmpty() ? Optional.empty() : store.find(accountId, lookup);
    }

    @Override
    public boolean suppress(String accountId, String email, SuppressionReason reason, String source,
            String detail) {
        return suppressed(accountId, email, reason, source, detail).created();
    }

    /** Suppresses the address unless it already is; either way, the suppression that stands. */
    SuppressionStore.Stored suppressed(String accountId, String email, SuppressionReason reason, String source,
            String detail) {
        Instant at = clock.instant();
        SuppressionStore.Stored stored = store.put(accountId, new Suppression(addresses.normalise(email), reason, at,
                clip(source), clip(detail)));
        if (stored.created()) {
            transactions.inAccount(accountId, () -> {
                events.publishEvent(new AddressSuppressed(accountId, stored.suppression().email(), reason, at,
                        stored.suppression().source()));
                return null;
            });
        }
        return stored;
    }

    @Override
    public boolean lift(String accountId, String email) {
        String lookup = EmailAddresses.lookupForm(email);
        if (lookup.isEmpty() || store.remove(accountId, lookup).isEmpty()) {
            return false;
        }
        Instant at = clock.instant();
        transactions.inAccount(accountId, () -> {
            events.publishEvent(new SuppressionLifted(accountId, lookup, at));
            return null;
        });
        return true;
    }

    private static String clip(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String stripped = text.strip();
        return stripped.length() <= MAX_TEXT ? stripped : stripped.substring(0, MAX_TEXT);
    }
}
