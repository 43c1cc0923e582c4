package dev.magpie.profiles.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.IdentifierKind;

/**
 * What a caller wants done to a profile, already normalised and checked: which profile (by id, or by the
 * identifiers), and each change. Anything not mentioned stays as it is; unlike the public
 * {@link dev.magpie.profiles.ProfileAttributes}, a change can also clear a field (Klaviyo's {@code null}).
 *
 * @param profileId the profile to change, or {@code null} to find (or create) it by its identifiers
 * @param identifiers the identifiers to find the profile by and to give it, strongest first
 * @param clearedIdentifiers identifiers to take away from the profile
 * @param fields standard fields to set; a {@code null} value clears the field
 * @param properties custom properties to set, key by key; a {@code null} value removes the key
 * @param clearProperties whether to remove every custom property first
 * @param append values to append to list properties (Klaviyo's {@code patch_properties.append})
 * @param unappend values to remove from list properties
 * @param unset custom properties to remove
 * @param consent consent to record, per channel
 */
public record ProfileChange(String profileId, List<Identifier> identifiers, Set<IdentifierKind> clearedIdentifiers,
        Map<ProfileField, Object> fields, Map<String, Object> properties, boolean clearProperties,
        Map<String, List<Object>> append, Map<String, List<Object>> unappend, Set<String> unset,
        Map<Channel, Consent> consent) {

    public ProfileChange {
        identifiers = List.copyOf(identifiers);
        clearedIdentifiers = clearedIdentifiers.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(clearedIdentifiers));
        EnumMap<ProfileField, Object> fieldCopy = new EnumMap<>(ProfileField.class);
        fieldCopy.putAll(fields);
        fields = Collections.unmodifiableMap(fieldCopy);
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        append = Map.copyOf(append);
        unappend = Map.copyOf(unappend);
        unset = Set.copyOf(unset);
        EnumMap<Channel, Consent> consentCopy = new EnumMap<>(Channel.class);
        consentCopy.putAll(consent);
        consent = Collections.unmodifiableMap(consentCopy);
    }

    /** Starts an empty change. */
    public static Builder builder() {
        return new Builder();
    }

    /** The given identifier of {@code kind}, or {@code null}. */
    public String identifier(IdentifierKind kind) {
        return identifiers.stream().filter(id -> id.kind() == kind).map(Identifier::value).findFirst().orElse(null);
    }

    /** Whether the change names any identifier. */
    public boolean hasIdentifiers() {
        return !identifiers.isEmpty();
    }

    /** This change, aimed at the profile with {@code id}. */
    public ProfileChange forProfile(String id) {
        return new ProfileChange(id, identifiers, clearedIdentifiers, fields, properties, clearProperties, append,
                unappend, unset, consent);
    }

    /** Collects a change. */
    public static final class Builder {

        private String profileId;

        private final Map<IdentifierKind, String> identifiers = new EnumMap<>(IdentifierKind.class);

        private final Set<IdentifierKind> clearedIdentifiers = EnumSet.noneOf(IdentifierKind.class);

        private final Map<ProfileField, Object> fields = new EnumMap<>(ProfileField.class);

        private final Map<String, Object> properties = new LinkedHashMap<>();

        private boolean clearProperties;

        private final Map<String, List<Object>> append = new LinkedHashMap<>();

        private final Map<String, List<Object>> unappend = new LinkedHashMap<>();

        private final Set<String> unset = new LinkedHashSet<>();

        private final Map<Channel, Consent> consent = new EnumMap<>(Channel.class);

        private Builder() {
        }

        public Builder profileId(String id) {
            this.profileId = id;
            return this;
        }

        /** Names the profile by {@code value} (already normalised); {@code null} leaves it out. */
        public Builder identifier(IdentifierKind kind, String value) {
            if (value != null) {
                identifiers.put(kind, value);
                clearedIdentifiers.remove(kind);
            }
            return this;
        }

        public Builder clearIdentifier(IdentifierKind kind) {
            identifiers.remove(kind);
            clearedIdentifiers.add(kind);
            return this;
        }

        /** Sets a field; {@code null} clears it. */
        public Builder field(ProfileField field, Object value) {
            fields.put(field, value);
            return this;
        }

        /** Sets a custom property; {@code null} removes it. */
        public Builder property(String key, Object value) {
            properties.put(key, value);
            return this;
        }

        public Builder clearProperties() {
            clearProperties = true;
            return this;
        }

        public Builder append(String key, List<Object> values) {
            append.computeIfAbsent(key, k -> new ArrayList<>()).addAll(values);
            return this;
        }

        public Builder unappend(String key, List<Object> values) {
            unappend.computeIfAbsent(key, k -> new ArrayList<>()).addAll(values);
            return this;
        }

        public Builder unset(String key) {
            unset.add(key);
            return this;
        }

        public Builder consent(Channel channel, Consent value) {
            consent.put(channel, value);
            return this;
        }

        public ProfileChange build() {
            List<Identifier> ordered = new ArrayList<>();
            for (IdentifierKind kind : IdentifierKind.values()) {
                if (identifiers.containsKey(kind)) {
                    ordered.add(new Identifier(kind, identifiers.get(kind)));
                }
            }
            Map<String, List<Object>> appendCopy = new LinkedHashMap<>();
            append.forEach((key, values) -> appendCopy.put(key, List.copyOf(values)));
            Map<String, List<Object>> unappendCopy = new LinkedHashMap<>();
            unappend.forEach((key, values) -> unappendCopy.put(key, List.copyOf(values)));
            return new ProfileChange(profileId, ordered, clearedIdentifiers, fields, properties, clearProperties,
                    appendCopy, unappendCopy, unset, consent);
        }
    }
}
