package dev.magpie.profiles;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A person a store knows. {@code properties} are the store's own custom properties (nested JSON values as
 * maps, lists, strings, numbers and booleans).
 */
public record Profile(String id, String email, String phoneNumber, String externalId, Set<String> anonymousIds,
        String firstName, String lastName, String organization, String title, String image, Location location,
        Map<String, Object> properties, Map<Channel, Consent> consent, Instant created, Instant updated) {
}
