package dev.magpie.profiles.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.github.f4b6a3.ulid.Ulid;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.ProfileScan;
import org.springframework.stereotype.Component;

/**
 * {@link ProfileScan} over {@code profiles_by_shard}: a shard's ids a page at a time, and each page's profile rows
 * read in parallel.
 */
@Component
class ProfileShardScan implements ProfileScan {

    private final CqlSession session;

    private final ProfileRows rows;

    private final PreparedStatement ids;

    private final PreparedStatement count;

    private final PreparedStatement newest;

    private final PreparedStatement oldest;

    private final PreparedStatement atOrBefore;

    private final PreparedStatement after;

    ProfileShardScan(CqlSession session, ProfileRows rows) {
        this.session = session;
        this.rows = rows;
        this.ids = session.prepare("SELECT profile_id FROM profiles_by_shard WHERE account_id = ? AND shard = ?");
        this.count = session.prepare("SELECT count(*) FROM profiles_by_shard WHERE account_id = ? AND shard = ?");
        // The listing is clustered newest id first
        this.newest = session.prepare(
                "SELECT profile_id FROM profiles_by_shard WHERE account_id = ? AND shard = ? LIMIT ?");
        this.oldest = session.prepare("SELECT profile_id FROM profiles_by_shard WHERE account_id = ? AND shard = ? "
                + "ORDER BY profile_id ASC LIMIT 1");
        this.atOrBefore = session.prepare("SELECT profile_id FROM profiles_by_shard WHERE account_id = ? "
                + "AND shard = ? AND profile_id <= ? LIMIT ?");
        this.after = session.prepare("SELECT profile_id FROM profiles_by_shard WHERE account_id = ? AND shard = ? "
                + "AND profile_id > ? LIMIT ?");
    }

    @Override
    public int shards() {
        return ProfileShards.SHARDS;
    }

    @Override
    public long count(String accountId) {
        List<CompletableFuture<Long>> counts = new ArrayList<>();
        for (int shard = 0; shard < ProfileShards.SHARDS; shard++) {
            counts.add(session.executeAsync(count.bind(accountId, shard))
                .thenApply(result -> result.one().getLong(0))
                .toCompletableFuture());
        }
        return counts.stream().mapToLong(CompletableFuture::join).sum();
    }

    @Override
    public void forEachIdPage(String accountId, int shard, int size, Consumer<List<String>> each) {
        List<String> page = new ArrayList<>(size);
        for (Row row : session.execute(ids.bind(accountId, shard).setPageSize(size))) {
            page.add(row.getString("profile_id"));
            if (page.size() == size) {
                each.accept(List.copyOf(page));
                page.clear();
            }
        }
        if (!page.isEmpty()) {
            each.accept(List.copyOf(page));
        }
    }

    @Override
    public List<Profile> read(String accountId, List<String> ids) {
        return rows.findAll(accountId, ids).stream().map(StoredProfile::toProfile).toList();
    }

    @Override
    public List<Profile> sample(String accountId, int shard, int limit) {
        List<String> first = idsOf(newest.bind(accountId, shard, limit + 1));
        if (first.size() <= limit) {
            return profiles(accountId, first);
        }
        String start = randomStart(first.get(0), idsOf(oldest.bind(accountId, shard)));
        // From the random start towards older ids, then round from the newest end: a circular run of the shard
        List<String> run = idsOf(atOrBefore.bind(accountId, shard, start, limit));
        if (run.size() < limit) {
            run.addAll(idsOf(after.bind(accountId, shard, start, limit - run.size())));
        }
        return profiles(accountId, run);
    }

    /** An id at a random time between the shard's oldest and newest ids; the newest when they are not ULIDs. */
    private static String randomStart(String newestId, List<String> oldestIds) {
        if (oldestIds.isEmpty() || !Ulid.isValid(newestId) || !Ulid.isValid(oldestIds.get(0))) {
            return newestId;
        }
        long from = Ulid.from(oldestIds.get(0)).getTime();
        long to = Ulid.from(newestId).getTime();
        long time = to > from ? ThreadLocalRandom.current().nextLong(from, to + 1) : to;
        return new Ulid(time, new byte[Ulid.RANDOM_BYTES]).toString();
    }

    private List<String> idsOf(BoundStatement statement) {
        List<String> ids = new ArrayList<>();
        for (Row row : session.execute(statement)) {
            ids.add(row.getString("profile_id"));
        }
        return ids;
    }

    private List<Profile> profiles(String accountId, List<String> ids) {
        return rows.findAll(accountId, ids).stream().map(StoredProfile::toProfile).toList();
    }
}
