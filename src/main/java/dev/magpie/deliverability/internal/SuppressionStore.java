package dev.magpie.deliverability.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.magpie.deliverability.Suppression;
import dev.magpie.deliverability.SuppressionReason;
import org.springframework.stereotype.Component;

/**
 * Suppressed addresses in Cassandra (db/cassandra/migrations/V006__deliverability.cql): {@code suppressions}, one
 * partition per address, answers "is it suppressed?"; {@code suppressions_by_time}, over {@value #SHARDS} shards,
 * lists them newest first for the suppressions page.
 *
 * <p>The first suppression of an address wins, decided by a lightweight transaction on {@code suppressions}; the
 * listing row is written after it and deleted before it, and written again whenever the address is suppressed
 * again, so a crash between the two writes is repaired by the next attempt.
 */
@Component
class SuppressionStore {

    /** Partitions of {@code suppressions_by_time} per account; part of the stored data. */
    static final int SHARDS = 64;

    /** Reads one call sends at once. */
    private static final int IN_FLIGHT = 128;

    private final CqlSession session;

    private final PreparedStatement insert;

    private final PreparedStatement insertListed;

    private final PreparedStatement select;

    private final PreparedStatement delete;

    private final PreparedStatement deleteListed;

    private final PreparedStatement selectShard;

    private final PreparedStatement selectShardAfter;

    SuppressionStore(CqlSession session) {
        this.session = session;
        insert = session.prepare("INSERT INTO suppressions (account_id, email, reason, suppressed_at, source, detail) "
                + "VALUES (?, ?, ?, ?, ?, ?) IF NOT EXISTS");
        insertListed = session.prepare("INSERT INTO suppressions_by_time (account_id, shard, suppressed_at, email, "
                + "reason, source, detail) VALUES (?, ?, ?, ?, ?, ?, ?)");
        select = session.prepare("SELECT email, reason, suppressed_at, source, detail FROM suppressions "
                + "WHERE account_id = ? AND email = ?");
        // Conditional like the insert: mixing lightweight transactions with plain writes on one row can reorder them
        delete = session.prepare("DELETE FROM suppressions WHERE account_id = ? AND email = ? IF EXISTS");
        deleteListed = session.prepare("DELETE FROM suppressions_by_time WHERE account_id = ? AND shard = ? "
                + "AND suppressed_at = ? AND email = ?");
        selectShard = session.prepare("SELECT email, reason, suppressed_at, source, detail FROM suppressions_by_time "
                + "WHERE account_id = ? AND shard = ? LIMIT ?");
        selectShardAfter = session.prepare("SELECT email, reason, suppressed_at, source, detail "
                + "FROM suppressions_by_time WHERE account_id = ? AND shard = ? AND (suppressed_at, email) < (?, ?) "
                + "LIMIT ?");
    }

    /** The shard of an address; String.hashCode is fixed by the Java language, so this never drifts. */
    static int shard(String email) {
        return Math.floorMod(email.hashCode(), SHARDS);
    }

    /**
     * Stores the suppression unless the address already has one.
     *
     * @return the address's suppression afterwards, and whether it is this one
     */
    Stored put(String accountId, Suppression wanted) {
        Row row = session.execute(insert.bind(accountId, wanted.email(), wanted.reason().name(), wanted.at(),
                wanted.source(), wanted.detail())).one();
        boolean applied = row != null && row.getBoolean("[applied]");
        // A refused insert answers with the row that is there: the first suppression stands
        Suppression stored = applied ? wanted : suppression(row);
        session.execute(insertListed.bind(accountId, shard(stored.email()), stored.at(), stored.email(),
                stored.reason().name(), stored.source(), stored.detail()));
        return new Stored(stored, applied);
    }

    /** The address's suppression, if any (the address already normalised). */
    Optional<Suppression> find(String accountId, String email) {
        return Optional.ofNullable(session.execute(select.bind(accountId, email)).one())
            .map(SuppressionStore::suppression);
    }

