package dev.magpie.profiles.internal.api;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.IdentifierKind;
import dev.magpie.profiles.InvalidProfileException;
import dev.magpie.profiles.internal.IdentifierNormalizer;
import dev.magpie.profiles.internal.ProfileChange;
import dev.magpie.profiles.internal.ProfileField;
import dev.magpie.web.api.ApiException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@code profile} resource sent to the API into a {@link ProfileChange}, in Klaviyo's spelling: an
 * attribute left out stays as it is, an attribute sent as {@code null} is cleared. Every mistake is a 400 whose
 * {@code source.pointer} names the attribute, found before anything is stored.
 */
@Component
class ProfileRequestReader {

    /** Klaviyo's limit on a profile request. */
    static final int MAX_PROPERTIES_LENGTH = 100_000;

    /** Attributes Magpie keeps itself; clients that send back what they read may include them. */
    private static final Set<String> READ_ONLY = Set.of("created", "updated", "last_event_date",
            "predictive_analytics", "_kx");

    private static final Map<String, ProfileField> TEXT_FIELDS = Map.of("first_name", ProfileField.FIRST_NAME,
            "last_name", ProfileField.LAST_NAME, "organization", ProfileField.ORGANIZATION, "title",
            ProfileField.TITLE, "image", ProfileField.IMAGE, "locale", ProfileField.LOCALE);

    private static final Map<String, ProfileField> LOCATION_FIELDS = Map.of("address1", ProfileField.ADDRESS1,
            "address2", ProfileField.ADDRESS2, "city", ProfileField.CITY, "country", ProfileField.COUNTRY, "region",
            ProfileField.REGION, "zip", ProfileField.ZIP, "timezone", ProfileField.TIMEZONE, "latitude",
            ProfileField.LATITUDE, "longitude", ProfileField.LONGITUDE, "ip", ProfileField.IP);

    private final IdentifierNormalizer normalizer;

    private final JsonMapper json;

    ProfileRequestReader(IdentifierNormalizer normalizer, JsonMapper json) {
        this.normalizer = normalizer;
        this.json = json;
    }

    /** What the request is for, which decides how {@code data.id} and {@code null}s are read. */
    enum Purpose {
        /** Create Profile: no id; a {@code null} attribute is simply not set. */
        CREATE,
        /** Create or Update Profile: an optional id. */
        IMPORT,
        /** Update Profile: the id of the path. */
        UPDATE
    }

    ProfileChange read(JsonNode body, Purpose purpose, String pathId) {
        JsonNode data = body == null ? null : body.get("data");
        if (data == null || !data.isObject()) {
            throw ApiException.invalidInput("/data", "The request body must hold a profile resource in 'data'.");
        }
        JsonNode type = data.get("type");
        if (type == null || !type.isString() || !ProfilesApiController.TYPE.equals(type.asString())) {
            throw ApiException.invalidInput("/data/type", "'type' must be 'profile'.");
        }
        ProfileChange.Builder change = ProfileChange.builder();
        id(data.get("id"), purpose, pathId, change);
        JsonNode attributes = data.get("attributes");
        if (attributes == null || !attributes.isObject()) {
            throw ApiException.invalidInput("/data/attributes", "'attributes' must be an object.");
        }
        boolean clears = purpose != Purpose.CREATE;
        try {
            for (Map.Entry<String, JsonNode> attribute : attributes.properties()) {
                attribute(attribute.getKey(), attribute.getValue(), clears, change);
            }
            meta(data.get("meta"), change);
        }
        catch (InvalidProfileException invalid) {
            throw ProfileApiErrors.invalid(invalid);
        }
        return change.build();
    }

    private static void id(JsonNode id, Purpose purpose, String pathId, ProfileChange.Builder change) {
        boolean given = id != null && !id.isNull();
        if (given && (!id.isString() || id.asString().isBlank())) {
            throw ApiException.invalidInput("/data/id", "'id' must be a profile id.");
        }
        switch (purpose) {
            case CREATE -> {
                if (given) {
                    throw ApiException.invalidInput("/data/id",
                            "Profiles get their id from Magpie: leave 'id' out, or use POST /api/profile-import.");
                }
            }
            case IMPORT -> {
                if (given) {
                    change.profileId(id.asString().strip());
                }
            }
            case UPDATE -> {
                if (!given || !id.asString().strip().equals(pathId)) {
                    throw ApiException.invalidInput("/data/id", "'id' must be the id in the path, '%s'."
                        .formatted(pathId));
                }
                change.profileId(pathId);
            }
        }
    }

