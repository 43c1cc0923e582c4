package dev.magpie.imports.internal;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A bulk import job as Klaviyo's API shows it. {@code completed_count} counts the profiles read so far, imported
 * or failed, as Klaviyo's does; Magpie keeps jobs and does not let them expire, so {@code expires_at} is
 * {@code null}.
 */
record BulkImportJobAttributes(String status, @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("total_count") int totalCount, @JsonProperty("completed_count") int completedCount,
        @JsonProperty("failed_count") int failedCount, @JsonProperty("completed_at") Instant completedAt,
        @JsonProperty("expires_at") Instant expiresAt, @JsonProperty("started_at") Instant startedAt) {

    static final String TYPE = "profile-bulk-import-job";

    static BulkImportJobAttributes of(ImportJob job) {
        return new BulkImportJobAttributes(job.status().apiName(), job.createdAt(),
                job.totalCount() == null ? 0 : job.totalCount(), job.processedCount(), job.failedCount(),
                job.completedAt(), null, job.startedAt());
    }
}
