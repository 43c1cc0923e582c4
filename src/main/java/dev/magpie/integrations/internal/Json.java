package dev.magpie.integrations.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lenient reading of platform payloads: values the way platforms send them (numbers as strings, times with or
 * without an offset), and JSON turned into the plain maps, lists and values that profile and event properties
 * hold (decimals kept exact).
 */
public final class Json {

    private Json() {
    }

    /** The document in {@code body}; a 400 naming the document when it is not JSON. */
    public static JsonNode parse(JsonMapper json, byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new PayloadException("/", "The request body is empty; send a JSON document.");
            }
            return node;
        }
        catch (JacksonException notJson) {
            throw new PayloadException("/", "The request body is not a valid JSON document.");
        }
    }

    /** The document in {@code body}. */
    public static JsonNode parse(JsonMapper json, String body) {
        return parse(json, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The field as text when it is a non-blank string or a number, else {@code null}. */
    public static String text(JsonNode node, String field) {
        return text(node == null ? null : node.get(field));
    }

    /** The value as text when it is a non-blank string or a number, else {@code null}. */
    public static String text(JsonNode value) {
        if (value == null || !(value.isString() || value.isNumber())) {
            return null;
        }
        String text = value.asString().trim();
        return text.isEmpty() ? null : text;
    }

    /** The first of {@code fields} that holds text. */
    public static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String text = text(node, field);
            if (text != null) {
                return text;
            }
        }
        return null;
    }

    /** The field as an exact decimal, from a number or a numeric string; {@code null} when neither. */
    public static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text);
        }
        catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /**
     * The field as an instant: an ISO-8601 date-time with an offset or {@code Z}, or without one (taken as UTC,
     * as WooCommerce's {@code *_gmt} fields are), or seconds since the epoch; {@code null} when none of these.
     */
    public static Instant instant(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value != null && value.isNumber()) {
            return Instant.ofEpochSecond(value.asLong());
        }
        return instant(text(value));
    }

    /** {@code text} as an instant, like {@link #instant(JsonNode, String)}. */
    public static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        }
        catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            }
            catch (DateTimeParseException notLocal) {
                return null;
            }
        }
    }

    /** An object's fields as a map of plain values; empty for anything but an object. */
    public static Map<String, Object> toMap(JsonNode object) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (object != null && object.isObject()) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                map.put(field.getKey(), toValue(field.getValue()));
            }
        }
        return map;
    }

    /** A JSON value as a map, list, string, exact number, boolean or {@code null}. */
    public static Object toValue(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isObject()) {
            return toMap(value);
        }
        if (value.isArray()) {
            List<Object> list = new ArrayList<>(value.size());
            value.forEach(item -> list.add(toValue(item)));
            return list;
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? (Object) value.asLong() : value.bigIntegerValue();
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        return value.asString();
    }

    /** Whether the node is absent or JSON {@code null}. */
    public static boolean isAbsent(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode();
    }
}
