package dev.magpie.imports.internal;

/**
 * A job this instance has claimed, with what it needs to run it.
 *
 * @param lastRow the rows an earlier run already imported; this run resumes after them
 * @param errorsStored the failed rows already kept for the report
 * @param attempts the runs so far that stopped on a failure no row caused
 */
record ClaimedJob(String id, String accountId, ImportKind kind, String fileName, String fileLocation,
        String mapping, Integer totalCount, int lastRow, int errorsStored, int attempts) {

    static ClaimedJob of(ImportJob job) {
        return new ClaimedJob(job.id(), job.accountId(), job.kind(), job.fileName(), job.fileLocation(),
                job.mapping(), job.totalCount(), job.lastRow(), job.errorsStored(), job.attempts());
    }
}
