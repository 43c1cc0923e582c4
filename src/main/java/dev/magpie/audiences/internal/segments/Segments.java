package dev.magpie.audiences.internal.segments;

import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.audiences.ListMemberships;
import dev.magpie.audiences.internal.segments.SegmentCatalog.Compiled;
import dev.magpie.profiles.Profiles;
import dev.magpie.shared.Ids;
import dev.magpie.tenancy.TenantTransactions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Creating, changing and deleting segments, and asking why a profile is in one or not: what the API and the
 * pages call. Every method works in the one account it is given.
 */
@Component
class Segments {

    private final SegmentRepository repository;

    private final TenantTransactions transactions;

    private final SegmentCatalog catalog;

    private final SegmentMemberStore members;

    private final ActivityQueries activity;

    private final ObjectProvider<ListMemberships> lists;

    private final Profiles profiles;

    private final SegmentEngine engine;

    private final SegmentLedger ledger;

    private final Clock clock;

    Segments(SegmentRepository repository, TenantTransactions transactions, SegmentCatalog catalog,
            SegmentMemberStore members, ActivityQueries activity, ObjectProvider<ListMemberships> lists,
            Profiles profiles, SegmentEngine engine, SegmentLedger ledger, Clock clock) {
        this.repository = repository;
        this.transactions = transactions;
        this.catalog = catalog;
        this.members = members;
        this.activity = activity;
        this.lists = lists;
        this.profiles = profiles;
        this.engine = engine;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * Creates a segment, to be evaluated in full in the background.
     *
     * @throws DefinitionException when the definition is malformed or names what the account does not have
     */
    Segment create(String accountId, String name, JsonNode definition, boolean starred) {
        String json = checked(accountId, null, definition).toString();
        Segment segment = transactions.inAccount(accountId,
                () -> repository.save(new Segment(Ids.newId(), name, json, starred, clock.instant())));
        catalog.forget(accountId);
        return segment;
    }

    /** Changes what is given (a {@code null} leaves it); a new definition starts a new full evaluation. */
    Optional<Segment> update(String accountId, String segmentId, String name, JsonNode definition, Boolean starred) {
        String json = definition == null ? null : checked(accountId, segmentId, definition).toString();
        Optional<Segment> updated = transactions.inAccount(accountId, () -> repository.findById(segmentId)
            .map(segment -> {
                if (name != null) {
                    segment.rename(name, clock.instant());
                }
                if (starred != null) {
                    segment.star(starred, clock.instant());
                }
                if (json != null) {
                    segment.redefine(json, clock.instant());
                }
                return segment;
            }));
        catalog.forget(accountId);
        return updated;
    }

    /** Deletes the segment and its memberships; {@code false} when the account has no such segment. */
    boolean delete(String accountId, String segmentId) {
        boolean deleted = transactions.inAccount(accountId, () -> repository.findById(segmentId).map(segment -> {
            repository.delete(segment);
            return true;
        }).orElse(false));
        if (deleted) {
            // Segments defined on this one lose it: they are evaluated again in full
            catalog.account(accountId).dependents(segmentId).forEach(dependent -> ledger.requeue(dependent.id()));
            catalog.forget(accountId);
            members.forEachMember(accountId, segmentId,
                    (profileId, since) -> members.exit(accountId, segmentId, profileId));
        }
        return deleted;
    }

    Optional<Segment> find(String accountId, String segmentId) {
        return transactions.inAccount(accountId, () -> repository.findById(segmentId));
    }

    List<Segment> all(String accountId) {
        return transactions.inAccount(accountId, repository::findAllByOrderById);
    }

    /** Why the profile is in the segment or not, as of now; empty when either does not exist. */
    Optional<Evaluation> explain(String accountId, String segmentId, String profileId) {
        SegmentCatalog.Account account = catalog.account(accountId);
        Optional<Compiled> segment = account.find(segmentId);
        return segment.flatMap(found -> profiles.find(accountId, profileId).map(profile -> SegmentEvaluator
            .evaluate(found.definition(), engine.facts(accountId, profile, account, List.of(found)), clock.instant(),
                    account.zone())));
    }

    /** Parses and checks a definition; returns it as it will be stored. */
    private JsonNode checked(String accountId, String segmentId, JsonNode definition) {
        check(accountId, segmentId, definition);
        return definition;
    }

    /**
     * Parses a definition and checks it against the account as a save would, storing nothing: what the builder's
     * previews use.
     *
     * @param segmentId the segment it would define ({@code null} for a new one)
     * @throws DefinitionException when the definition is malformed or names what the account does not have
     */
    SegmentDefinition check(String accountId, String segmentId, JsonNode definition) {
        ZoneId zone = catalog.zone(accountId);
        SegmentDefinition parsed = new DefinitionParser(zone).parse(definition);
        Map<String, Set<String>> others = new HashMap<>();
        for (Compiled other : catalog.account(accountId).segments()) {
            if (!other.id().equals(segmentId)) {
                others.put(other.id(), other.definition().groupIds());
            }
        }
        ListMemberships listMemberships = lists.getIfAvailable();
        DefinitionChecks.check(parsed, segmentId, metricId -> activity.metric(accountId, metricId).isPresent(),
                listId -> listMemberships != null && listMemberships.exists(accountId, listId), others);
        return parsed;
    }
}
