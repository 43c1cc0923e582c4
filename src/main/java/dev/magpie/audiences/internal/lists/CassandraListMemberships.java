package dev.magpie.audiences.internal.lists;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.magpie.audiences.ListDirectory;
import dev.magpie.audiences.ListMemberships;
import dev.magpie.audiences.Subscription;
import dev.magpie.audiences.internal.lists.ListMembersStore.Membership;
import org.springframework.stereotype.Component;

/**
 * Lists as the other modules see them: who is a confirmed member (segments, campaigns, flows) and which lists
 * there are and a profile is on (pages, imports, storefront signups).
 */
@Component
class CassandraListMemberships implements ListMemberships, ListDirectory {

    private final ListCatalog catalog;

    private final ListMembersStore store;

    private final ListRoster roster;

    private final ListSubscriptions subscriptions;

    CassandraListMemberships(ListCatalog catalog, ListMembersStore store, ListRoster roster,
            ListSubscriptions subscriptions) {
        this.catalog = catalog;
        this.store = store;
        this.roster = roster;
        this.subscriptions = subscriptions;
    }

    @Override
    public boolean exists(String accountId, String listId) {
        return catalog.find(accountId, listId).isPresent();
    }

    @Override
    public Optional<Instant> memberSince(String accountId, String listId, String profileId) {
        // Cassandra first: most profiles asked about are not members, and then MySQL need not be asked at all
        return store.find(accountId, listId, profileId)
            .filter(Membership::confirmed)
            .filter(membership -> exists(accountId, listId))
            .map(Membership::since);
    }

    @Override
    public Map<String, Instant> confirmedMembers(String accountId, String listId, int shard) {
        Map<String, Instant> members = new HashMap<>();
        if (exists(accountId, listId)) {
            store.forEachOfShard(accountId, listId, shard, membership -> {
                if (membership.confirmed()) {
                    members.put(membership.profileId(), membership.since());
                }
            });
        }
        return members;
    }

    @Override
    public void forEachMember(String accountId, String listId, Consumer<String> member) {
        if (!exists(accountId, listId)) {
            return;
        }
        store.forEach(accountId, listId, membership -> {
            if (membership.confirmed()) {
                member.accept(membership.profileId());
            }
        });
    }

    @Override
    public List<ListSummary> all(String accountId) {
        return catalog.all(accountId).stream()
            .map(list -> new ListSummary(list.id(), list.name(), list.doubleOptIn()))
            .toList();
    }

    @Override
    public List<ProfileListMembership> listsOf(String accountId, String profileId) {
        Map<String, ListDefinition> lists = catalog.all(accountId).stream()
            .collect(Collectors.toMap(ListDefinition::id, Function.identity()));
        // Rows of a deleted list whose clean-up has not finished are not shown
        return store.ofProfile(accountId, profileId).stream()
            .filter(membership -> lists.containsKey(membership.listId()))
            .map(membership -> new ProfileListMembership(membership.listId(), lists.get(membership.listId()).name(),
                    membership.confirmed(), membership.since()))
            .sorted(Comparator.comparing(ProfileListMembership::listName, String.CASE_INSENSITIVE_ORDER))
            .toList();
    }

    @Override
    public void add(String accountId, String listId, Collection<String> profileIds) {
        catalog.require(accountId, listId);
        roster.add(accountId, listId, profileIds);
    }

    @Override
    public SubscriptionOutcome subscribe(String accountId, String listId, Subscription subscription) {
        return subscriptions.subscribe(accountId, Optional.of(catalog.require(accountId, listId)), subscription,
                null);
    }
}
