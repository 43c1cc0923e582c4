package dev.magpie.integrations.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.ProfileAttributes;
import tools.jackson.databind.JsonNode;

/**
 * Reads a profile in Klaviyo's attribute spelling ({@code email}, {@code phone_number}, {@code external_id},
 * {@code anonymous_id}, {@code first_name}, …, {@code location}, {@code properties}), as the browser API and the
 * generic webhook take it, refusing wrong types with the offending field's JSON pointer.
 */
public final class ProfileFields {

    private static final String[] TEXT_FIELDS = { "email", "phone_number", "external_id", "anonymous_id",
            "first_name", "last_name", "organization", "title", "image" };

    private ProfileFields() {
    }

    /**
     * The profile in {@code attributes} (at {@code pointer}); it must name at least one identifier.
     *
     * @throws PayloadException naming the field that is not what it should be
     */
    public static ProfileAttributes read(JsonNode attributes, String pointer) {
        return read(attributes, pointer, null, null);
    }

    /**
     * As {@link #read(JsonNode, String)}, also taking {@code consent}: an object whose keys are
     * {@code email_marketing}, {@code sms_marketing} and {@code sms_transactional} and whose values are
     * {@code subscribed} or {@code unsubscribed}, recorded at {@code consentAt} with method
     * {@code consentMethod}. With a {@code null} method, consent is not accepted.
     */
    public static ProfileAttributes read(JsonNode attributes, String pointer, Instant consentAt,
            String consentMethod) {
        if (attributes == null || !attributes.isObject()) {
            throw new PayloadException(pointer, "The profile must be an object.");
        }
        for (String field : TEXT_FIELDS) {
            requireText(attributes, field, pointer);
        }
        Identifiers identifiers = new Identifiers(lowerCase(Json.text(attributes, "email")),
                Json.text(attributes, "phone_number"), Json.text(attributes, "external_id"),
                Json.text(attributes, "anonymous_id"));
        if (identifiers.isEmpty()) {
            throw new PayloadException(pointer,
                    "The profile needs an identifier: email, phone_number, external_id or anonymous_id.");
        }
        JsonNode properties = attributes.get("properties");
        if (!Json.isAbsent(properties) && !properties.isObject()) {
            throw new PayloadException(pointer + "/properties", "properties must be an object.");
        }
        Map<String, Object> propertyMap = Json.toMap(properties);
        return new ProfileAttributes(identifiers, Json.text(attributes, "first_name"),
                Json.text(attributes, "last_name"), Json.text(attributes, "organization"),
                Json.text(attributes, "title"), Json.text(attributes, "image"),
                location(attributes.get("location"), pointer + "/location"),
                propertyMap.isEmpty() ? null : propertyMap,
                consentMethod == null ? null : consent(attributes.get("consent"), pointer + "/consent", consentAt,
                        consentMethod));
    }

    private static Location location(JsonNode location, String pointer) {
        if (Json.isAbsent(location)) {
            return null;
        }
        if (!location.isObject()) {
            throw new PayloadException(pointer, "location must be an object.");
        }
        for (String field : new String[] { "address1", "address2", "city", "country", "region", "zip",
                "timezone" }) {
            requireText(location, field, pointer);
        }
        return Locations.of(Json.text(location, "address1"), Json.text(location, "address2"),
                Json.text(location, "city"), Json.text(location, "country"), Json.text(location, "region"),
                Json.text(location, "zip"), Json.text(location, "timezone"),
                coordinate(location, "latitude", pointer), coordinate(location, "longitude", pointer));
    }

    private static Double coordinate(JsonNode location, String field, String pointer) {
        JsonNode value = location.get(field);
        if (Json.isAbsent(value)) {
            return null;
        }
        BigDecimal number = Json.decimal(location, field);
        if (number == null) {
            throw new PayloadException(pointer + "/" + field, field + " must be a number.");
        }
        return number.doubleValue();
    }

    private static Map<Channel, Consent> consent(JsonNode consent, String pointer, Instant at, String method) {
        if (Json.isAbsent(consent)) {
            return null;
        }
        if (!consent.isObject()) {
            throw new PayloadException(pointer, "consent must be an object.");
        }
        Map<Channel, Consent> choices = new EnumMap<>(Channel.class);
        for (Map.Entry<String, JsonNode> entry : consent.properties()) {
            Channel channel;
            try {
                channel = Channel.valueOf(entry.getKey().toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException unknown) {
                throw new PayloadException(pointer + "/" + entry.getKey(),
                        "Unknown channel; use email_marketing, sms_marketing or sms_transactional.");
            }
            Consent.State state = switch (String.valueOf(Json.text(entry.getValue())).toLowerCase(Locale.ROOT)) {
                case "subscribed" -> Consent.State.SUBSCRIBED;
                case "unsubscribed" -> Consent.State.UNSUBSCRIBED;
                default -> throw new PayloadException(pointer + "/" + entry.getKey(),
                        "Consent must be \"subscribed\" or \"unsubscribed\".");
            };
            choices.put(channel, new Consent(state, at, method, "Webhook"));
        }
        return choices.isEmpty() ? null : choices;
    }

    private static void requireText(JsonNode object, String field, String pointer) {
        JsonNode value = object.get(field);
        if (!Json.isAbsent(value) && !value.isString() && !value.isNumber()) {
            throw new PayloadException(pointer + "/" + field, field + " must be a string.");
        }
    }

    private static String lowerCase(String email) {
        return email == null ? null : email.toLowerCase(Locale.ROOT);
    }
}
