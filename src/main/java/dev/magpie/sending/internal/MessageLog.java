package dev.magpie.sending.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import org.springframework.stereotype.Component;

/**
 * The message log in Cassandra (db/cassandra/migrations/V007__sending.cql): one row per (account, source,
 * profile), the idempotency key of a send job. A consumer claims the row with a lightweight transaction before it
 * sends, and every later change is conditional on its claim, so two deliveries of one job never both send, and a
 * consumer that lost its claim cannot overwrite the outcome of the one that took it over.
 */
@Component
class MessageLog {

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
        insert = session.prepare("INSERT INTO message_log (account_id, source_id, profile_id, state, claim_id, "
                + "claimed_at, updated_at) VALUES (?, ?, ?, 'CLAIMED', ?, ?, ?) IF NOT EXISTS");
        takeOver = session.prepare("UPDATE message_log SET state = 'CLAIMED', claim_id = ?, claimed_at = ?, "
                + "updated_at = ? WHERE account_id = ? AND source_id = ? AND profile_id = ? IF claim_id = ?");
        finish = session.prepare("UPDATE message_log SET state = ?, email = ?, message_id = ?, updated_at = ?, "
                + "smtp_reply = ?, detail = ? WHERE account_id = ? AND source_id = ? AND profile_id = ? "
                + "IF claim_id = ?");
        select = session.prepare("SELECT profile_id, state, claim_id, claimed_at, email, message_id, updated_at, "
                + "smtp_reply, detail FROM message_log WHERE account_id = ? AND source_id = ? AND profile_id = ?");
        states = session.prepare("SELECT state FROM message_log WHERE account_id = ? AND source_id = ?");
        outcomes = session.prepare("SELECT state, detail FROM message_log WHERE account_id = ? AND source_id = ?");
    }

    /**
     * How many of the source's messages are settled for good — sent, bounced, skipped or failed — read from its one
     * partition page by page. A campaign is sent when this reaches the number of jobs published.
     */
    long countSettled(String accountId, String sourceId) {
        return countByState(accountId, sourceId).entrySet().stream()
            .filter(count -> count.getKey().isFinal() || count.getKey() == State.FAILED)
            .mapToLong(java.util.Map.Entry::getValue)
            .sum();
    }

    /** How many of the source's messages are in each state, read from its one partition page by page. */
    java.util.Map<State, Long> countByState(String accountId, String sourceId) {
        java.util.Map<State, Long> counts = new java.util.EnumMap<>(State.class);
        for (Row row : session.execute(states.bind(accountId, sourceId).setPageSize(5000))) {
            counts.merge(State.valueOf(row.getString("state")), 1L, Long::sum);
        }
        return counts;
    }

    /**
     * Calls {@code outcome} with the state and detail of each of the source's messages, read from its one partition
     * page by page: for reports, which group the skips by their reason.
     */
    void forEachOutcome(String accountId, String sourceId, java.util.function.BiConsumer<State, String> outcome) {
        for (Row row : session.execute(outcomes.bind(accountId, sourceId).setPageSize(5000))) {
            outcome.accept(State.valueOf(row.getString("state")), row.getString("detail"));
        }
    }

    /**
     * Claims the message for this attempt: a new row, or one whose earlier attempt was deferred, failed (when
     * {@code retryFailed}), or claimed longer than {@code lease} ago (its consumer died). A final row, or a fresh
     * claim of another consumer, is left alone.
     */
    Claim claim(String accountId, String sourceId, String profileId, Instant now, java.time.Duration lease,
            boolean retryFailed) {
        String claimId = UUID.randomUUID().toString();
        Row row = session.execute(insert.bind(accountId, sourceId, profileId, claimId, now, now)).one();
        if (row != null && row.getBoolean("[applied]")) {
            return new Claim(claimId, null);
        }
        Entry existing = find(accountId, sourceId, profileId).orElseThrow();
        boolean takeable = existing.state() == State.DEFERRED || retryFailed && existing.state() == State.FAILED
                || existing.state() == State.CLAIMED && existing.claimedAt().plus(lease).isBefore(now);
        if (!takeable) {
            return new Claim(null, existing);
        }
        Row taken = session.execute(takeOver.bind(claimId, now, now, accountId, sourceId, profileId,
                existing.claimId())).one();
        return taken != null && taken.getBoolean("[applied]") ? new Claim(claimId, null)
                : new Claim(null, find(accountId, sourceId, profileId).orElseThrow());
    }

    /**
     * Records the attempt's outcome, unless another attempt has taken the claim over.
     *
     * @return whether it was recorded
     */
    boolean finish(String accountId, String sourceId, String profileId, String claimId, State state, String email,
            String messageId, Instant now, String smtpReply, String detail) {
        Row row = session.execute(finish.bind(state.name(), email, messageId, now, smtpReply, detail, accountId,
                sourceId, profileId, claimId)).one();
        return row != null && row.getBoolean("[applied]");
    }

    Optional<Entry> find(String accountId, String sourceId, String profileId) {
        return Optional.ofNullable(session.execute(select.bind(accountId, sourceId, profileId)).one())
            .map(row -> new Entry(row.getString("profile_id"), State.valueOf(row.getString("state")),
                    row.getString("claim_id"), row.getInstant("claimed_at"), row.getString("email"),
                    row.getString("message_id"), row.getInstant("updated_at"), row.getString("smtp_reply"),
                    row.getString("detail")));
    }
}
