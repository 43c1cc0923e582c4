package dev.magpie.audiences.internal.lists;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.magpie.profiles.ProfileScan;
import org.springframework.stereotype.Component;

/**
 * Who is on each list, in Cassandra (db/cassandra/migrations/V004__lists.cql): {@code list_members} by list, over
 * {@value #SHARDS} shards, and {@code lists_by_profile} by profile. Both rows of a membership are written and
 * deleted together in a logged batch, so the two views never disagree for long.
 *
 * <p>Counts are exact: they are counted, shard by shard in parallel, from {@code list_members} when asked for,
 * instead of being kept in a counter that a retried or lost write would skew (docs/data-model.md, "Lists").
 */
@Component
class ListMembersStore {

    /** Partitions of {@code list_members} per list; part of the stored data (changing it rewrites the table). */
    static final int SHARDS = ProfileScan.SHARDS;

    /** Reads one call sends at once. */
    private static final int IN_FLIGHT = 128;

    private final CqlSession session;

    private final PreparedStatement insertMember;

    private final PreparedStatement insertByProfile;

    private final PreparedStatement deleteMember;

    private final PreparedStatement deleteByProfile;

    private final PreparedStatement selectByProfile;

    private final PreparedStatement selectOneByProfile;

    private final PreparedStatement selectShard;

    private final PreparedStatement selectShardAfter;

    private final PreparedStatement selectWholeShard;

    private final PreparedStatement countShard;

    private final PreparedStatement deleteShard;

    ListMembersStore(CqlSession session) {
        this.session = session;
        insertMember = session.prepare("INSERT INTO list_members (account_id, list_id, shard, profile_id, status, "
                + "since) VALUES (?, ?, ?, ?, ?, ?)");
        insertByProfile = session.prepare("INSERT INTO lists_by_profile (account_id, profile_id, list_id, status, "
                + "since) VALUES (?, ?, ?, ?, ?)");
        deleteMember = session.prepare(
                "DELETE FROM list_members WHERE account_id = ? AND list_id = ? AND shard = ? AND profile_id = ?");
        deleteByProfile = session.prepare(
                "DELETE FROM lists_by_profile WHERE account_id = ? AND profile_id = ? AND list_id = ?");
        selectByProfile = session.prepare(
                "SELECT list_id, status, since FROM lists_by_profile WHERE account_id = ? AND profile_id = ?");
        selectOneByProfile = session.prepare("SELECT list_id, status, since FROM lists_by_profile "
                + "WHERE account_id = ? AND profile_id = ? AND list_id = ?");
        selectShard = session.prepare("SELECT profile_id, status, since FROM list_members "
                + "WHERE account_id = ? AND list_id = ? AND shard = ? LIMIT ?");
        selectShardAfter = session.prepare("SELECT profile_id, status, since FROM list_members "
                + "WHERE account_id = ? AND list_id = ? AND shard = ? AND profile_id < ? LIMIT ?");
        selectWholeShard = session.prepare("SELECT profile_id, status, since FROM list_members "
                + "WHERE account_id = ? AND list_id = ? AND shard = ?");
        // Filtering inside one partition reads only that partition: it is how a count skips pending members
        countShard = session.prepare("SELECT COUNT(*) FROM list_members WHERE account_id = ? AND list_id = ? "
                + "AND shard = ? AND status = 'CONFIRMED' ALLOW FILTERING");
        deleteShard = session.prepare("DELETE FROM list_members WHERE account_id = ? AND list_id = ? AND shard = ?");
    }

    /** The shard of a profile; String.hashCode is fixed by the Java language, so this never drifts. */
    static int shard(String profileId) {
        return ProfileScan.shardOf(profileId);
    }

    /** The profile's membership of the list, confirmed or pending. */
    Optional<Membership> find(String accountId, String listId, String profileId) {
        Row row = session.execute(selectOneByProfile.bind(accountId, profileId, listId)).one();
        return Optional.ofNullable(row).map(found -> membership(profileId, found));
    }

    /** The memberships of each profile, asked for all at once; in the order of {@code profileIds}. */
    List<Optional<Membership>> findAll(String accountId, String listId, List<String> profileIds) {
        List<Optional<Membership>> found = new ArrayList<>(profileIds.size());
        // In slices, so that a request naming a thousand profiles does not fill the connection's request slots
        for (int from = 0; from < profileIds.size(); from += IN_FLIGHT) {
            List<String> slice = profileIds.subList(from, Math.min(profileIds.size(), from + IN_FLIGHT));
            List<CompletableFuture<AsyncResultSet>> pending = new ArrayList<>(slice.size());
            for (String profileId : slice) {
                pending.add(session.executeAsync(selectOneByProfile.bind(accountId, profileId, listId))
                    .toCompletableFuture());
            }
            for (int i = 0; i < slice.size(); i++) {
                String profileId = slice.get(i);
                found.add(Optional.ofNullable(await(pending.get(i)).one()).map(row -> membership(profileId, row)));
            }
        }
        return found;
    }

