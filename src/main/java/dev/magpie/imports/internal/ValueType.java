package dev.magpie.imports.internal;

/** The type a custom property's values are stored as. */
enum ValueType {

    /** As written. */
    TEXT,
    /** A whole or decimal number; thousands separators are dropped. */
    NUMBER,
    /** true/false, yes/no, y/n, 1/0. */
    BOOLEAN,
    /** A date or date-time, stored as ISO-8601 text (2026-05-31, 2026-05-31T14:00:00Z). */
    DATE
}
