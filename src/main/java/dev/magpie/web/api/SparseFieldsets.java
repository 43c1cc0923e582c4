package dev.magpie.web.api;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON:API sparse fieldsets as Klaviyo uses them: {@code fields[account]=timezone,contact_information.website_url}
 * keeps only the listed attributes of resources of that type; dotted names reach into nested objects.
 */
final class SparseFieldsets {

    private static final String PREFIX = "fields[";

    /** Per resource type, the attributes kept; a {@code null} selection keeps a whole attribute. */
    private final Map<String, Map<String, Object>> selections;

    private SparseFieldsets(Map<String, Map<String, Object>> selections) {
        this.selections = selections;
    }

    /** The fieldsets in the request's query parameters. */
    static SparseFieldsets from(Map<String, String[]> parameters) {
        Map<String, Map<String, Object>> selections = new LinkedHashMap<>();
        parameters.forEach((name, values) -> {
            if (name.startsWith(PREFIX) && name.endsWith("]") && name.length() > PREFIX.length() + 1) {
                Map<String, Object> selection = selections.computeIfAbsent(
                        name.substring(PREFIX.length(), name.length() - 1), type -> new LinkedHashMap<>());
                Arrays.stream(values)
                    .flatMap(value -> Arrays.stream(value.split(",")))
                    .map(String::trim)
                    .filter(path -> !path.isEmpty())
                    .forEach(path -> select(selection, path.split("\\.")));
            }
        });
        return new SparseFieldsets(selections);
    }

    boolean isEmpty() {
        return selections.isEmpty();
    }

    /** Prunes the attributes of the primary and included resources of a serialized document, in place. */
    JsonNode applyTo(JsonNode document) {
        prune(document.get("data"));
        prune(document.get("included"));
        return document;
    }

    private void prune(JsonNode resources) {
        if (resources == null) {
            return;
        }
        if (resources.isArray()) {
            resources.forEach(this::pruneResource);
        }
        else {
            pruneResource(resources);
        }
    }

    private void pruneResource(JsonNode resource) {
        JsonNode type = resource.get("type");
        JsonNode attributes = resource.get("attributes");
        if (type != null && attributes instanceof ObjectNode object && selections.containsKey(type.asString())) {
            keep(object, selections.get(type.asString()));
        }
    }

    @SuppressWarnings("unchecked")
    private static void keep(ObjectNode object, Map<String, Object> selection) {
        object.retain(selection.keySet());
        selection.forEach((name, nested) -> {
            if (nested != null && object.get(name) instanceof ObjectNode child) {
                keep(child, (Map<String, Object>) nested);
            }
        });
    }

    /** Adds a dotted path to a selection; a shorter path wins over a longer one (it keeps everything below). */
    @SuppressWarnings("unchecked")
    private static void select(Map<String, Object> selection, String[] path) {
        Map<String, Object> level = selection;
        for (int i = 0; i < path.length; i++) {
            boolean last = i == path.length - 1;
            if (last) {
                level.put(path[i], null);
                return;
            }
            if (level.containsKey(path[i]) && level.get(path[i]) == null) {
                return;
            }
            level = (Map<String, Object>) level.computeIfAbsent(path[i], name -> new LinkedHashMap<String, Object>());
        }
    }
}
