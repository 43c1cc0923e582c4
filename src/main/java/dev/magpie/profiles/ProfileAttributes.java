package dev.magpie.profiles;

import java.util.Map;

/**
 * What a caller wants a profile to be: identifiers to find (or give) it, and the fields to set.
 * {@code null} leaves a field as it is; properties are merged key by key into the existing ones.
 */
public record ProfileAttributes(Identifiers identifiers, String firstName, String lastName, String organization,
        String title, String image, Location location, Map<String, Object> properties,
        Map<Channel, Consent> consent) {

    /** Only identifiers, nothing to set: how events name their profile. */
    public static ProfileAttributes of(Identifiers identifiers) {
        return new ProfileAttributes(identifiers, null, null, null, null, null, null, null, null);
    }
}
