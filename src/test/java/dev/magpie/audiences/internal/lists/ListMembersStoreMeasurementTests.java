package dev.magpie.audiences.internal.lists;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import dev.magpie.audiences.internal.lists.ListMembersStore.MemberPage;
import dev.magpie.audiences.internal.lists.ListMembersStore.Status;
import dev.magpie.shared.Ids;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A list of 20,000 members against the real Cassandra node: the count is exact (pending members left out), paging
 * newest first visits everyone once, and the times it takes are printed for docs/data-model.md.
 */
@SpringBootTest
class ListMembersStoreMeasurementTests {

    private static final int MEMBERS = 20_000;

    @Autowired
    ListMembersStore store;

    @Autowired
    ListRoster roster;

    @Test
    void addsAThousandProfilesInOneCall() {
        String account = Ids.newId();
        String list = Ids.newId();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(Ids.newId());
        }
        long start = System.nanoTime();
        roster.add(account, list, ids);
        long added = System.nanoTime();
        roster.add(account, list, ids);
        long again = System.nanoTime();

        assertThat(store.count(account, list)).isEqualTo(1000);
        System.out.printf("1,000 profiles added to a list in %d ms; adding them again (no change) in %d ms%n",
                (added - start) / 1_000_000, (again - added) / 1_000_000);
        store.removeAll(account, list);
    }

    @Test
    void countsAndPagesALargeListExactly() {
        String account = Ids.newId();
        String list = Ids.newId();
        long writeStart = System.nanoTime();
        List<CompletionStage<?>> writes = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            writes.add(store.put(account, list, Ids.newId(), i % 10 == 0 ? Status.PENDING : Status.CONFIRMED,
                    Instant.now()));
            if (writes.size() == 256) {
                writes.forEach(ListMembersStore::await);
                writes.clear();
            }
        }
        writes.forEach(ListMembersStore::await);
        long written = System.nanoTime();

        long count = store.count(account, list);
        long counted = System.nanoTime();

        Set<String> seen = new HashSet<>();
        Optional<String> after = Optional.empty();
        int pages = 0;
        String previous = null;
        long firstPage = 0;
        do {
            long pageStart = System.nanoTime();
            MemberPage page = store.page(account, list, after, 100);
            if (pages == 0) {
                firstPage = System.nanoTime() - pageStart;
            }
            for (var member : page.members()) {
                assertThat(previous == null || member.profileId().compareTo(previous) < 0).isTrue();
                previous = member.profileId();
                seen.add(member.profileId());
            }
            after = page.next();
            pages++;
        }
        while (after.isPresent());
        long paged = System.nanoTime();

        assertThat(count).isEqualTo(MEMBERS - MEMBERS / 10);
        assertThat(seen).hasSize(MEMBERS);
        System.out.printf("list of %d members: written in %d ms, counted in %d ms, first page of 100 in %d ms, "
                + "all %d pages in %d ms%n", MEMBERS, (written - writeStart) / 1_000_000,
                (counted - written) / 1_000_000, firstPage / 1_000_000, pages, (paged - counted) / 1_000_000);
        store.removeAll(account, list);
        assertThat(store.count(account, list)).isZero();
    }
}