    /** Every membership of the profile, in list id order. */
    List<Membership> ofProfile(String accountId, String profileId) {
        List<Membership> memberships = new ArrayList<>();
        session.execute(selectByProfile.bind(accountId, profileId))
            .forEach(row -> memberships.add(membership(profileId, row)));
        return memberships;
    }

    /** Puts (or replaces) the profile's membership of the list. */
    CompletionStage<AsyncResultSet> put(String accountId, String listId, String profileId, Status status,
            Instant since) {
        return session.executeAsync(BatchStatement.newInstance(BatchType.LOGGED,
                insertMember.bind(accountId, listId, shard(profileId), profileId, status.name(), since),
                insertByProfile.bind(accountId, profileId, listId, status.name(), since)));
    }

    /** Takes the profile off the list. */
    CompletionStage<AsyncResultSet> remove(String accountId, String listId, String profileId) {
        return session.executeAsync(BatchStatement.newInstance(BatchType.LOGGED,
                deleteMember.bind(accountId, listId, shard(profileId), profileId),
                deleteByProfile.bind(accountId, profileId, listId)));
    }

    /**
     * One page of the list's members (pending ones too), newest profile first: each shard is asked for its first
     * {@code size} members after the cursor, at once, and the answers are merged.
     *
     * @param after the profile id the previous page ended with
     */
    MemberPage page(String accountId, String listId, Optional<String> after, int size) {
        List<CompletableFuture<AsyncResultSet>> shards = new ArrayList<>(SHARDS);
        for (int shard = 0; shard < SHARDS; shard++) {
            shards.add(session.executeAsync(after.isPresent()
                    ? selectShardAfter.bind(accountId, listId, shard, after.get(), size + 1)
                    : selectShard.bind(accountId, listId, shard, size + 1)).toCompletableFuture());
        }
        List<Membership> merged = new ArrayList<>();
        for (CompletableFuture<AsyncResultSet> shard : shards) {
            await(shard).currentPage().forEach(row -> merged.add(member(listId, row)));
        }
        merged.sort(Comparator.comparing(Membership::profileId).reversed());
        boolean more = merged.size() > size;
        List<Membership> page = List.copyOf(merged.subList(0, Math.min(size, merged.size())));
        return new MemberPage(page, more ? Optional.of(page.get(page.size() - 1).profileId()) : Optional.empty());
    }

    /** How many confirmed members the list has, counted now. */
    long count(String accountId, String listId) {
        List<CompletableFuture<AsyncResultSet>> shards = new ArrayList<>(SHARDS);
        for (int shard = 0; shard < SHARDS; shard++) {
            shards.add(session.executeAsync(countShard.bind(accountId, listId, shard)).toCompletableFuture());
        }
        long total = 0;
        for (CompletableFuture<AsyncResultSet> shard : shards) {
            Row row = await(shard).one();
            total += row == null ? 0 : row.getLong(0);
        }
        return total;
    }

    /** Streams every membership of the list, shard by shard, a driver page at a time. */
    void forEach(String accountId, String listId, Consumer<Membership> member) {
        for (int shard = 0; shard < SHARDS; shard++) {
            forEachOfShard(accountId, listId, shard, member);
        }
    }

    /** Streams every membership of one shard of the list, a driver page at a time. */
    void forEachOfShard(String accountId, String listId, int shard, Consumer<Membership> member) {
        session.execute(selectWholeShard.bind(accountId, listId, shard)).forEach(row -> member.accept(member(
                listId, row)));
    }

    /** Takes everyone off the list: first each profile's row, then the list's shards. */
    void removeAll(String accountId, String listId) {
        for (int shard = 0; shard < SHARDS; shard++) {
            List<CompletableFuture<AsyncResultSet>> pending = new ArrayList<>();
            for (Row row : session.execute(selectWholeShard.bind(accountId, listId, shard))) {
                pending.add(session.executeAsync(deleteByProfile.bind(accountId, row.getString("profile_id"), listId))
                    .toCompletableFuture());
            }
            pending.forEach(ListMembersStore::await);
            session.execute(deleteShard.bind(accountId, listId, shard));
        }
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        }
        catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
    }

    private static Membership membership(String profileId, Row row) {
        return new Membership(row.getString("list_id"), profileId, Status.valueOf(row.getString("status")),
                row.getInstant("since"));
    }

    private static Membership member(String listId, Row row) {
        return new Membership(listId, row.getString("profile_id"), Status.valueOf(row.getString("status")),
                row.getInstant("since"));
    }

    /** Whether a profile on a list is a member, or still waits for its double opt-in. */
    enum Status {
        CONFIRMED, PENDING
    }

    /** A profile on a list. */
    record Membership(String listId, String profileId, Status status, Instant since) {

        boolean confirmed() {
            return status == Status.CONFIRMED;
        }
    }

    /** A page of members, and the profile id the next page starts after. */
    record MemberPage(List<Membership> members, Optional<String> next) {
    }
}
