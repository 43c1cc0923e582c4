package dev.magpie.imports.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

import dev.magpie.tenancy.TenantTransactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;
import org.springframework.stereotype.Component;

/**
 * The worker's side of the {@code import_jobs} table: claiming a job, recording progress and errors, finishing.
 * Every change after the claim names the instance that holds the job and expects it to be processing, so an
 * instance that lost its lease (or whose job was cancelled) changes nothing and learns that it must stop.
 *
 * <p>Native SQL through Hibernate, so that times are bound exactly as the entities bind them. Runs across
 * accounts (as root): the claim looks at every account's jobs, and each statement names its job.
 */
@Component
class ImportLedger {

    private static final int MAX_MESSAGE = 1000;

    private final EntityManager entities;

    private final TenantTransactions transactions;

    ImportLedger(EntityManager entities, TenantTransactions transactions) {
        this.entities = entities;
        this.transactions = transactions;
    }

    /**
     * Claims the oldest job that is queued, or processing under a lease that ran out (its instance died, or it
     * was put back to be retried), for {@code owner} until {@code now + lease}. {@code FOR UPDATE SKIP LOCKED}
     * lets instances claim side by side without waiting for, or taking, each other's job.
     */
    Optional<ClaimedJob> claimNext(String owner, Instant now, Duration lease) {
        return transactions.asRoot(() -> {
            List<?> ids = entities.createNativeQuery("""
                    SELECT id FROM import_jobs
                    WHERE status = 'QUEUED' OR (status = 'PROCESSING' AND lease_until < :now)
                    ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .setParameter("now", now)
                .getResultList();
            if (ids.isEmpty()) {
                return Optional.empty();
            }
            String id = (String) ids.get(0);
            entities.createNativeQuery("""
                    UPDATE import_jobs SET status = 'PROCESSING', claimed_by = :owner, lease_until = :lease,
                        started_at = COALESCE(started_at, :now)
                    WHERE id = :id""")
                .setParameter("owner", owner)
                .setParameter("lease", now.plus(lease))
                .setParameter("now", now)
                .setParameter("id", id)
                .executeUpdate();
            return Optional.of(ClaimedJob.of(entities.find(ImportJob.class, id)));
        });
    }

    /** Extends the leases of every job {@code owner} holds: its sign of life while it works. */
    int renewLeases(String owner, Instant until) {
        return transactions.asRoot(() -> entities.createNativeQuery("""
                UPDATE import_jobs SET lease_until = :until WHERE claimed_by = :owner AND status = 'PROCESSING'""")
            .setParameter("until", until)
            .setParameter("owner", owner)
            .executeUpdate());
    }

    /** Records how many rows the job has; {@code false} when the job is no longer {@code owner}'s to run. */
    boolean recordTotal(ClaimedJob job, String owner, int total) {
        return transactions.asRoot(() -> owned(entities.createNativeQuery("""
                UPDATE import_jobs SET total_count = :total WHERE id = :id AND claimed_by = :owner
                    AND status = 'PROCESSING'"""), job, owner)
            .setParameter("total", total)
            .executeUpdate() == 1);
    }

    /**
     * Records one batch: its counts, the row it ended at, a renewed lease, and as many of its failures as the
     * report still has room for — all or nothing. Returns {@code false}, recording nothing, when the job is no
     * longer {@code owner}'s to run (cancelled, or taken over after a lost lease).
     */
    boolean recordBatch(ClaimedJob job, String owner, BatchOutcome batch, List<RowFailure> failuresToKeep,
            Instant leaseUntil) {
        return transactions.asRoot(() -> {
            int updated = owned(entities.createNativeQuery("""
                    UPDATE import_jobs SET processed_count = processed_count + :processed,
                        created_count = created_count + :created, updated_count = updated_count + :updated,
                        failed_count = failed_count + :failed, errors_stored = errors_stored + :kept,
                        last_row = :lastRow, attempts = 0, lease_until = :lease
                    WHERE id = :id AND claimed_by = :owner AND status = 'PROCESSING'"""), job, owner)
                .setParameter("processed", batch.processed())
                .setParameter("created", batch.created())
                .setParameter("updated", batch.updated())
                .setParameter("failed", batch.failures().size())
                .setParameter("kept", failuresToKeep.size())
                .setParameter("lastRow", batch.lastPosition())
                .setParameter("lease", leaseUntil)
                .executeUpdate();
            if (updated == 0) {
                return false;
            }
            if (!failuresToKeep.isEmpty()) {
                insertErrors(job, failuresToKeep);
            }
            return true;
        });
    }

    /** Marks the job complete. */
    boolean complete(ClaimedJob job, String owner, Instant now) {
        return finish(job, owner, "COMPLETE", null, now);
    }

    /** Marks the job failed, for a reason no row caused. */
    boolean fail(ClaimedJob job, String owner, String reason, Instant now) {
        return finish(job, owner, "FAILED", reason, now);
    }

    /**
     * Gives the job up until {@code retryAt}, when any instance may claim it again and resume after its last
     * recorded row; counts the attempt when the job stopped on a failure.
     */
    void release(ClaimedJob job, String owner, Instant retryAt, boolean failedAttempt) {
        transactions.asRoot(() -> owned(entities.createNativeQuery("""
                UPDATE import_jobs SET claimed_by = NULL, lease_until = :retryAt,
                    attempts = attempts + :attempt
                WHERE id = :id AND claimed_by = :owner AND status = 'PROCESSING'"""), job, owner)
            .setParameter("retryAt", retryAt)
            .setParameter("attempt", failedAttempt ? 1 : 0)
            .executeUpdate());
    }

    /**
     * Stops a job of {@code accountId} that has not finished; whoever runs it notices at its next batch. Returns
     * whether the job was still going.
     */
    boolean cancel(String accountId, String jobId, Instant now) {
        return transactions.asRoot(() -> entities.createNativeQuery("""
                UPDATE import_jobs SET status = 'CANCELLED', completed_at = :now, claimed_by = NULL,
                    lease_until = NULL
                WHERE id = :id AND account_id = :account AND status IN ('DRAFT', 'QUEUED', 'PROCESSING')""")
            .setParameter("now", now)
            .setParameter("id", jobId)
            .setParameter("account", accountId)
            .executeUpdate() == 1);
    }

    /** Whether the job was cancelled. */
    boolean isCancelled(ClaimedJob job) {
        return transactions.asRoot(() -> "CANCELLED".equals(entities
            .createNativeQuery("SELECT status FROM import_jobs WHERE id = :id")
            .setParameter("id", job.id())
            .getSingleResult()));
    }

    /** Drafts created before {@code before} whose columns were never mapped, with their files: to delete. */
    List<AbandonedDraft> abandonedDrafts(Instant before) {
        return transactions.asRoot(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entities.createNativeQuery("""
                    SELECT id, file_location FROM import_jobs WHERE status = 'DRAFT' AND created_at < :before
                    ORDER BY id LIMIT 100""")
                .setParameter("before", before)
                .getResultList();
            return rows.stream().map(row -> new AbandonedDraft((String) row[0], (String) row[1])).toList();
        });
    }

    /** Deletes a draft that is still a draft. */
    boolean deleteDraft(String jobId) {
        return transactions.asRoot(() -> entities
            .createNativeQuery("DELETE FROM import_jobs WHERE id = :id AND status = 'DRAFT'")
            .setParameter("id", jobId)
            .executeUpdate() == 1);
    }

    private boolean finish(ClaimedJob job, String owner, String status, String reason, Instant now) {
        return transactions.asRoot(() -> owned(entities.createNativeQuery("""
                UPDATE import_jobs SET status = :status, failure_reason = :reason, completed_at = :now,
                    claimed_by = NULL, lease_until = NULL
                WHERE id = :id AND claimed_by = :owner AND status = 'PROCESSING'"""), job, owner)
            .setParameter("status", status)
            .setParameter("reason", text(truncate(reason, MAX_MESSAGE)))
            .setParameter("now", now)
            .executeUpdate() == 1);
    }

    private void insertErrors(ClaimedJob job, List<RowFailure> failures) {
        // One statement per batch; IGNORE because a batch repeated after a crash reports its rows again
        StringJoiner values = new StringJoiner(", ");
        for (int i = 0; i < failures.size(); i++) {
            values.add("(:job, :account, :row%1$d, :field%1$d, :value%1$d, :message%1$d, :original%1$d)".formatted(i));
        }
        Query insert = entities.createNativeQuery(
                "INSERT IGNORE INTO import_errors (job_id, account_id, row_num, field, value, message, original) VALUES "
                        + values)
            .setParameter("job", job.id())
            .setParameter("account", job.accountId());
        for (int i = 0; i < failures.size(); i++) {
            RowFailure failure = failures.get(i);
            insert.setParameter("row" + i, failure.rowNumber())
                .setParameter("field" + i, text(truncate(failure.field(), 255)))
                .setParameter("value" + i, text(truncate(failure.value(), 500)))
                .setParameter("message" + i, text(truncate(failure.message(), MAX_MESSAGE)))
                .setParameter("original" + i, text(truncate(failure.original(), 60_000)));
        }
        insert.executeUpdate();
    }

    private static Query owned(Query query, ClaimedJob job, String owner) {
        return query.setParameter("id", job.id()).setParameter("owner", owner);
    }

    /** A possibly null string, typed so that a null binds as one. */
    private static TypedParameterValue<String> text(String value) {
        return new TypedParameterValue<>(StandardBasicTypes.STRING, value);
    }

    private static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }

    /** A draft nobody mapped, and its file. */
    record AbandonedDraft(String id, String fileLocation) {
    }
}
