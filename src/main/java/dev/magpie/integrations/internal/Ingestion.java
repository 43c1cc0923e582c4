package dev.magpie.integrations.internal;

import dev.magpie.activity.NewEvent;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.ProfileAttributes;

/** One thing a delivery asks for: a profile to create or update, or an event to record. */
public sealed interface Ingestion {

    /** The same, without a phone number (for when the number a platform sent is not one). */
    Ingestion withoutPhoneNumber();

    /** Whether the profile is still named by some identifier. */
    boolean identifiesProfile();

    /** Creates or updates a profile. */
    record UpsertProfile(ProfileAttributes attributes) implements Ingestion {

        @Override
        public Ingestion withoutPhoneNumber() {
            return new UpsertProfile(Ingestion.withoutPhoneNumber(attributes));
        }

        @Override
        public boolean identifiesProfile() {
            return !attributes.identifiers().isEmpty();
        }
    }

    /** Records an event (and creates or updates its profile). */
    record RecordEvent(NewEvent event) implements Ingestion {

        @Override
        public Ingestion withoutPhoneNumber() {
            return new RecordEvent(new NewEvent(event.metricName(), event.source(),
                    Ingestion.withoutPhoneNumber(event.profile()), event.time(), event.value(), event.valueCurrency(),
                    event.properties(), event.uniqueId()));
        }

        @Override
        public boolean identifiesProfile() {
            return !event.profile().identifiers().isEmpty();
        }
    }

    private static ProfileAttributes withoutPhoneNumber(ProfileAttributes attributes) {
        Identifiers ids = attributes.identifiers();
        return new ProfileAttributes(new Identifiers(ids.email(), null, ids.externalId(), ids.anonymousId()),
                attributes.firstName(), attributes.lastName(), attributes.organization(), attributes.title(),
                attributes.image(), attributes.location(), attributes.properties(), attributes.consent());
    }
}
