package dev.magpie.activity.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** An event's properties (nested JSON) as the text Cassandra keeps them in, and back. */
@Component
class EventProperties {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final JsonMapper json;

    EventProperties(JsonMapper json) {
        this.json = json;
    }

    /** The properties as JSON, or {@code null} when there are none (nothing is stored then). */
    String write(Map<String, Object> properties) {
        return properties == null || properties.isEmpty() ? null : json.writeValueAsString(properties);
    }

    /** The properties the text holds; empty for none. */
    Map<String, Object> read(String text) {
        return text == null || text.isEmpty() ? Map.of() : Collections.unmodifiableMap(json.readValue(text, MAP));
    }
}