    private void attribute(String name, JsonNode value, boolean clears, ProfileChange.Builder change) {
        switch (name) {
            case "email" -> identifier(IdentifierKind.EMAIL, name, value, clears, change);
            case "phone_number" -> identifier(IdentifierKind.PHONE_NUMBER, name, value, clears, change);
            case "external_id" -> identifier(IdentifierKind.EXTERNAL_ID, name, value, clears, change);
            case "anonymous_id" -> {
                // A profile keeps every anonymous id it was seen with: there is nothing to clear
                if (!value.isNull()) {
                    change.identifier(IdentifierKind.ANONYMOUS_ID,
                            normalizer.normalize(IdentifierKind.ANONYMOUS_ID, text(value, name, true)));
                }
            }
            case "location" -> location(value, clears, change);
            case "properties" -> properties(value, clears, change);
            case "subscriptions" -> subscriptions(value, change);
            default -> {
                ProfileField field = TEXT_FIELDS.get(name);
                if (field != null) {
                    textField(field, value, clears, change);
                }
                else if (!READ_ONLY.contains(name)) {
                    throw new InvalidProfileException(name, "'%s' is not an attribute of a profile.".formatted(name));
                }
            }
        }
    }

    private void identifier(IdentifierKind kind, String name, JsonNode value, boolean clears,
            ProfileChange.Builder change) {
        if (value.isNull()) {
            if (clears) {
                change.clearIdentifier(kind);
            }
            return;
        }
        String normalized = normalizer.normalize(kind, text(value, name, kind == IdentifierKind.EXTERNAL_ID));
        if (normalized != null) {
            change.identifier(kind, normalized);
        }
        else if (clears) {
            change.clearIdentifier(kind);
        }
    }

    private static void textField(ProfileField field, JsonNode value, boolean clears, ProfileChange.Builder change) {
        if (value.isNull()) {
            if (clears) {
                change.field(field, null);
            }
            return;
        }
        String text = text(value, field.attribute(), false).strip();
        if (!text.isEmpty()) {
            change.field(field, text);
        }
        else if (clears) {
            change.field(field, null);
        }
    }

    private static void location(JsonNode location, boolean clears, ProfileChange.Builder change) {
        if (location.isNull()) {
            if (clears) {
                LOCATION_FIELDS.values().forEach(field -> change.field(field, null));
            }
            return;
        }
        if (!location.isObject()) {
            throw new InvalidProfileException("location", "'location' must be an object.");
        }
        for (Map.Entry<String, JsonNode> part : location.properties()) {
            ProfileField field = LOCATION_FIELDS.get(part.getKey());
            if (field == null) {
                throw new InvalidProfileException("location/" + part.getKey(),
                        "'%s' is not a part of a location.".formatted(part.getKey()));
            }
            if (field.numeric()) {
                coordinate(field, part.getValue(), clears, change);
            }
            else {
                textField(field, part.getValue(), clears, change);
            }
        }
    }

    private static void coordinate(ProfileField field, JsonNode value, boolean clears, ProfileChange.Builder change) {
        if (value.isNull() || (value.isString() && value.asString().isBlank())) {
            if (clears) {
                change.field(field, null);
            }
            return;
        }
        try {
            double number = value.isNumber() ? value.doubleValue() : Double.parseDouble(value.asString().strip());
            if (value.isNumber() || value.isString()) {
                change.field(field, number);
                return;
            }
        }
        catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new InvalidProfileException(field.attribute(),
                "'%s' must be a number, such as 40.7128.".formatted(field.column()));
    }

