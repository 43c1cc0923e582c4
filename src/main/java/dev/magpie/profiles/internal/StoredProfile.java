package dev.magpie.profiles.internal;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import com.github.f4b6a3.ulid.Ulid;
import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.IdentifierKind;
import dev.magpie.profiles.Profile;

/**
 * A profile as stored, with what the public {@link Profile} leaves out: its locale, its location's IP address,
 * and the survivor it was merged into, if any.
 *
 * @param fields the standard fields that have a value (text, or {@link Double} for coordinates)
 * @param properties custom properties, each top-level key with its JSON value as maps, lists and scalars
 * @param mergedInto the profile this one was merged into, or {@code null} for a live profile
 */
public record StoredProfile(String id, String email, String phoneNumber, String externalId, Set<String> anonymousIds,
        Map<ProfileField, Object> fields, Map<String, Object> properties, Map<Channel, Consent> consent,
        Instant updated, String mergedInto) {

    public StoredProfile {
        anonymousIds = Collections.unmodifiableSet(new LinkedHashSet<>(anonymousIds));
        EnumMap<ProfileField, Object> copy = new EnumMap<>(ProfileField.class);
        fields.forEach((field, value) -> {
            if (value != null) {
                copy.put(field, value);
            }
        });
        fields = Collections.unmodifiableMap(copy);
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        EnumMap<Channel, Consent> consents = new EnumMap<>(Channel.class);
        consents.putAll(consent);
        consent = Collections.unmodifiableMap(consents);
    }

    /** A profile that has nothing yet but its id. */
    static StoredProfile empty(String id) {
        return new StoredProfile(id, null, null, null, Set.of(), Map.of(), Map.of(), Map.of(), null, null);
    }

    /** When the profile was created: the time part of its id. */
    public Instant created() {
        return createdAt(id);
    }

    /** When a profile with this id was created; ids are ULIDs. */
    static Instant createdAt(String id) {
        try {
            return Ulid.from(id).getInstant();
        }
        catch (IllegalArgumentException notUlid) {
            return null;
        }
    }

    /** Whether this profile was merged into another. */
    public boolean merged() {
        return mergedInto != null;
    }

    /** The value of a text field, or {@code null}. */
    public String text(ProfileField field) {
        return (String) fields.get(field);
    }

    /** The identifier of {@code kind} in its column; for anonymous ids, none (a profile has a set of them). */
    public String identifier(IdentifierKind kind) {
        return switch (kind) {
            case EMAIL -> email;
            case PHONE_NUMBER -> phoneNumber;
            case EXTERNAL_ID -> externalId;
            case ANONYMOUS_ID -> null;
        };
    }

    /** As other modules see it. */
    public Profile toProfile() {
        return new Profile(id, email, phoneNumber, externalId, anonymousIds, text(ProfileField.FIRST_NAME),
                text(ProfileField.LAST_NAME), text(ProfileField.ORGANIZATION), text(ProfileField.TITLE),
                text(ProfileField.IMAGE), ProfileLocation.of(fields), properties, consent, created(),
                updated == null ? created() : updated);
    }
}
