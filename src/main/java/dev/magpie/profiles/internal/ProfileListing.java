package dev.magpie.profiles.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletionStage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import org.springframework.stereotype.Component;

/**
 * Every live profile of an account in id order, which is creation order ({@code profiles_by_shard}), read
 * across all shards at once.
 */
@Component
public class ProfileListing {

    /** Sorts after every ULID (digits and upper-case letters): an open upper bound. */
    public static final String HIGHEST = "~";

    /** Sorts before every id: an open lower bound. */
    public static final String LOWEST = "";

    private final CqlSession session;

    private final PreparedStatement ascending;

    private final PreparedStatement descending;

    ProfileListing(CqlSession session) {
        this.session = session;
        String range = "SELECT profile_id, updated FROM profiles_by_shard"
                + " WHERE account_id = ? AND shard = ? AND profile_id > ? AND profile_id < ?";
        this.ascending = session.prepare(range + " ORDER BY profile_id ASC");
        this.descending = session.prepare(range + " ORDER BY profile_id DESC");
    }

    /**
     * The listed profiles with ids strictly between {@code above} and {@code below}, oldest or newest first.
     *
     * @param batch how many rows to fetch from each shard at a time: about what the caller will take, spread
     * over the shards
     */
    public Iterator<Listed> scan(String accountId, boolean oldestFirst, String above, String below, int batch) {
        PreparedStatement statement = oldestFirst ? ascending : descending;
        List<CompletionStage<AsyncResultSet>> queries = new ArrayList<>(ProfileShards.SHARDS);
        for (int shard = 0; shard < ProfileShards.SHARDS; shard++) {
            queries.add(session.executeAsync(statement.bind(accountId, shard, above, below).setPageSize(batch)));
        }
        Comparator<Row> byId = Comparator.comparing(row -> row.getString("profile_id"));
        ShardedScan rows = new ShardedScan(queries, oldestFirst ? byId : byId.reversed());
        return new Iterator<>() {

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Listed next() {
                Row row = rows.next();
                return new Listed(row.getString("profile_id"), row.getInstant("updated"));
            }
        };
    }

    /** A per-shard batch size for pages of {@code pageSize}: a couple of rows per shard, never fewer than 2. */
    public static int batchFor(int pageSize) {
        return Math.max(2, Math.min(100, (2 * pageSize + ProfileShards.SHARDS - 1) / ProfileShards.SHARDS + 1));
    }

    /** A listed profile and when it last changed. */
    public record Listed(String id, Instant updated) {
    }
}
