package dev.magpie.profiles.internal.api;

import java.util.Map;
import java.util.UUID;

import dev.magpie.profiles.InvalidProfileException;
import dev.magpie.profiles.internal.DuplicateProfileException;
import dev.magpie.web.api.ApiError;
import dev.magpie.web.api.ApiException;

/** The profile API's errors, as Klaviyo answers them. */
final class ProfileApiErrors {

    private ProfileApiErrors() {
    }

    /** 400 {@code invalid}, pointing at the attribute (or the meta member) that is wrong. */
    static ApiException invalid(InvalidProfileException invalid) {
        return ApiException.invalidInput(pointer(invalid.field()), invalid.getMessage());
    }

    /**
     * 409 {@code duplicate_profile} with the id of the profile that holds the identifier in
     * {@code meta.duplicate_profile_id}, as Klaviyo sends it (clients use it to update that profile instead).
     */
    static ApiException duplicate(DuplicateProfileException duplicate) {
        return new ApiException(new ApiError(UUID.randomUUID().toString(), 409, "duplicate_profile", "Conflict.",
                "A profile already exists with one of these identifiers.", ApiError.Source.pointer("/data/attributes"),
                Map.of(), Map.of("duplicate_profile_id", duplicate.conflict().profileId())));
    }

    /** 404 {@code not_found}: the id is unknown, or another account's. */
    static ApiException notFound(String profileId) {
        return ApiException.notFound("A profile with id %s does not exist.".formatted(profileId));
    }

    static String pointer(String field) {
        if (field == null || field.isEmpty()) {
            return "/data/attributes";
        }
        return field.startsWith("meta/") ? "/data/" + field : "/data/attributes/" + field;
    }
}
