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

    private static final int PAGE = 200;

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
    public void forEach(String accountId, int shard, Consumer<Profile> each) {
        List<String> page = new ArrayList<>(PAGE);
        for (Row row : session.execute(ids.bind(accountId, shard).setPageSize(PAGE))) {
            page.add(row.getString("profile_id"));
            if (page.size() == PAGE) {
                rows.findAll(accountId, page).forEach(profile -> each.accept(profile.toProfile()));
                page.clear();
            }
        }
        rows.findAll(accountId, page).forEach(profile -> each.accept(profile.toProfile()));
    }
}
