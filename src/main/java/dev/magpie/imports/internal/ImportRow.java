package dev.magpie.imports.internal;

import dev.magpie.profiles.InvalidProfileException;
import dev.magpie.profiles.ProfileAttributes;

/** One row of an import: what the profile should become, or why the row was refused before any upsert. */
interface ImportRow {

    /** The row's place among the job's rows, from 1: a job that recorded {@code lastRow} resumes after it. */
    int position();

    /** What to upsert; {@code null} when the row is refused. */
    ProfileAttributes attributes();

    /** Why the row is refused, or {@code null} when it can be upserted. */
    RowFailure refusal();

    /** The failure to report when the profiles module refuses the row's profile. */
    RowFailure refusedBy(InvalidProfileException refused);
}