    private void properties(JsonNode properties, boolean clears, ProfileChange.Builder change) {
        if (properties.isNull()) {
            if (clears) {
                change.clearProperties();
            }
            return;
        }
        if (!properties.isObject()) {
            throw new InvalidProfileException("properties", "'properties' must be an object.");
        }
        if (properties.toString().length() > MAX_PROPERTIES_LENGTH) {
            throw new InvalidProfileException("properties",
                    "'properties' may hold at most %d characters of JSON.".formatted(MAX_PROPERTIES_LENGTH));
        }
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            change.property(property.getKey(),
                    property.getValue().isNull() ? null : json.treeToValue(property.getValue(), Object.class));
        }
    }

    /** Consent, in the shape Klaviyo shows it (a Magpie extension: Klaviyo sets consent through other endpoints). */
    private static void subscriptions(JsonNode subscriptions, ProfileChange.Builder change) {
        if (subscriptions.isNull()) {
            return;
        }
        if (!subscriptions.isObject()) {
            throw new InvalidProfileException("subscriptions", "'subscriptions' must be an object.");
        }
        consent(subscriptions, "email", "marketing", Channel.EMAIL_MARKETING, change);
        consent(subscriptions, "sms", "marketing", Channel.SMS_MARKETING, change);
        consent(subscriptions, "sms", "transactional", Channel.SMS_TRANSACTIONAL, change);
    }

    private static void consent(JsonNode subscriptions, String channel, String kind, Channel target,
            ProfileChange.Builder change) {
        JsonNode node = subscriptions.path(channel).path(kind);
        if (node.isMissingNode() || node.isNull()) {
            return;
        }
        String field = "subscriptions/" + channel + "/" + kind;
        if (!node.isObject()) {
            throw new InvalidProfileException(field, "'%s' must be an object.".formatted(kind));
        }
        JsonNode state = node.get("consent");
        Consent.State parsed = null;
        if (state != null && state.isString()) {
            try {
                parsed = Consent.State.valueOf(state.asString().strip().toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException unknown) {
                // answered below
            }
        }
        if (parsed == null) {
            throw new InvalidProfileException(field + "/consent",
                    "'consent' must be one of SUBSCRIBED, UNSUBSCRIBED or NEVER_SUBSCRIBED.");
        }
        JsonNode at = node.has("consented_at") ? node.get("consented_at") : node.get("consent_timestamp");
        String atField = node.has("consented_at") ? field + "/consented_at" : field + "/consent_timestamp";
        change.consent(target, new Consent(parsed, instant(at, atField), optionalText(node.get("method"),
                field + "/method"), optionalText(node.get("method_detail"), field + "/method_detail")));
    }

    private void meta(JsonNode meta, ProfileChange.Builder change) {
        if (meta == null || meta.isNull()) {
            return;
        }
        JsonNode patch = meta.get("patch_properties");
        if (patch == null || patch.isNull()) {
            return;
        }
        if (!patch.isObject()) {
            throw new InvalidProfileException("meta/patch_properties", "'patch_properties' must be an object.");
        }
        for (Map.Entry<String, JsonNode> operation : patch.properties()) {
            String field = "meta/patch_properties/" + operation.getKey();
            JsonNode value = operation.getValue();
            switch (operation.getKey()) {
                case "append" -> values(value, field).forEach(change::append);
                case "unappend" -> values(value, field).forEach(change::unappend);
                case "unset" -> unset(value, field).forEach(change::unset);
                default -> throw new InvalidProfileException(field,
                        "'%s' is not a patch operation; use append, unappend or unset.".formatted(operation.getKey()));
            }
        }
    }

    private Map<String, List<Object>> values(JsonNode operation, String field) {
        if (operation.isNull()) {
            return Map.of();
        }
        if (!operation.isObject()) {
            throw new InvalidProfileException(field, "'%s' must be an object of property names and values."
                .formatted(field.substring(field.lastIndexOf('/') + 1)));
        }
        Map<String, List<Object>> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : operation.properties()) {
            List<Object> list = new ArrayList<>();
            JsonNode value = property.getValue();
            for (JsonNode element : value.isArray() ? value.values() : List.of(value)) {
                if (!element.isValueNode() || element.isNull()) {
                    throw new InvalidProfileException(field + "/" + property.getKey(),
                            "Only simple values (text, numbers, booleans) can be appended or unappended.");
                }
                list.add(json.treeToValue(element, Object.class));
            }
            values.put(property.getKey(), list);
        }
        return values;
    }

    private static List<String> unset(JsonNode value, String field) {
        if (value.isNull()) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        for (JsonNode key : value.isArray() ? value.values() : List.of(value)) {
            if (!key.isString()) {
                throw new InvalidProfileException(field, "'unset' takes a property name or a list of them.");
            }
            keys.add(key.asString());
        }
        return keys;
    }

    private static String text(JsonNode value, String field, boolean numbersAllowed) {
        if (value.isString()) {
            return value.asString();
        }
        if (numbersAllowed && value.isIntegralNumber()) {
            return value.asString();
        }
        throw new InvalidProfileException(field, "'%s' must be a string.".formatted(
                field.substring(field.lastIndexOf('/') + 1)));
    }

    private static String optionalText(JsonNode value, String field) {
        return value == null || value.isNull() ? null : text(value, field, false);
    }

    private static Instant instant(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isString()) {
            String text = value.asString().strip();
            try {
                return OffsetDateTime.parse(text).toInstant();
            }
            catch (DateTimeParseException withoutOffset) {
                try {
                    return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
                }
                catch (DateTimeParseException notADate) {
                    // answered below
                }
            }
        }
        throw new InvalidProfileException(field, "'%s' must be an ISO 8601 date-time, such as 2026-02-21T20:07:38+00:00."
            .formatted(field.substring(field.lastIndexOf('/') + 1)));
    }
}
