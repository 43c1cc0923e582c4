package dev.magpie.sending.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import org.springframework.stereotype.Component;

/**
 * The message log in Cassandra (db/cassandra/migrations/V010__message_log_shards.cql): one row per (account,
 * source, profile), the idempotency key of a send job. A consumer claims the row with a lightweight transaction
 * before it sends, and every later change is conditional on its claim, so two deliveries of one job never both
 * send, and a consumer that lost its claim cannot overwrite the outcome of the one that took it over.
 *
 * <p>A source's rows are spread over {@link #SHARDS} partitions: Paxos orders the lightweight transactions of one
 * partition one after another, so the send workers of a campaign would otherwise wait on each other.
 */
@Component
class MessageLog {

    /** How many partitions a source's rows are spread over. */
    static final int SHARDS = 256;

    /** Shards read together by one query ({@code shard IN ?}) when a source is read whole. */
    private static final int SHARDS_PER_READ = 32;

    /** Where a message stands; SENT, BOUNCED and SKIPPED are final: the message is never sent again. */
    enum State {
        CLAIMED, DEFERRED, SENT, BOUNCED, SKIPPED, FAILED;

        boolean isFinal() {
            return this == SENT || this == BOUNCED || this == SKIPPED;
        }
    }

    /** A row as stored. */
    record Entry(String profileId, State state, String claimId, Instant claimedAt, String email, String messageId,
            Instant updatedAt, String smtpReply, String detail) {
    }

    /** The outcome of a claim: the claim's id when it was won, otherwise the entry that stands. */
    record Claim(String claimId, Entry existing) {

        boolean won() {
            return claimId != null;
        }
    }

    private final CqlSession session;

    private final PreparedStatement insert;

    private final PreparedStatement takeOver;

    private final PreparedStatement finish;

    private final PreparedStatement select;

    private final PreparedStatement states;

    private final PreparedStatement outcomes;

    MessageLog(CqlSession session) {
        this.session = session;
        insert = session.prepare("INSERT INTO message_log (account_id, source_id, shard, profile_id, state, "
                + "claim_id, claimed_at, updated_at) VALUES (?, ?, ?, ?, 'CLAIMED', ?, ?, ?) IF NOT EXISTS");
        takeOver = session.prepare("UPDATE message_log SET state = 'CLAIMED', claim_id = ?, claimed_at = ?, "
                + "updated_at = ? WHERE account_id = ? AND source_id = ? AND shard = ? AND profile_id = ? "
                + "IF claim_id = ?");
        finish = session.prepare("UPDATE message_log SET state = ?, email = ?, message_id = ?, updated_at = ?, "
                + "smtp_reply = ?, detail = ? WHERE account_id = ? AND source_id = ? AND shard = ? AND profile_id = ? "
                + "IF claim_id = ?");
        select = session.prepare("SELECT profile_id, state, claim_id, claimed_at, email, message_id, updated_at, "
                + "smtp_reply, detail FROM message_log WHERE account_id = ? AND source_id = ? AND shard = ? "
                + "AND profile_id = ?");
        states = session.prepare("SELECT state FROM message_log WHERE account_id = ? AND source_id = ? "
                + "AND shard IN ?");
        outcomes = session.prepare("SELECT state, detail FROM message_log WHERE account_id = ? AND source_id = ? "
                + "AND shard IN ?");
    }

    /**
     * The shard of a profile's row: the high bits of a Fibonacci hash of the id, so that it has nothing to do with
     * the membership shards ({@code hashCode mod 64}) a launch reads its recipients in, and consecutive jobs land on
     * different shards. String.hashCode is fixed by the Java language, so this never drifts.
     */
    static int shardOf(String profileId) {
        return (profileId.hashCode() * 0x9E3779B9) >>> (Integer.SIZE - Integer.numberOfTrailingZeros(SHARDS));
    }

    /**
     * How many of the source's messages are settled for good — sent, bounced, skipped or failed — read from its
     * shards page by page. A campaign is sent when this reaches the number of jobs published.
     */
    long countSettled(String accountId, String sourceId) {
        return countByState(accountId, sourceId).entrySet().stream()
            .filter(count -> count.getKey().isFinal() || count.getKey() == State.FAILED)
            .mapToLong(Map.Entry::getValue)
            .sum();
    }

    /** How many of the source's messages are in each state, read from its shards page by page. */
    Map<State, Long> countByState(String accountId, String sourceId) {
        Map<State, Long> counts = new EnumMap<>(State.class);
        forEachOutcome(states, accountId, sourceId,
                (state, detail) -> counts.merge(state, 1L, Long::sum));
        return counts;
    }

    /**
     * Calls {@code outcome} with the state and detail of each of the source's messages, read from its shards page
     * by page: for reports, which group the skips by their reason.
     */
    void forEachOutcome(String accountId, String sourceId, BiConsumer<State, String> outcome) {
        forEachOutcome(outcomes, accountId, sourceId, outcome);
    }

