package dev.magpie.integrations.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds event and profile properties from what a platform sent, leaving out what it did not send. */
public final class PropertyMap {

    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Adds {@code value} under {@code key} unless it is {@code null} or an empty collection or map. */
    public PropertyMap put(String key, Object value) {
        boolean empty = value == null || (value instanceof Collection<?> collection && collection.isEmpty())
                || (value instanceof Map<?, ?> map && map.isEmpty());
        if (!empty) {
            values.put(key, value);
        }
        return this;
    }

    /** Adds every entry of {@code entries}, as {@link #put} would. */
    public PropertyMap putAll(Map<String, ?> entries) {
        entries.forEach(this::put);
        return this;
    }

    /** The properties, in the order they were added. */
    public Map<String, Object> toMap() {
        return new LinkedHashMap<>(values);
    }
}
