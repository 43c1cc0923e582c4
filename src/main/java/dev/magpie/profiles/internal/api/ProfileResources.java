package dev.magpie.profiles.internal.api;

import java.util.Arrays;

import dev.magpie.profiles.internal.StoredProfile;
import dev.magpie.web.api.ApiException;
import dev.magpie.web.api.Resource;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Profiles as JSON:API resources, and the {@code additional-fields[profile]} parameter that shapes them. */
final class ProfileResources {

    /** The query parameter naming extra attributes, as in Klaviyo. */
    static final String ADDITIONAL_FIELDS = "additional-fields[profile]";

    private ProfileResources() {
    }

    static Resource<ProfileResourceAttributes> resource(StoredProfile profile, boolean withSubscriptions) {
        return Resource.of(ProfilesApiController.TYPE, profile.id(),
                ProfileResourceAttributes.of(profile, withSubscriptions), selfLink(profile.id()));
    }

    static String selfLink(String profileId) {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
            .path("/api/profiles/{id}/")
            .buildAndExpand(profileId)
            .toUriString();
    }

    /**
     * Whether {@code additional-fields[profile]} asks for subscriptions; {@code predictive_analytics} is accepted
     * and has nothing to add yet.
     */
    static boolean withSubscriptions(String additionalFields) {
        if (additionalFields == null || additionalFields.isBlank()) {
            return false;
        }
        boolean subscriptions = false;
        for (String field : Arrays.stream(additionalFields.split(",")).map(String::strip).toList()) {
            switch (field) {
                case "subscriptions" -> subscriptions = true;
                case "predictive_analytics", "" -> {
                }
                default -> throw ApiException.invalidParameter(ADDITIONAL_FIELDS,
                        "'%s' is not an additional field of profiles; use subscriptions or predictive_analytics."
                            .formatted(field));
            }
        }
        return subscriptions;
    }
}
