package dev.magpie.activity.internal.demo;

import java.util.Map;

import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.ProfileAttributes;

/** A customer of the demo store: who they are, where they live, what they told the store, what they agreed to. */
record Shopper(int index, String email, String phoneNumber, String externalId, String firstName, String lastName,
        Location location, Map<String, Object> properties, Map<Channel, Consent> consent) {

    /** The profile as a store would upsert it. */
    ProfileAttributes attributes() {
        return new ProfileAttributes(new Identifiers(email, phoneNumber, externalId, null), firstName, lastName, null,
                null, null, location, properties, consent);
    }

    /** How the shopper's events name them: by email, as storefront tracking does once someone is known. */
    Identifiers identifiers() {
        return new Identifiers(email, null, null, null);
    }
}
