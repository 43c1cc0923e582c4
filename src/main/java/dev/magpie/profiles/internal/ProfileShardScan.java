package dev.magpie.profiles.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
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

    ProfileShardScan(CqlSession session, ProfileRows rows) {
        this.session = session;
        this.rows = rows;
        this.ids = session.prepare("SELECT profile_id FROM profiles_by_shard WHERE account_id = ? AND shard = ?");
        this.count = session.prepare("SELECT count(*) FROM profiles_by_shard WHERE account_id = ? AND shard = ?");
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
    public void forEachPage(String accountId, int shard, int size, Consumer<List<Profile>> each) {
        List<String> page = new ArrayList<>(size);
        for (Row row : session.execute(ids.bind(accountId, shard).setPageSize(size))) {
            page.add(row.getString("profile_id"));
            if (page.size() == size) {
                each.accept(rows.findAll(accountId, page).stream().map(StoredProfile::toProfile).toList());
                page.clear();
            }
        }
        if (!page.isEmpty()) {
            each.accept(rows.findAll(accountId, page).stream().map(StoredProfile::toProfile).toList());
        }
    }
}
