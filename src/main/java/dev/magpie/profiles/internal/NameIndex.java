package dev.magpie.profiles.internal;

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

/** Finds names by prefix in {@code profile_names}, in name order across the buckets of the prefix's initial. */
@Component
public class NameIndex {

    /** The highest code point: appended to a prefix, it bounds every name that starts with the prefix. */
    private static final String AFTER_EVERYTHING = new String(Character.toChars(Character.MAX_CODE_POINT));

    private final CqlSession session;

    private final PreparedStatement range;

    NameIndex(CqlSession session) {
        this.session = session;
        this.range = session.prepare("SELECT name, profile_id FROM profile_names"
                + " WHERE account_id = ? AND initial = ? AND bucket = ? AND (name, profile_id) > (?, ?) AND (name) < (?)");
    }

    /**
     * Names starting with {@code prefix} (normalised, not empty) that sort after {@code afterName} and
     * {@code afterId} (use {@code prefix} and {@code ""} to start at the beginning).
     */
    public Iterator<Hit> scan(String accountId, String prefix, String afterName, String afterId, int batch) {
        String initial = NameKeys.initial(prefix);
        String end = prefix + AFTER_EVERYTHING;
        List<CompletionStage<AsyncResultSet>> queries = new ArrayList<>(ProfileShards.NAME_BUCKETS);
        for (int bucket = 0; bucket < ProfileShards.NAME_BUCKETS; bucket++) {
            queries.add(session.executeAsync(
                    range.bind(accountId, initial, bucket, afterName, afterId, end).setPageSize(batch)));
        }
        ShardedScan rows = new ShardedScan(queries, Comparator.<Row, String>comparing(row -> row.getString("name"))
            .thenComparing(row -> row.getString("profile_id")));
        return new Iterator<>() {

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Hit next() {
                Row row = rows.next();
                return new Hit(row.getString("name"), row.getString("profile_id"));
            }
        };
    }

    /** A name and the profile that has it. */
    public record Hit(String name, String profileId) {
    }
}
