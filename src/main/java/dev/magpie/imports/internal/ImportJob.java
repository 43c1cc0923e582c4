package dev.magpie.imports.internal;

import java.time.Instant;

import dev.magpie.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.TenantId;

/**
 * One import of profiles, from a CSV file or the API: its file, its mapping, where it stands and what it has
 * done so far. The worker changes status and counters with plain SQL (see {@link ImportLedger}); the UI and the
 * API read them here, scoped to the current account.
 */
@Entity
@Table(name = "import_jobs")
// Only changed columns are written, so a page that queues a draft never overwrites the worker's counters
@DynamicUpdate
class ImportJob {

    @Id
    private String id;

    @TenantId
    @Column(name = "account_id")
    private String accountId;

    @Enumerated(EnumType.STRING)
    private ImportKind kind;

    @Enumerated(EnumType.STRING)
    private ImportStatus status;

    @Column(name = "file_name")
    private String fileName;

    @Column(name = "file_location")
    private String fileLocation;

    @Column(name = "file_size")
    private long fileSize;

    /** The {@link ImportMapping} as JSON; CSV only. */
    @Column(columnDefinition = "mediumtext")
    private String mapping;

    @Column(name = "total_count")
    private Integer totalCount;

    @Column(name = "processed_count")
    private int processedCount;

    @Column(name = "created_count")
    private int createdCount;

    @Column(name = "updated_count")
    private int updatedCount;

    @Column(name = "failed_count")
    private int failedCount;

    @Column(name = "last_row")
    private int lastRow;

    @Column(name = "errors_stored")
    private int errorsStored;

    private int attempts;

    @Column(name = "failure_reason")
    private String failureReason;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "queued_at")
    private Instant queuedAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Column(name = "claimed_by")
    private String claimedBy;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    protected ImportJob() {
    }

    private ImportJob(String id, ImportKind kind, ImportStatus status, String fileName, String fileLocation,
            long fileSize, String createdBy, Instant now) {
        this.id = id;
        this.kind = kind;
        this.status = status;
        this.fileName = fileName;
        this.fileLocation = fileLocation;
        this.fileSize = fileSize;
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    /** An uploaded CSV file, waiting for its mapping. */
    static ImportJob csvDraft(String id, String fileName, String fileLocation, long fileSize, String createdBy,
            Instant now) {
        return new ImportJob(id, ImportKind.CSV, ImportStatus.DRAFT, fileName, fileLocation, fileSize, createdBy,
                now);
    }

    /** Profiles sent to the API, queued at once. */
    static ImportJob apiJob(String id, String fileLocation, long fileSize, int totalCount, String createdBy,
            Instant now) {
        ImportJob job = new ImportJob(id, ImportKind.API, ImportStatus.QUEUED, null, fileLocation, fileSize,
                createdBy, now);
        job.totalCount = totalCount;
        job.queuedAt = now;
        return job;
    }

    /** A new job id: a ULID, so ids sort as jobs were created. */
    static String newId() {
        return Ids.newId();
    }

    /** Queues a mapped draft. */
    void queue(String mappingJson, Instant now) {
        if (status != ImportStatus.DRAFT) {
            throw new IllegalStateException("Only a draft can be queued; this job is " + status);
        }
        this.mapping = mappingJson;
        this.status = ImportStatus.QUEUED;
        this.queuedAt = now;
    }

    /** Stops a job that has not finished; rows already imported stay. Returns whether it was still going. */
    boolean cancel(Instant now) {
        if (status.isFinished()) {
            return false;
        }
        status = ImportStatus.CANCELLED;
        completedAt = now;
        claimedBy = null;
        leaseUntil = null;
        return true;
    }

    /** The share of rows done, 0 to 100; 0 while the total is not known yet. */
    int percent() {
        if (status == ImportStatus.COMPLETE) {
            return 100;
        }
        if (totalCount == null || totalCount == 0) {
            return 0;
        }
        return (int) Math.min(100, (processedCount * 100L) / totalCount);
    }

    /** Whether more rows failed than the report keeps. */
    boolean errorsTruncated() {
        return failedCount > errorsStored;
    }

    String id() {
        return id;
    }

    String accountId() {
        return accountId;
    }

    ImportKind kind() {
        return kind;
    }

    ImportStatus status() {
        return status;
    }

    String fileName() {
        return fileName;
    }

    String fileLocation() {
        return fileLocation;
    }

    long fileSize() {
        return fileSize;
    }

    String mapping() {
        return mapping;
    }

    Integer totalCount() {
        return totalCount;
    }

    int processedCount() {
        return processedCount;
    }

    int createdCount() {
        return createdCount;
    }

    int updatedCount() {
        return updatedCount;
    }

    int failedCount() {
        return failedCount;
    }

    int lastRow() {
        return lastRow;
    }

    int errorsStored() {
        return errorsStored;
    }

    int attempts() {
        return attempts;
    }

    String failureReason() {
        return failureReason;
    }

    String createdBy() {
        return createdBy;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant queuedAt() {
        return queuedAt;
    }

    Instant startedAt() {
        return startedAt;
    }

    Instant completedAt() {
        return completedAt;
    }
}
