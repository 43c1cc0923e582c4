package dev.magpie.activity.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.activity.internal.CassandraEventRecorder.Submission;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.web.api.ApiException;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Klaviyo's event documents — "Create Event" and "Bulk Create Events" — into events to record, checking
 * everything Klaviyo documents: types, required members, at most 400 properties, strings up to 100 KB, metric
 * names under 128 characters, times after 2000 and at most a year ahead, ISO 4217 currencies, and at most 1,000
 * events per bulk job. The first mistake is answered with 400 naming it by JSON pointer.
 */
@Component
class EventRequests {

    static final int MAX_BULK_EVENTS = 1_000;

    static final int MAX_PROPERTIES = 400;

    static final int MAX_STRING_BYTES = 100 * 1024;

    static final int MAX_METRIC_NAME = 127;

    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    // Shape checks only: the profiles module has the last word on identifiers when the event is recorded
    private static final Pattern EMAIL_SHAPE = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");

    private static final Pattern PHONE_SHAPE = Pattern.compile("\\+?[0-9 ().\\-]{4,30}");

    private final JsonMapper json;

    private final Clock clock;

    EventRequests(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** The event of a "Create Event" document. */
    Submission event(JsonNode document) {
        JsonNode data = object(document.get("data"), "/data");
        type(data, "/data", "event");
        JsonNode attributes = object(data.get("attributes"), "/data/attributes");
        ProfileReference profile = profile(attributes.get("profile"), "/data/attributes/profile", false);
        return new Submission(profile.id(), newEvent(attributes, "/data/attributes", profile.attributes()));
    }

    /** The items of a "Bulk Create Events" document: each a profile and its events. */
    List<BulkItem> bulk(JsonNode document) {
        JsonNode data = object(document.get("data"), "/data");
        type(data, "/data", "event-bulk-create-job");
        JsonNode attributes = object(data.get("attributes"), "/data/attributes");
        String listPointer = "/data/attributes/events-bulk-create/data";
        JsonNode list = object(attributes.get("events-bulk-create"), "/data/attributes/events-bulk-create")
            .get("data");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw ApiException.invalidInput(listPointer, "events-bulk-create.data must be a non-empty list of "
                    + "event-bulk-create objects, each a profile and its events.");
        }
        int total = 0;
        for (JsonNode item : list) {
            JsonNode events = item.path("attributes").path("events").path("data");
            total += events.isArray() ? events.size() : 0;
        }
        if (total > MAX_BULK_EVENTS) {
            throw ApiException.invalidInput(listPointer, "A bulk job holds at most %,d events; this one has %,d."
                .formatted(MAX_BULK_EVENTS, total));
        }
        List<BulkItem> items = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String pointer = listPointer + "/" + i;
            JsonNode item = object(list.get(i), pointer);
            type(item, pointer, "event-bulk-create");
            JsonNode itemAttributes = object(item.get("attributes"), pointer + "/attributes");
            ProfileReference profile = profile(itemAttributes.get("profile"), pointer + "/attributes/profile", true);
            String eventsPointer = pointer + "/attributes/events/data";
            JsonNode events = object(itemAttributes.get("events"), pointer + "/attributes/events").get("data");
            if (events == null || !events.isArray() || events.isEmpty()) {
                throw ApiException.invalidInput(eventsPointer, "events.data must be a non-empty list of events.");
            }
            List<NewEvent> parsed = new ArrayList<>(events.size());
            for (int e = 0; e < events.size(); e++) {
                String eventPointer = eventsPointer + "/" + e;
                JsonNode event = object(events.get(e), eventPointer);
                type(event, eventPointer, "event");
                JsonNode eventAttributes = object(event.get("attributes"), eventPointer + "/attributes");
                if (eventAttributes.has("profile")) {
                    throw ApiException.invalidInput(eventPointer + "/attributes/profile",
                            "In a bulk job the profile is named once per item, not per event.");
                }
                parsed.add(newEvent(eventAttributes, eventPointer + "/attributes", profile.attributes()));
            }
            items.add(new BulkItem(pointer, profile.id(), profile.attributes(), parsed));
        }
        return items;
    }

    private NewEvent newEvent(JsonNode attributes, String pointer, ProfileAttributes profile) {
        JsonNode properties = attributes.get("properties");
        if (properties == null || !properties.isObject()) {
            throw ApiException.invalidInput(pointer + "/properties",
                    "properties is required and must be an object (it may be empty).");
        }
        if (properties.size() > MAX_PROPERTIES) {
            throw ApiException.invalidInput(pointer + "/properties",
                    "An event has at most %d properties; this one has %d.".formatted(MAX_PROPERTIES, properties.size()));
        }
        checkStrings(properties, pointer + "/properties");
        JsonNode metricData = object(object(attributes.get("metric"), pointer + "/metric").get("data"),
                pointer + "/metric/data");
        type(metricData, pointer + "/metric/data", "metric");
        String metricPointer = pointer + "/metric/data/attributes";
        JsonNode metric = object(metricData.get("attributes"), metricPointer);
        String name = text(metric, "name", metricPointer);
        if (name == null || name.isBlank()) {
            throw ApiException.invalidInput(metricPointer + "/name", "The metric's name is required.");
        }
        if (name.length() > MAX_METRIC_NAME) {
            throw ApiException.invalidInput(metricPointer + "/name",
                    "A metric's name must be less than 128 characters long.");
        }
        MetricSource source = source(text(metric, "service", metricPointer));
        Instant time = time(attributes.get("time"), pointer + "/time");
        BigDecimal value = value(attributes.get("value"), pointer + "/value");
        String currency = currency(text(attributes, "value_currency", pointer), pointer + "/value_currency");
        String uniqueId = text(attributes, "unique_id", pointer);
        return new NewEvent(name.strip(), source, profile, time, value, currency, json.convertValue(properties, MAP),
                uniqueId == null || uniqueId.isEmpty() ? null : uniqueId);
    }

    private ProfileReference profile(JsonNode profile, String pointer, boolean checkShapes) {
        JsonNode data = object(object(profile, pointer).get("data"), pointer + "/data");
        type(data, pointer + "/data", "profile");
        String id = text(data, "id", pointer + "/data");
        String attributesPointer = pointer + "/data/attributes";
        JsonNode attributes = data.get("attributes");
        if (attributes == null || attributes.isNull()) {
            attributes = json.createObjectNode();
        }
        object(attributes, attributesPointer);
        Identifiers identifiers = new Identifiers(text(attributes, "email", attributesPointer),
                text(attributes, "phone_number", attributesPointer), text(attributes, "external_id", attributesPointer),
                text(attributes, "anonymous_id", attributesPointer));
        if ((id == null || id.isBlank()) && blank(identifiers)) {
            throw ApiException.invalidInput(attributesPointer, "The profile needs an identifier: id, email, "
                    + "phone_number, external_id or anonymous_id.");
        }
        if (checkShapes) {
            checkShape(identifiers.email(), EMAIL_SHAPE, attributesPointer + "/email", "email address");
            checkShape(identifiers.phoneNumber(), PHONE_SHAPE, attributesPointer + "/phone_number", "phone number");
        }
        JsonNode properties = attributes.get("properties");
        Map<String, Object> custom = null;
        if (properties != null && !properties.isNull()) {
            object(properties, attributesPointer + "/properties");
            checkStrings(properties, attributesPointer + "/properties");
            custom = json.convertValue(properties, MAP);
        }
        ProfileAttributes profileAttributes = new ProfileAttributes(identifiers,
                text(attributes, "first_name", attributesPointer), text(attributes, "last_name", attributesPointer),
                text(attributes, "organization", attributesPointer), text(attributes, "title", attributesPointer),
                text(attributes, "image", attributesPointer), location(attributes.get("location"),
                        attributesPointer + "/location"), custom, null);
        return new ProfileReference(id == null || id.isBlank() ? null : id.strip(), profileAttributes);
    }

    private Location location(JsonNode location, String pointer) {
        if (location == null || location.isNull()) {
            return null;
        }
        object(location, pointer);
        return new Location(text(location, "address1", pointer), text(location, "address2", pointer),
                text(location, "city", pointer), text(location, "country", pointer), text(location, "region", pointer),
                text(location, "zip", pointer), text(location, "timezone", pointer),
                coordinate(location.get("latitude"), pointer + "/latitude"),
                coordinate(location.get("longitude"), pointer + "/longitude"));
    }

    private Instant time(JsonNode node, String pointer) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw ApiException.invalidInput(pointer, "time must be an ISO 8601 date-time, such as "
                    + "2026-07-15T10:30:00+00:00.");
        }
        Instant time = parseTime(node.stringValue().strip(), pointer);
        if (time.isBefore(EARLIEST) || time.isAfter(clock.instant().plus(java.time.Duration.ofDays(365)))) {
            throw ApiException.invalidInput(pointer, "time must be after the year 2000 and at most a year ahead.");
        }
        return time;
    }

    private static Instant parseTime(String text, String pointer) {
        try {
            if (text.indexOf('T') < 0) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (text.endsWith("Z") || text.endsWith("z") || text.lastIndexOf('+') > 10 || text.lastIndexOf('-') > 10) {
                return OffsetDateTime.parse(text.replace('z', 'Z')).toInstant();
            }
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
        catch (DateTimeParseException invalid) {
            throw ApiException.invalidInput(pointer, "'%s' is not an ISO 8601 date-time, such as "
                .formatted(abbreviate(text)) + "2026-07-15T10:30:00+00:00.");
        }
    }

    private static BigDecimal value(JsonNode node, String pointer) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isString()) {
            try {
                return new BigDecimal(node.stringValue().strip());
            }
            catch (NumberFormatException notANumber) {
                // answered below
            }
        }
        throw ApiException.invalidInput(pointer, "value must be a number, such as 9.99.");
    }

    private static String currency(String code, String pointer) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String upper = code.strip().toUpperCase(Locale.ROOT);
        try {
            if (upper.length() == 3) {
                return Currency.getInstance(upper).getCurrencyCode();
            }
        }
        catch (IllegalArgumentException unknown) {
            // answered below
        }
        throw ApiException.invalidInput(pointer, "value_currency must be an ISO 4217 currency code, such as USD.");
    }

    private static MetricSource source(String service) {
        if (service == null) {
            return MetricSource.API;
        }
        return switch (service.strip().toLowerCase(Locale.ROOT)) {
            case "shopify" -> MetricSource.SHOPIFY;
            case "woocommerce" -> MetricSource.WOOCOMMERCE;
            default -> MetricSource.API;
        };
    }

    private static Double coordinate(JsonNode node, String pointer) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isString()) {
            try {
                return Double.valueOf(node.stringValue().strip());
            }
            catch (NumberFormatException notANumber) {
                // answered below
            }
        }
        throw ApiException.invalidInput(pointer, "A coordinate must be a number, such as 40.7128.");
    }

    private static void checkShape(String value, Pattern shape, String pointer, String what) {
        if (value != null && !value.isBlank() && !shape.matcher(value.strip()).matches()) {
            throw ApiException.invalidInput(pointer, "'%s' is not a valid %s.".formatted(abbreviate(value), what));
        }
    }

    /** Refuses any string longer than Klaviyo's 100 KB, anywhere in {@code node}. */
    private static void checkStrings(JsonNode node, String pointer) {
        if (node.isString()) {
            String text = node.stringValue();
            // A character is at most 3 UTF-8 bytes; count exactly only when it could matter
            if (text.length() * 3L > MAX_STRING_BYTES
                    && text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_STRING_BYTES) {
                throw ApiException.invalidInput(pointer, "A string can be at most 100 KB long.");
            }
        }
        else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                checkStrings(member.getValue(), pointer + "/" + escape(member.getKey()));
            }
        }
        else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkStrings(node.get(i), pointer + "/" + i);
            }
        }
    }

    private static JsonNode object(JsonNode node, String pointer) {
        if (node == null || !node.isObject()) {
            throw ApiException.invalidInput(pointer, node == null || node.isNull()
                    ? "'%s' is required.".formatted(name(pointer)) : "'%s' must be an object.".formatted(name(pointer)));
        }
        return node;
    }

    private static void type(JsonNode resource, String pointer, String expected) {
        JsonNode type = resource.get("type");
        if (type == null || !type.isString() || !expected.equals(type.stringValue())) {
            throw ApiException.invalidInput(pointer + "/type", "type must be '%s'.".formatted(expected));
        }
    }

    private static String text(JsonNode object, String member, String pointer) {
        JsonNode node = object.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw ApiException.invalidInput(pointer + "/" + member, "%s must be a string.".formatted(member));
        }
        return node.stringValue();
    }

    private static boolean blank(Identifiers identifiers) {
        return isBlank(identifiers.email()) && isBlank(identifiers.phoneNumber())
                && isBlank(identifiers.externalId()) && isBlank(identifiers.anonymousId());
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String name(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1);
    }

    /** A JSON pointer's escaping of a member name (RFC 6901). */
    private static String escape(String member) {
        return member.replace("~", "~0").replace("/", "~1");
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }

    /** A profile named by id, or by the attributes it should have. */
    private record ProfileReference(String id, ProfileAttributes attributes) {
    }

    /** One item of a bulk job: a profile and its events; {@code pointer} locates it in the request. */
    record BulkItem(String pointer, String profileId, ProfileAttributes profile, List<NewEvent> events) {
    }
}
