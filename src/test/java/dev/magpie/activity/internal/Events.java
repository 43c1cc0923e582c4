package dev.magpie.activity.internal;

import java.util.List;
import java.util.stream.Collectors;

/** Request bodies of Klaviyo's event endpoints, written as Klaviyo's documentation shows them. */
final class Events {

    private Events() {
    }

    /**
     * A "Create Event" document; {@code time}, {@code uniqueId} and {@code value} are left out when {@code null},
     * {@code properties} is a JSON object.
     */
    static String event(String metric, String email, String time, String uniqueId, String value, String properties) {
        return """
                {"data": {"type": "event", "attributes": {%s}}}""".formatted(attributes(metric, time, uniqueId, value,
                properties) + ", \"profile\": {\"data\": {\"type\": \"profile\", \"attributes\": {\"email\": \""
                + email + "\"}}}");
    }

    /** A "Bulk Create Events" document with one item per profile. */
    static String bulk(List<String> items) {
        return """
                {"data": {"type": "event-bulk-create-job", "attributes": {"events-bulk-create": {"data": [%s]}}}}"""
            .formatted(String.join(", ", items));
    }

    /** One item of a bulk job: a profile (its attributes as JSON members) and its events. */
    static String item(String profileAttributes, List<String> events) {
        return """
                {"type": "event-bulk-create", "attributes": {"profile": {"data": {"type": "profile", "attributes": {%s}}},
                 "events": {"data": [%s]}}}""".formatted(profileAttributes, String.join(", ", events));
    }

    /** One event of a bulk item. */
    static String bulkEvent(String metric, String time, String uniqueId, String value, String properties) {
        return "{\"type\": \"event\", \"attributes\": {" + attributes(metric, time, uniqueId, value, properties) + "}}";
    }

    private static String attributes(String metric, String time, String uniqueId, String value, String properties) {
        StringBuilder attributes = new StringBuilder("\"properties\": " + properties);
        if (time != null) {
            attributes.append(", \"time\": \"").append(time).append('"');
        }
        if (uniqueId != null) {
            attributes.append(", \"unique_id\": \"").append(uniqueId).append('"');
        }
        if (value != null) {
            attributes.append(", \"value\": ").append(value).append(", \"value_currency\": \"USD\"");
        }
        attributes.append(", \"metric\": {\"data\": {\"type\": \"metric\", \"attributes\": {\"name\": \"")
            .append(metric)
            .append("\"}}}");
        return attributes.toString();
    }

    static String quoted(List<String> values) {
        return values.stream().map(value -> '"' + value + '"').collect(Collectors.joining(", "));
    }
}
