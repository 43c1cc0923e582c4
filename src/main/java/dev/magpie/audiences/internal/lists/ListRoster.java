package dev.magpie.audiences.internal.lists;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import dev.magpie.audiences.ListMembershipChanged;
import dev.magpie.audiences.internal.lists.ListMembersStore.Membership;
import dev.magpie.audiences.internal.lists.ListMembersStore.Status;
import dev.magpie.tenancy.TenantTransactions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Puts profiles on lists and takes them off, and tells the other modules with {@link ListMembershipChanged}
 * whenever someone becomes or stops being a confirmed member. The events are published inside a transaction, so
 * that Spring Modulith's registry keeps them for transactional listeners (segments) and retries a failed one.
 * Cassandra has no transaction to join: memberships are written first and announced last.
 */
@Component
class ListRoster {

    private final ListMembersStore store;

    private final TenantTransactions transactions;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    ListRoster(ListMembersStore store, TenantTransactions transactions, ApplicationEventPublisher events,
            Clock clock) {
        this.store = store;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /** Makes the profiles confirmed members; those already members stay as they were (and since when). */
    void add(String accountId, String listId, Collection<String> profileIds) {
        Instant now = clock.instant();
        List<String> joined = new ArrayList<>();
        List<CompletionStage<?>> writes = new ArrayList<>();
        List<String> distinct = List.copyOf(new LinkedHashSet<>(profileIds));
        List<Optional<Membership>> memberships = store.findAll(accountId, listId, distinct);
        for (int i = 0; i < distinct.size(); i++) {
            String profileId = distinct.get(i);
            Optional<Membership> existing = memberships.get(i);
            if (existing.isEmpty() || !existing.get().confirmed()) {
                writes.add(store.put(accountId, listId, profileId, Status.CONFIRMED, now));
                joined.add(profileId);
            }
            if (writes.size() == 128) {
                writes.forEach(ListMembersStore::await);
                writes.clear();
            }
        }
        writes.forEach(ListMembersStore::await);
        announce(accountId, listId, joined, true, now);
    }

    /** Puts the profile on the list as waiting for its double opt-in, unless it is a member already. */
    boolean addPending(String accountId, String listId, String profileId) {
        Optional<Membership> existing = store.find(accountId, listId, profileId);
        if (existing.isPresent() && existing.get().confirmed()) {
            return false;
        }
        ListMembersStore.await(store.put(accountId, listId, profileId, Status.PENDING, clock.instant()));
        return true;
    }

    /** Confirms a pending membership; false when there is none to confirm (already confirmed, or removed). */
    boolean confirm(String accountId, String listId, String profileId) {
        Optional<Membership> existing = store.find(accountId, listId, profileId);
        if (existing.isEmpty() || existing.get().confirmed()) {
            return false;
        }
        Instant now = clock.instant();
        ListMembersStore.await(store.put(accountId, listId, profileId, Status.CONFIRMED, now));
        announce(accountId, listId, List.of(profileId), true, now);
        return true;
    }

    /** Whether the profile is a confirmed member of the list. */
    boolean isMember(String accountId, String listId, String profileId) {
        return store.find(accountId, listId, profileId).map(Membership::confirmed).orElse(false);
    }

    /** Takes the profiles off the list (members and pending alike). */
    void remove(String accountId, String listId, Collection<String> profileIds) {
        Instant now = clock.instant();
        List<String> left = new ArrayList<>();
        List<CompletionStage<?>> writes = new ArrayList<>();
        List<String> distinct = List.copyOf(new LinkedHashSet<>(profileIds));
        List<Optional<Membership>> memberships = store.findAll(accountId, listId, distinct);
        for (int i = 0; i < distinct.size(); i++) {
            String profileId = distinct.get(i);
            Optional<Membership> existing = memberships.get(i);
            if (existing.isPresent()) {
                writes.add(store.remove(accountId, listId, profileId));
                if (existing.get().confirmed()) {
                    left.add(profileId);
                }
                if (writes.size() == 128) {
                    writes.forEach(ListMembersStore::await);
                    writes.clear();
                }
            }
        }
        writes.forEach(ListMembersStore::await);
        announce(accountId, listId, left, false, now);
    }

    /**
     * Moves the memberships of merged-away profiles to the survivor; the survivor keeps its own where it has one.
     */
    void merge(String accountId, String survivorId, List<String> mergedIds) {
        for (String mergedId : mergedIds) {
            if (mergedId.equals(survivorId)) {
                continue;
            }
            Map<String, Membership> survivors = new java.util.HashMap<>();
            store.ofProfile(accountId, survivorId).forEach(membership -> survivors.put(membership.listId(), membership));
            for (Membership membership : store.ofProfile(accountId, mergedId)) {
                Membership kept = survivors.get(membership.listId());
                if (kept == null || (!kept.confirmed() && membership.confirmed())) {
                    ListMembersStore.await(store.put(accountId, membership.listId(), survivorId, membership.status(),
                            membership.since()));
                    if (membership.confirmed()) {
                        announce(accountId, membership.listId(), List.of(survivorId), true, clock.instant());
                    }
                }
                ListMembersStore.await(store.remove(accountId, membership.listId(), mergedId));
                if (membership.confirmed()) {
                    announce(accountId, membership.listId(), List.of(mergedId), false, clock.instant());
                }
            }
        }
    }

    private void announce(String accountId, String listId, List<String> profileIds, boolean member, Instant at) {
        if (profileIds.isEmpty()) {
            return;
        }
        transactions.inAccount(accountId, () -> {
            profileIds.forEach(profileId -> events.publishEvent(
                    new ListMembershipChanged(accountId, listId, profileId, member, at)));
            return null;
        });
    }
}
