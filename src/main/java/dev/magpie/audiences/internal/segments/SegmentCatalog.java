package dev.magpie.audiences.internal.segments;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.magpie.shared.RecentCache;
import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.tenancy.AccountView;
import dev.magpie.tenancy.TenantTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * An account's segments with their parsed definitions and what each depends on (metrics, lists and segments, the
 * profile itself), remembered for {@code catalog-ttl} so that every event does not read MySQL; forgotten at once
 * on this instance when a segment changes.
 */
@Component
class SegmentCatalog {

    private static final Logger log = LoggerFactory.getLogger(SegmentCatalog.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SegmentRepository segments;

    private final TenantTransactions transactions;

    private final AccountDirectory accounts;

    private final RecentCache<String, Account> cache;

    SegmentCatalog(SegmentRepository segments, TenantTransactions transactions, AccountDirectory accounts,
            SegmentsProperties properties) {
        this.segments = segments;
        this.transactions = transactions;
        this.accounts = accounts;
        this.cache = new RecentCache<>(properties.catalogTtl(), 10_000);
    }

    /** The account's segments and its time zone. */
    Account account(String accountId) {
        Account account = cache.get(accountId);
        if (account == null) {
            account = load(accountId);
            cache.put(accountId, account);
        }
        return account;
    }

    void forget(String accountId) {
        cache.removeIf((key, value) -> key.equals(accountId));
    }

    /** The account's time zone: day-based windows are days of this zone (UTC when the account has none). */
    ZoneId zone(String accountId) {
        return account(accountId).zone();
    }

    private Account load(String accountId) {
        ZoneId zone = accounts.find(accountId).map(AccountView::timezone).flatMap(SegmentCatalog::zoneOf)
            .orElse(ZoneId.of("UTC"));
        List<Compiled> compiled = new ArrayList<>();
        for (Segment segment : transactions.inAccount(accountId, segments::findAllByOrderById)) {
            try {
                compiled.add(compile(segment.id(), segment.name(), segment.definition(), zone));
            }
            catch (RuntimeException unreadable) {
                log.warn("Segment {} of account {} has a definition this version cannot read", segment.id(),
                        accountId, unreadable);
            }
        }
        return new Account(zone, compiled);
    }

    static Compiled compile(String id, String name, String definition, ZoneId zone) {
        return new Compiled(id, name, new DefinitionParser(zone).parse(JSON.readTree(definition)));
    }

    static Optional<ZoneId> zoneOf(String name) {
        try {
            return name == null || name.isBlank() ? Optional.empty() : Optional.of(ZoneId.of(name));
        }
        catch (RuntimeException unknown) {
            return Optional.empty();
        }
    }

    /** One account's segments. */
    record Account(ZoneId zone, List<Compiled> segments) {

        Optional<Compiled> find(String segmentId) {
            return segments.stream().filter(segment -> segment.id().equals(segmentId)).findFirst();
        }

        /** The segments whose definitions name {@code segmentId}. */
        List<Compiled> dependents(String segmentId) {
            return segments.stream().filter(segment -> segment.definition().groupIds().contains(segmentId)).toList();
        }
    }

    /** A segment with its parsed definition. */
    record Compiled(String id, String name, SegmentDefinition definition) {
    }
}
