package dev.magpie.profiles.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Custom property values as stored: each top-level key's value as a JSON document. */
@Component
public class PropertiesCodec {

    private final JsonMapper json;

    PropertiesCodec(JsonMapper json) {
        this.json = json;
    }

    /** {@code value} (maps, lists, strings, numbers, booleans) as JSON text. */
    public String write(Object value) {
        return json.writeValueAsString(value);
    }

    /** The value JSON text stands for. */
    public Object read(String text) {
        return json.readValue(text, Object.class);
    }

    /** Every stored property, decoded. */
    public Map<String, Object> readAll(Map<String, String> stored) {
        Map<String, Object> properties = new LinkedHashMap<>();
        stored.forEach((key, text) -> properties.put(key, read(text)));
        return properties;
    }
}
