package dev.magpie.profiles.internal.api;

import dev.magpie.profiles.InvalidProfileException;
import dev.magpie.profiles.internal.DuplicateProfileException;
import dev.magpie.profiles.internal.ProfileChange;
import dev.magpie.profiles.internal.ProfileNotFoundException;
import dev.magpie.profiles.internal.ProfileUpserter;
import dev.magpie.profiles.internal.UpsertResult;

/** Runs an upsert for the API, answering its refusals as Klaviyo does. */
final class ProfileWrites {

    private ProfileWrites() {
    }

    static UpsertResult write(ProfileUpserter upserter, String accountId, ProfileChange change,
            ProfileUpserter.Mode mode) {
        try {
            return upserter.upsert(accountId, change, mode);
        }
        catch (InvalidProfileException invalid) {
            throw ProfileApiErrors.invalid(invalid);
        }
        catch (DuplicateProfileException duplicate) {
            throw ProfileApiErrors.duplicate(duplicate);
        }
        catch (ProfileNotFoundException notFound) {
            throw ProfileApiErrors.notFound(notFound.profileId());
        }
    }
}