    private void forEachOutcome(PreparedStatement query, String accountId, String sourceId,
            BiConsumer<State, String> outcome) {
        boolean withDetail = query == outcomes;
        for (int first = 0; first < SHARDS; first += SHARDS_PER_READ) {
            List<Integer> shards = IntStream.range(first, first + SHARDS_PER_READ).boxed().toList();
            for (Row row : session.execute(query.bind(accountId, sourceId, shards).setPageSize(5000))) {
                outcome.accept(State.valueOf(row.getString("state")), withDetail ? row.getString("detail") : null);
            }
        }
    }

    /**
     * Claims the message for this attempt: a new row, or one whose earlier attempt was deferred, failed (when
     * {@code retryFailed}), or claimed longer than {@code lease} ago (its consumer died). A final row, or a fresh
     * claim of another consumer, is left alone.
     */
    Claim claim(String accountId, String sourceId, String profileId, Instant now, Duration lease,
            boolean retryFailed) {
        String claimId = UUID.randomUUID().toString();
        int shard = shardOf(profileId);
        Row row = session.execute(insert.bind(accountId, sourceId, shard, profileId, claimId, now, now)).one();
        if (row != null && row.getBoolean("[applied]")) {
            return new Claim(claimId, null);
        }
        Entry existing = find(accountId, sourceId, profileId).orElseThrow();
        boolean takeable = existing.state() == State.DEFERRED || retryFailed && existing.state() == State.FAILED
                || existing.state() == State.CLAIMED && existing.claimedAt().plus(lease).isBefore(now);
        if (!takeable) {
            return new Claim(null, existing);
        }
        Row taken = session.execute(takeOver.bind(claimId, now, now, accountId, sourceId, shard, profileId,
                existing.claimId())).one();
        return taken != null && taken.getBoolean("[applied]") ? new Claim(claimId, null)
                : new Claim(null, find(accountId, sourceId, profileId).orElseThrow());
    }

    /** The profiles by the shard of their message, each shard's in the order given, the shards by first appearance. */
    static List<List<String>> byShard(List<String> profileIds) {
        Map<Integer, List<String>> byShard = new LinkedHashMap<>();
        for (String profileId : profileIds) {
            byShard.computeIfAbsent(shardOf(profileId), shard -> new ArrayList<>()).add(profileId);
        }
        return List.copyOf(byShard.values());
    }

    /**
     * Claims the messages of {@code profileIds} for this attempt, as {@link #claim} claims one: the recipients of one
     * shard in one conditional batch (one Paxos round for all of them) when none of them has a row yet, as is the
     * case on a job's first delivery; otherwise, or for a recipient alone in its shard, one by one.
     *
     * @return each recipient's claim, in the order given
     */
    Map<String, Claim> claimAll(String accountId, String sourceId, List<String> profileIds, Instant now,
            Duration lease, boolean retryFailed) {
        Map<String, Claim> claims = new HashMap<>();
        for (List<String> ids : byShard(profileIds)) {
            if (ids.size() > 1) {
                Map<String, Claim> fresh = claimFresh(accountId, sourceId, shardOf(ids.get(0)), ids, now);
                if (fresh != null) {
                    claims.putAll(fresh);
                    continue;
                }
            }
            ids.forEach(id -> claims.put(id, claim(accountId, sourceId, id, now, lease, retryFailed)));
        }
        Map<String, Claim> ordered = new LinkedHashMap<>();
        profileIds.forEach(id -> ordered.put(id, claims.get(id)));
        return ordered;
    }

    /**
     * Claims the new rows of one shard's recipients in one conditional batch, which applies only if none of them
     * exists; {@code null} when one does (the caller claims them one by one).
     */
    private Map<String, Claim> claimFresh(String accountId, String sourceId, int shard, List<String> profileIds,
            Instant now) {
        BatchStatementBuilder batch = BatchStatement.builder(BatchType.LOGGED);
        Map<String, Claim> claims = new HashMap<>();
        for (String profileId : profileIds) {
            String claimId = UUID.randomUUID().toString();
            batch.addStatement(insert.bind(accountId, sourceId, shard, profileId, claimId, now, now));
            claims.put(profileId, new Claim(claimId, null));
        }
        Row row = session.execute(batch.build()).one();
        return row != null && row.getBoolean("[applied]") ? claims : null;
    }

    /**
     * Records the attempt's outcome, unless another attempt has taken the claim over.
     *
     * @return whether it was recorded
     */
    boolean finish(String accountId, String sourceId, String profileId, String claimId, State state, String email,
            String messageId, Instant now, String smtpReply, String detail) {
        Row row = session.execute(finish.bind(state.name(), email, messageId, now, smtpReply, detail, accountId,
                sourceId, shardOf(profileId), profileId, claimId)).one();
        return row != null && row.getBoolean("[applied]");
    }

    Optional<Entry> find(String accountId, String sourceId, String profileId) {
        return Optional.ofNullable(session.execute(select.bind(accountId, sourceId, shardOf(profileId), profileId))
            .one())
            .map(row -> new Entry(row.getString("profile_id"), State.valueOf(row.getString("state")),
                    row.getString("claim_id"), row.getInstant("claimed_at"), row.getString("email"),
                    row.getString("message_id"), row.getInstant("updated_at"), row.getString("smtp_reply"),
                    row.getString("detail")));
    }
}
