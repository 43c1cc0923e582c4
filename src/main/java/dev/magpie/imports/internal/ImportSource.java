package dev.magpie.imports.internal;

import java.util.List;

/** The rows of one import job, read as the job goes, never all at once. */
interface ImportSource extends AutoCloseable {

    /** How many rows there are in all; may read the whole source once, without keeping it. */
    int count();

    /** Passes over the first {@code rows} rows, already imported by an earlier run of the job. */
    void skip(int rows);

    /** Up to {@code max} next rows; empty at the end. */
    List<ImportRow> next(int max);

    @Override
    void close();

    /** A source that cannot be read (any further): the job fails, since no row is at fault. */
    class UnreadableSource extends RuntimeException {

        UnreadableSource(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
