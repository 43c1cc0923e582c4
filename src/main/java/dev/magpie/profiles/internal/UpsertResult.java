package dev.magpie.profiles.internal;

import java.util.List;

import dev.magpie.profiles.IdentifierConflict;
import dev.magpie.profiles.UpsertOutcome;

/**
 * The profile an upsert ended with, as stored.
 *
 * @param created whether this upsert created it
 * @param conflicts identifiers it named that other profiles hold, left with them
 */
public record UpsertResult(StoredProfile profile, boolean created, List<IdentifierConflict> conflicts) {

    public UpsertResult {
        conflicts = List.copyOf(conflicts);
    }

    /** As other modules see it. */
    public UpsertOutcome toOutcome() {
        return new UpsertOutcome(profile.toProfile(), created, conflicts);
    }
}
