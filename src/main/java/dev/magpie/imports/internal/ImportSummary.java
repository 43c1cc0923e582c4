package dev.magpie.imports.internal;

import java.time.Instant;

/** An import job as the pages and the API show it. */
record ImportSummary(String id, ImportKind kind, ImportStatus status, String fileName, long fileSize,
        Integer total, int processed, int created, int updated, int failed, int percent, int errorsStored,
        boolean errorsTruncated, String failureReason, Instant createdAt, Instant startedAt, Instant completedAt) {

    static ImportSummary of(ImportJob job) {
        return new ImportSummary(job.id(), job.kind(), job.status(), job.fileName(), job.fileSize(),
                job.totalCount(), job.processedCount(), job.createdCount(), job.updatedCount(), job.failedCount(),
                job.percent(), job.errorsStored(), job.errorsTruncated(), job.failureReason(), job.createdAt(),
                job.startedAt(), job.completedAt());
    }

    /** Whether the job still has rows to import: its page keeps polling for progress. */
    public boolean active() {
        return status.isActive();
    }

    /** Whether the job has ended. */
    public boolean finished() {
        return status.isFinished();
    }
}
