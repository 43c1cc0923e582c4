package dev.magpie.audiences.internal.segments;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.magpie.tenancy.TenantTransactions;
import jakarta.persistence.EntityManager;
import org.springframework.stereotype.Component;

/**
 * The evaluators' side of the {@code segments} and {@code segment_sweeps} tables: claiming a full evaluation or an
 * account's sweep of due checks, recording progress, finishing, and moving member counts. Claims are
 * {@code SELECT … FOR UPDATE SKIP LOCKED} plus a lease the holder renews, as the imports module does; every change
 * after a claim names its holder, so an instance that lost its lease changes nothing and learns that it must stop.
 * Native SQL as root: the claims look across accounts, and each statement names its row.
 */
@Component
class SegmentLedger {

    private final EntityManager entities;

    private final TenantTransactions transactions;

    private final SegmentSizeHistory sizes;

    SegmentLedger(EntityManager entities, TenantTransactions transactions, SegmentSizeHistory sizes) {
        this.entities = entities;
        this.transactions = transactions;
        this.sizes = sizes;
    }

    /** Claims the segment that has waited longest for a full evaluation, whose lease (if any) ran out. */
    Optional<Claim> claimEvaluation(String owner, Instant now, Duration lease) {
        return transactions.asRoot(() -> {
            List<?> rows = entities.createNativeQuery("""
                    SELECT id FROM segments
                    WHERE status = 'EVALUATING' AND (lease_until IS NULL OR lease_until < :now)
                    ORDER BY updated_at LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .setParameter("now", now)
                .getResultList();
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            String id = (String) rows.get(0);
            entities.createNativeQuery("""
                    UPDATE segments SET claimed_by = :owner, lease_until = :lease, evaluation_started = :now,
                        processed_count = 0, total_count = 0
                    WHERE id = :id""")
                .setParameter("owner", owner)
                .setParameter("lease", now.plus(lease))
                .setParameter("now", now)
                .setParameter("id", id)
                .executeUpdate();
            Object[] row = (Object[]) entities.createNativeQuery(
                    "SELECT account_id, definition_version, definition FROM segments WHERE id = :id")
                .setParameter("id", id)
                .getSingleResult();
            return Optional.of(new Claim(id, (String) row[0], ((Number) row[1]).intValue(), (String) row[2]));
        });
    }

    /**
     * Records progress and renews the lease; {@code false} when the evaluation is no longer {@code owner}'s or the
     * definition changed meanwhile (a new evaluation will start).
     */
    boolean progress(Claim claim, String owner, long processed, long total, Instant leaseUntil) {
        return transactions.asRoot(() -> entities.createNativeQuery("""
                UPDATE segments SET processed_count = :processed, total_count = :total, lease_until = :lease
                WHERE id = :id AND claimed_by = :owner AND definition_version = :version""")
            .setParameter("processed", processed)
            .setParameter("total", total)
            .setParameter("lease", leaseUntil)
            .setParameter("id", claim.segmentId())
            .setParameter("owner", owner)
            .setParameter("version", claim.version())
            .executeUpdate() == 1);
    }

    /**
     * Finishes a full evaluation with the exact member count it found, and records that count as the segment's size
     * today; when the definition changed meanwhile the segment stays {@code EVALUATING} and is claimed again.
     */
    void complete(Claim claim, String owner, long members, Instant now) {
        int completed = transactions.asRoot(() -> entities.createNativeQuery("""
                    UPDATE segments SET status = CASE WHEN definition_version = :version THEN 'READY' ELSE status END,
                        evaluated_version = :version, member_count = :members, last_evaluated = :now,
                        claimed_by = NULL, lease_until = NULL
                    WHERE id = :id AND claimed_by = :owner""")
                .setParameter("version", claim.version())
                .setParameter("members", members)
                .setParameter("now", now)
                .setParameter("id", claim.segmentId())
                .setParameter("owner", owner)
                .executeUpdate());
        if (completed == 1) {
            sizes.record(claim.accountId(), claim.segmentId(), members, now);
        }
    }

    /** Gives a claimed evaluation back, to be claimed again at once (by any instance). */
    void release(Claim claim, String owner) {
        transactions.asRoot(() -> entities.createNativeQuery(
                "UPDATE segments SET claimed_by = NULL, lease_until = NULL WHERE id = :id AND claimed_by = :owner")
            .setParameter("id", claim.segmentId())
            .setParameter("owner", owner)
            .executeUpdate());
    }

    /** Asks for a new full evaluation of the segment (e.g. a list it names was deleted). */
    void requeue(String segmentId) {
        transactions.asRoot(() -> entities.createNativeQuery("""
                UPDATE segments SET status = 'EVALUATING', definition_version = definition_version + 1,
                    processed_count = 0, total_count = 0
                WHERE id = :id""")
            .setParameter("id", segmentId)
            .executeUpdate());
    }

    /** Moves a segment's member count by {@code delta}: members entered (positive) or left (negative). */
    void countChange(String segmentId, long delta, Instant now) {
        transactions.asRoot(() -> entities.createNativeQuery(
                "UPDATE segments SET member_count = member_count + :delta, last_evaluated = :now WHERE id = :id")
            .setParameter("delta", delta)
            .setParameter("now", now)
            .setParameter("id", segmentId)
            .executeUpdate());
    }

    /** Makes sure the scheduler sweeps the account's due checks, from {@code from} on. */
    void ensureSweep(String accountId, Instant from) {
        transactions.asRoot(() -> entities.createNativeQuery(
                "INSERT IGNORE INTO segment_sweeps (account_id, swept_until) VALUES (:account, :from)")
            .setParameter("account", accountId)
            .setParameter("from", from)
            .executeUpdate());
    }

    /**
     * Claims the account whose sweep is furthest behind, not held by anyone, and last swept before
     * {@code sweptBefore}.
     */
    Optional<Sweep> claimSweep(String owner, Instant now, Instant sweptBefore, Duration lease) {
        return transactions.asRoot(() -> {
            List<?> rows = entities.createNativeQuery("""
                    SELECT account_id FROM segment_sweeps
                    WHERE (lease_until IS NULL OR lease_until < :now) AND swept_until < :before
                    ORDER BY swept_until LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .setParameter("now", now)
                .setParameter("before", sweptBefore)
                .getResultList();
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            String accountId = (String) rows.get(0);
            entities.createNativeQuery(
                    "UPDATE segment_sweeps SET claimed_by = :owner, lease_until = :lease WHERE account_id = :account")
                .setParameter("owner", owner)
                .setParameter("lease", now.plus(lease))
                .setParameter("account", accountId)
                .executeUpdate();
            Object sweptUntil = entities.createNativeQuery(
                    "SELECT swept_until FROM segment_sweeps WHERE account_id = :account")
                .setParameter("account", accountId)
                .getSingleResult();
            return Optional.of(new Sweep(accountId, toInstant(sweptUntil)));
        });
    }

    /** Records how far the sweep got and lets it go. */
    void finishSweep(Sweep sweep, String owner, Instant sweptUntil) {
        transactions.asRoot(() -> entities.createNativeQuery("""
                UPDATE segment_sweeps SET swept_until = :until, claimed_by = NULL, lease_until = NULL
                WHERE account_id = :account AND claimed_by = :owner""")
            .setParameter("until", sweptUntil)
            .setParameter("account", sweep.accountId())
            .setParameter("owner", owner)
            .executeUpdate());
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.LocalDateTime local) {
            return local.atZone(java.time.ZoneId.systemDefault()).toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalStateException("Unexpected time " + value);
    }

    /** A claimed full evaluation of one version of a segment. */
    record Claim(String segmentId, String accountId, int version, String definition) {
    }

    /** A claimed sweep of an account's due checks, from where the last one stopped. */
    record Sweep(String accountId, Instant sweptUntil) {
    }
}
