package dev.magpie.imports.internal;

import java.util.Locale;

/** Where an import job stands. */
enum ImportStatus {

    /** Uploaded, waiting for its columns to be mapped (CSV only). */
    DRAFT,
    /** Waiting for an instance to claim it. */
    QUEUED,
    /** An instance is upserting its rows. */
    PROCESSING,
    /** Every row was read; the failed ones are in the error report. */
    COMPLETE,
    /** Stopped by something no row caused, such as an unreadable file; the reason is kept. */
    FAILED,
    /** Stopped by a person before it finished; rows already imported stay imported. */
    CANCELLED;

    /** Whether the job still has rows to import. */
    boolean isActive() {
        return this == QUEUED || this == PROCESSING;
    }

    /** Whether the job has ended, one way or another. */
    boolean isFinished() {
        return this == COMPLETE || this == FAILED || this == CANCELLED;
    }

    /**
     * The status as Klaviyo's API spells it. Klaviyo knows no failed jobs: a failed job ended without
     * importing every row, as a cancelled one did, so it is reported as {@code cancelled}.
     */
    String apiName() {
        return this == FAILED ? "cancelled" : name().toLowerCase(Locale.ROOT);
    }
}
