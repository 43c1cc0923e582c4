package dev.magpie.imports.internal;

/** Where an import's rows come from. */
enum ImportKind {

    /** A CSV file a marketer uploaded and mapped in the UI. */
    CSV,
    /** Profiles sent to {@code POST /api/profile-bulk-import-jobs}. */
    API
}
