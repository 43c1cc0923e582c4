package dev.magpie.profiles;

import java.util.List;

/**
 * The profile an upsert ended with, whether it had to be created, and the identifiers it named that belong to
 * other profiles (left with them, not moved; empty when there were none).
 */
public record UpsertOutcome(Profile profile, boolean created, List<IdentifierConflict> conflicts) {

    /** Copies {@code conflicts}. */
    public UpsertOutcome {
        conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
    }

    /** An outcome without conflicts. */
    public UpsertOutcome(Profile profile, boolean created) {
        this(profile, created, List.of());
    }
}