    /** Those of the (normalised) addresses that are suppressed, read in parallel slices. */
    Set<String> suppressedAmong(String accountId, Collection<String> emails) {
        List<String> all = List.copyOf(new LinkedHashSet<>(emails));
        Set<String> suppressed = new LinkedHashSet<>();
        // In slices, so that a batch of thousands does not fill the connection's request slots
        for (int from = 0; from < all.size(); from += IN_FLIGHT) {
            List<String> slice = all.subList(from, Math.min(all.size(), from + IN_FLIGHT));
            List<CompletableFuture<AsyncResultSet>> pending = new ArrayList<>(slice.size());
            for (String email : slice) {
                pending.add(session.executeAsync(select.bind(accountId, email)).toCompletableFuture());
            }
            for (int i = 0; i < slice.size(); i++) {
                if (await(pending.get(i)).one() != null) {
                    suppressed.add(slice.get(i));
                }
            }
        }
        return suppressed;
    }

    /**
     * Removes the address's suppression: the listing row first, so that a crash leaves at worst a suppression the
     * page does not show rather than one it shows and cannot lift.
     *
     * @return the suppression removed
     */
    Optional<Suppression> remove(String accountId, String email) {
        Optional<Suppression> found = find(accountId, email);
        found.ifPresent(suppression -> {
            session.execute(deleteListed.bind(accountId, shard(email), suppression.at(), email));
            session.execute(delete.bind(accountId, email));
        });
        return found;
    }

    /**
     * One page of the account's suppressions, newest first: each shard is asked for its first {@code size} rows
     * after the cursor, at once, and the answers are merged.
     */
    Page page(String accountId, Optional<Cursor> after, int size) {
        List<CompletableFuture<AsyncResultSet>> shards = new ArrayList<>(SHARDS);
        for (int shard = 0; shard < SHARDS; shard++) {
            shards.add(session.executeAsync(after.isPresent()
                    ? selectShardAfter.bind(accountId, shard, after.get().at(), after.get().email(), size + 1)
                    : selectShard.bind(accountId, shard, size + 1)).toCompletableFuture());
        }
        List<Suppression> merged = new ArrayList<>();
        for (CompletableFuture<AsyncResultSet> shard : shards) {
            await(shard).currentPage().forEach(row -> merged.add(suppression(row)));
        }
        merged.sort(Comparator.comparing(Suppression::at).thenComparing(Suppression::email).reversed());
        List<Suppression> page = List.copyOf(merged.subList(0, Math.min(size, merged.size())));
        Optional<Cursor> next = merged.size() > size
                ? Optional.of(new Cursor(page.get(page.size() - 1).at(), page.get(page.size() - 1).email()))
                : Optional.empty();
        return new Page(page, next);
    }

    private static Suppression suppression(Row row) {
        return new Suppression(row.getString("email"), SuppressionReason.valueOf(row.getString("reason")),
                row.getInstant("suppressed_at"), row.getString("source"), row.getString("detail"));
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        }
        catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
    }

    /** A suppression as stored, and whether this call stored it. */
    record Stored(Suppression suppression, boolean created) {
    }

    /** Where a page of suppressions ends: the last one's time and address. */
    record Cursor(Instant at, String email) {

        /** {@code millis~email}, for a page's "next" link. */
        String encode() {
            return at.toEpochMilli() + "~" + email;
        }

        /** The cursor a "next" link carries; empty when it is missing or unreadable. */
        static Optional<Cursor> decode(String value) {
            if (value == null) {
                return Optional.empty();
            }
            int tilde = value.indexOf('~');
            if (tilde <= 0 || tilde == value.length() - 1) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Cursor(Instant.ofEpochMilli(Long.parseLong(value.substring(0, tilde))),
                        value.substring(tilde + 1)));
            }
            catch (NumberFormatException unreadable) {
                return Optional.empty();
            }
        }
    }

    /** A page of suppressions, and where the next one starts. */
    record Page(List<Suppression> suppressions, Optional<Cursor> next) {
    }
}
