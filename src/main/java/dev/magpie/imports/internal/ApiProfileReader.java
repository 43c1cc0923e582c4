package dev.magpie.imports.internal;

import java.util.Map;

import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.ProfileAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one profile object of a bulk import job ({@code {"type":"profile","attributes":{…}}}, as in Klaviyo's
 * Create or Update Profile) into what the profile should become. Values of the wrong type, and profiles that
 * name no identifier, are refused with the attribute at fault; {@code locale}, {@code _kx} and
 * {@code location.ip} are accepted and not kept.
 */
final class ApiProfileReader {

    private final JsonMapper json;

    ApiProfileReader(JsonMapper json) {
        this.json = json;
    }

    /** What the profile object says, or why it cannot be imported. */
    Read read(JsonNode profile) {
        JsonNode attributes = profile.path("attributes");
        try {
            if (profile.hasNonNull("id")) {
                throw new Refused("id", text(profile.get("id")),
                        "Bulk import jobs find profiles by email, phone_number, external_id or anonymous_id, not by id.");
            }
            Identifiers identifiers = new Identifiers(string(attributes, "email"), string(attributes, "phone_number"),
                    string(attributes, "external_id"), string(attributes, "anonymous_id"));
            if (identifiers.isEmpty()) {
                throw new Refused(null, null,
                        "A profile needs an email, phone_number, external_id or anonymous_id.");
            }
            return new Read(new ProfileAttributes(identifiers, string(attributes, "first_name"),
                    string(attributes, "last_name"), string(attributes, "organization"), string(attributes, "title"),
                    string(attributes, "image"), location(attributes.path("location")), properties(attributes), null), null);
        }
        catch (Refused refused) {
            return new Read(null, refused);
        }
    }

    /** The value at {@code field} (such as {@code phone_number} or {@code location/city}) in a profile, as text. */
    static String valueAt(JsonNode profile, String field) {
        if (field == null || field.isBlank()) {
            return null;
        }
        JsonNode node = profile.path("attributes");
        for (String part : field.split("[/.]")) {
            node = node.path(part);
        }
        return node.isMissingNode() || node.isNull() ? null : text(node);
    }

    private Location location(JsonNode location) {
        if (location.isMissingNode() || location.isNull()) {
            return null;
        }
        if (!location.isObject()) {
            throw new Refused("location", text(location), "location must be an object.");
        }
        return new Location(string(location, "address1", "location/"), string(location, "address2", "location/"),
                string(location, "city", "location/"), string(location, "country", "location/"),
                string(location, "region", "location/"), string(location, "zip", "location/"),
                string(location, "timezone", "location/"), coordinate(location, "latitude"),
                coordinate(location, "longitude"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> properties(JsonNode attributes) {
        JsonNode properties = attributes.path("properties");
        if (properties.isMissingNode() || properties.isNull()) {
            return null;
        }
        if (!properties.isObject()) {
            throw new Refused("properties", text(properties), "properties must be an object.");
        }
        return properties.isEmpty() ? null : json.convertValue(properties, Map.class);
    }

    private static String string(JsonNode object, String name) {
        return string(object, name, "");
    }

    private static String string(JsonNode object, String name, String prefix) {
        JsonNode value = object.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new Refused(prefix + name, text(value),
                    "%s%s must be a string.".formatted(prefix.replace('/', '.'), name));
        }
        String text = value.stringValue().trim();
        return text.isEmpty() ? null : text;
    }

    private static Double coordinate(JsonNode location, String name) {
        JsonNode value = location.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isString()) {
            try {
                return Double.valueOf(value.stringValue().trim());
            }
            catch (NumberFormatException notANumber) {
                // refused below
            }
        }
        throw new Refused("location/" + name, text(value), "location.%s must be a number.".formatted(name));
    }

    private static String text(JsonNode value) {
        String text = value.isString() ? value.stringValue() : value.toString();
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    /** What a profile object says: attributes to upsert, or why it is refused. */
    record Read(ProfileAttributes attributes, Refused refused) {
    }

    /** A profile object refused before any upsert, naming the attribute at fault ({@code null} for the whole). */
    static final class Refused extends RuntimeException {

        private final String field;

        private final String value;

        Refused(String field, String value, String message) {
            super(message, null, false, false);
            this.field = field;
            this.value = value;
        }

        String field() {
            return field;
        }

        String value() {
            return value;
        }
    }
}
