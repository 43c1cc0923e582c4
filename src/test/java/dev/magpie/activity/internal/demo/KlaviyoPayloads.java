package dev.magpie.activity.internal.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import tools.jackson.databind.json.JsonMapper;

/** Store events in the request bodies of Klaviyo's Create Event and Bulk Create Events endpoints. */
final class KlaviyoPayloads {

    private final JsonMapper json = JsonMapper.builder().build();

    private final UnaryOperator<String> metricNames;

    /** @param metricNames renames metrics (the load tool tags each run's metrics to count them afterwards) */
    KlaviyoPayloads(UnaryOperator<String> metricNames) {
        this.metricNames = metricNames;
    }

    /** {@code POST /api/events}. */
    byte[] createEvent(StoreEvent event) {
        Map<String, Object> attributes = eventAttributes(event);
        attributes.put("profile", Map.of("data", Map.of("type", "profile", "attributes", profile(event))));
        return json.writeValueAsBytes(Map.of("data", Map.of("type", "event", "attributes", attributes)));
    }

    /**
     * {@code POST /api/event-bulk-create-jobs}: the events grouped by profile, as Klaviyo's body is, each run of
     * consecutive events of one profile becoming one item.
     */
    byte[] bulkCreateJob(List<StoreEvent> events) {
        List<Map<String, Object>> items = new ArrayList<>();
        List<Map<String, Object>> current = null;
        StoreEvent previous = null;
        for (StoreEvent event : events) {
            if (previous == null || !previous.profile().equals(event.profile())) {
                current = new ArrayList<>();
                items.add(Map.of("type", "event-bulk-create", "attributes", Map.of(
                        "profile", Map.of("data", Map.of("type", "profile", "attributes", profile(event))),
                        "events", Map.of("data", current))));
            }
            current.add(Map.of("type", "event", "attributes", eventAttributes(event)));
            previous = event;
        }
        return json.writeValueAsBytes(Map.of("data", Map.of("type", "event-bulk-create-job", "attributes",
                Map.of("events-bulk-create", Map.of("data", items)))));
    }

    private Map<String, Object> eventAttributes(StoreEvent event) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("properties", event.properties());
        attributes.put("time", event.time().toString());
        if (event.value() != null) {
            attributes.put("value", event.value());
            attributes.put("value_currency", event.valueCurrency());
        }
        attributes.put("unique_id", event.uniqueId());
        attributes.put("metric", Map.of("data", Map.of("type", "metric", "attributes",
                Map.of("name", metricNames.apply(event.metric())))));
        return attributes;
    }

    private static Map<String, Object> profile(StoreEvent event) {
        Map<String, Object> profile = new LinkedHashMap<>();
        if (event.profile().email() != null) {
            profile.put("email", event.profile().email());
        }
        if (event.profile().phoneNumber() != null) {
            profile.put("phone_number", event.profile().phoneNumber());
        }
        if (event.profile().externalId() != null) {
            profile.put("external_id", event.profile().externalId());
        }
        return profile;
    }
}
