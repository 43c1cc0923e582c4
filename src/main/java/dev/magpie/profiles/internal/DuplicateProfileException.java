package dev.magpie.profiles.internal;

import dev.magpie.profiles.IdentifierConflict;
import dev.magpie.profiles.IdentifierKind;

/** A request names an identifier that another profile holds, where the caller asked not to go ahead then. */
public class DuplicateProfileException extends RuntimeException {

    private final IdentifierConflict conflict;

    public DuplicateProfileException(IdentifierConflict conflict) {
        super("A profile already exists with one of these identifiers.", null, false, false);
        this.conflict = conflict;
    }

    public DuplicateProfileException(IdentifierKind kind, String value, String profileId) {
        this(new IdentifierConflict(kind, value, profileId));
    }

    /** The identifier and the profile that holds it. */
    public IdentifierConflict conflict() {
        return conflict;
    }
}
