package dev.magpie.activity.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

/**
 * A bulk event job as its caller follows it: queued when accepted, processing while a worker records its events,
 * then complete (with counts and the errors of items that failed alone) or failed (when it could not be
 * processed at all, after its retries).
 */
@Entity
@Table(name = "event_bulk_create_jobs")
class EventBulkCreateJob {

    /** Where a job is. */
    enum Status {
        QUEUED, PROCESSING, COMPLETE, FAILED
    }

    @Id
    private String id;

    @TenantId
    @Column(name = "account_id")
    private String accountId;

    private String status;

    @Column(name = "total_count")
    private int totalCount;

    @Column(name = "completed_count")
    private int completedCount;

    @Column(name = "duplicate_count")
    private int duplicateCount;

    @Column(name = "failed_count")
    private int failedCount;

    /** The errors of the items that failed, as a JSON list of {@code {"pointer", "detail"}}. */
    private String errors;

    private int attempts;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    protected EventBulkCreateJob() {
    }

    EventBulkCreateJob(String id, int totalCount, Instant now) {
        this.id = id;
        this.status = Status.QUEUED.name();
        this.totalCount = totalCount;
        this.createdAt = now;
    }

    void start(Instant now) {
        status = Status.PROCESSING.name();
        attempts++;
        if (startedAt == null) {
            startedAt = now;
        }
    }

    void complete(int completed, int duplicates, int failed, String errors, Instant now) {
        status = Status.COMPLETE.name();
        completedCount = completed;
        duplicateCount = duplicates;
        failedCount = failed;
        this.errors = errors;
        completedAt = now;
    }

    void fail(String errors, Instant now) {
        status = Status.FAILED.name();
        failedCount = totalCount - completedCount;
        this.errors = errors;
        completedAt = now;
    }

    String id() {
        return id;
    }

    Status status() {
        return Status.valueOf(status);
    }

    int totalCount() {
        return totalCount;
    }

    int completedCount() {
        return completedCount;
    }

    int duplicateCount() {
        return duplicateCount;
    }

    int failedCount() {
        return failedCount;
    }

    String errors() {
        return errors;
    }

    int attempts() {
        return attempts;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant startedAt() {
        return startedAt;
    }

    Instant completedAt() {
        return completedAt;
    }
}
