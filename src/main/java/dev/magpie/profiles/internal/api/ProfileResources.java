package dev.magpie.profiles.internal.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.magpie.profiles.LastEventTimes;
import dev.magpie.profiles.internal.StoredProfile;
import dev.magpie.web.api.ApiException;
import dev.magpie.web.api.Resource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Profiles as JSON:API resources, with the time of their last event when a module records events, and the
 * {@code additional-fields[profile]} parameter that shapes them.
 */
@Component
class ProfileResources {

    /** The query parameter naming extra attributes, as in Klaviyo. */
    static final String ADDITIONAL_FIELDS = "additional-fields[profile]";

    private final ObjectProvider<LastEventTimes> lastEvents;

    ProfileResources(ObjectProvider<LastEventTimes> lastEvents) {
        this.lastEvents = lastEvents;
    }

    Resource<ProfileResourceAttributes> resource(String accountId, StoredProfile profile, boolean withSubscriptions) {
        return resources(accountId, List.of(profile), withSubscriptions).get(0);
    }

    /** The profiles as resources, their last events looked up together. */
    List<Resource<ProfileResourceAttributes>> resources(String accountId, List<StoredProfile> profiles,
            boolean withSubscriptions) {
        LastEventTimes times = lastEvents.getIfAvailable();
        Map<String, Instant> last = times == null || profiles.isEmpty() ? Map.of()
                : times.of(accountId, profiles.stream().map(StoredProfile::id).toList());
        return profiles.stream()
            .map(profile -> Resource.of(ProfilesApiController.TYPE, profile.id(),
                    ProfileResourceAttributes.of(profile, last.get(profile.id()), withSubscriptions),
                    selfLink(profile.id())))
            .toList();
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
