package dev.magpie.profiles.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.IdentifierKind;

/**
 * What actually changes when a {@link ProfileChange} meets the stored profile: only columns whose value differs,
 * so that a repeat of the same upsert (every event names its profile) writes nothing at all.
 */
final class ProfileDiff {

    /** Identifier columns to set; a {@code null} value clears the column. */
    final Map<IdentifierKind, String> identifierColumns = new EnumMap<>(IdentifierKind.class);

    /** Identifiers the profile no longer has in a column, to free once the row is written. */
    final List<Identifier> releases = new ArrayList<>();

    final Set<String> addedAnonymousIds = new LinkedHashSet<>();

    /** Standard fields to set; a {@code null} value clears the field. */
    final Map<ProfileField, Object> fields = new EnumMap<>(ProfileField.class);

    /** Custom properties to write, as JSON. */
    final Map<String, String> setProperties = new LinkedHashMap<>();

    final Set<String> removedProperties = new LinkedHashSet<>();

    final Map<Channel, Consent> consent = new EnumMap<>(Channel.class);

    /** The survivor, when this diff marks the profile as merged away. */
    String mergedInto;

    /** The custom properties after the change. */
    Map<String, Object> propertiesAfter;

    private ProfileDiff() {
    }

    /** An empty diff, to be filled by a merge. */
    static ProfileDiff none(StoredProfile current) {
        ProfileDiff diff = new ProfileDiff();
        diff.propertiesAfter = new LinkedHashMap<>(current.properties());
        return diff;
    }

    /**
     * The difference {@code change} makes to {@code current}, where {@code owned} are the identifiers of the
     * change that the profile holds (or has just claimed).
     */
    static ProfileDiff of(StoredProfile current, ProfileChange change, Collection<Identifier> owned, Instant now,
            PropertiesCodec codec) {
        ProfileDiff diff = new ProfileDiff();
        diff.identifiers(current, change, owned);
        change.fields().forEach((field, value) -> {
            if (!Objects.equals(current.fields().get(field), value)) {
                diff.fields.put(field, value);
            }
        });
        diff.properties(current, change, codec);
        diff.consent(current, change.consent(), now);
        return diff;
    }

    private void identifiers(StoredProfile current, ProfileChange change, Collection<Identifier> owned) {
        for (Identifier identifier : owned) {
            if (identifier.kind() == IdentifierKind.ANONYMOUS_ID) {
                if (!current.anonymousIds().contains(identifier.value())) {
                    addedAnonymousIds.add(identifier.value());
                }
                continue;
            }
            String before = current.identifier(identifier.kind());
            if (!identifier.value().equals(before)) {
                identifierColumns.put(identifier.kind(), identifier.value());
                if (before != null) {
                    releases.add(new Identifier(identifier.kind(), before));
                }
            }
        }
        for (IdentifierKind kind : change.clearedIdentifiers()) {
            String before = current.identifier(kind);
            if (before != null) {
                identifierColumns.put(kind, null);
                releases.add(new Identifier(kind, before));
            }
        }
    }

    private void properties(StoredProfile current, ProfileChange change, PropertiesCodec codec) {
        Map<String, Object> after = new LinkedHashMap<>(current.properties());
        if (change.clearProperties()) {
            after.clear();
        }
        change.properties().forEach((key, value) -> {
            if (value == null) {
                after.remove(key);
            }
            else {
                after.put(key, value);
            }
        });
        change.append().forEach((key, values) -> {
            List<Object> list = asList(after.get(key));
            list.addAll(values);
            after.put(key, list);
        });
        change.unappend().forEach((key, values) -> {
            if (after.containsKey(key)) {
                List<Object> list = asList(after.get(key));
                list.removeIf(values::contains);
                after.put(key, list);
            }
        });
        change.unset().forEach(after::remove);
        after.forEach((key, value) -> {
            String json = codec.write(value);
            Object before = current.properties().get(key);
            if (before == null || !json.equals(codec.write(before))) {
                setProperties.put(key, json);
            }
        });
        current.properties().keySet().stream().filter(key -> !after.containsKey(key)).forEach(removedProperties::add);
        propertiesAfter = after;
    }

    private static List<Object> asList(Object value) {
        if (value == null) {
            return new ArrayList<>();
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        List<Object> list = new ArrayList<>();
        list.add(value);
        return list;
    }

    /**
     * A statement of consent replaces the stored one unless it is older, or says the same (the first record of a
     * state is the evidence worth keeping).
     */
    private void consent(StoredProfile current, Map<Channel, Consent> given, Instant now) {
        given.forEach((channel, statement) -> {
            Instant at = statement.at() != null ? statement.at().truncatedTo(ChronoUnit.MILLIS) : now;
            Consent dated = new Consent(statement.state(), at, statement.method(), statement.source());
            Consent before = current.consent().get(channel);
            if (before == null) {
                consent.put(channel, dated);
            }
            else if (before.state() != dated.state() && (before.at() == null || !dated.at().isBefore(before.at()))) {
                consent.put(channel, dated);
            }
        });
    }

    boolean isEmpty() {
        return identifierColumns.isEmpty() && addedAnonymousIds.isEmpty() && fields.isEmpty()
                && setProperties.isEmpty() && removedProperties.isEmpty() && consent.isEmpty() && mergedInto == null;
    }

    /** Whether the name fields change, and with them the name index. */
    boolean changesNames() {
        return fields.containsKey(ProfileField.FIRST_NAME) || fields.containsKey(ProfileField.LAST_NAME);
    }

    /** {@code current} with this diff applied, as the stored row now reads. */
    StoredProfile applyTo(StoredProfile current, Instant updated) {
        Map<IdentifierKind, String> identifiers = new EnumMap<>(IdentifierKind.class);
        for (IdentifierKind kind : List.of(IdentifierKind.EMAIL, IdentifierKind.PHONE_NUMBER,
                IdentifierKind.EXTERNAL_ID)) {
            identifiers.put(kind, identifierColumns.containsKey(kind) ? identifierColumns.get(kind)
                    : current.identifier(kind));
        }
        Set<String> anonymousIds = new LinkedHashSet<>(current.anonymousIds());
        anonymousIds.addAll(addedAnonymousIds);
        Map<ProfileField, Object> fieldsAfter = new EnumMap<>(ProfileField.class);
        fieldsAfter.putAll(current.fields());
        fieldsAfter.putAll(fields);
        Map<Channel, Consent> consentAfter = new EnumMap<>(Channel.class);
        consentAfter.putAll(current.consent());
        consentAfter.putAll(consent);
        return new StoredProfile(current.id(), identifiers.get(IdentifierKind.EMAIL),
                identifiers.get(IdentifierKind.PHONE_NUMBER), identifiers.get(IdentifierKind.EXTERNAL_ID),
                anonymousIds, fieldsAfter, propertiesAfter, consentAfter, updated,
                mergedInto != null ? mergedInto : current.mergedInto());
    }
}
