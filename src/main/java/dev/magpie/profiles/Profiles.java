package dev.magpie.profiles;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Profiles as other modules use them. Every method works in the one account it is given. */
public interface Profiles {

    /** The profile with this id; a merged-away id finds the profile it was merged into. */
    Optional<Profile> find(String accountId, String profileId);

    /**
     * The profiles with these ids, read in parallel, as {@link #find} finds each: by the id asked for, in the order
     * given; an id the account does not have is left out.
     */
    Map<String, Profile> findAll(String accountId, Collection<String> profileIds);

    /** The profile that holds this identifier (normalised first: lower-cased email, E.164 phone). */
    Optional<Profile> findBy(String accountId, IdentifierKind kind, String value);

    /**
     * Finds the profile the identifiers name (the strongest identifier decides), or creates it, and applies
     * the attributes. Safe when two instances upsert the same new identifier at once: one profile results.
     *
     * @throws InvalidProfileException when an identifier or field is malformed (naming the field)
     */
    UpsertOutcome upsert(String accountId, ProfileAttributes attributes);

    /**
     * Checks identifiers as {@link #upsert} would, storing nothing, so that a caller with many profiles to write
     * can refuse the whole request before the first of them is stored.
     *
     * @throws InvalidProfileException naming the first malformed identifier
     */
    void check(Identifiers identifiers);
}
