package dev.magpie.audiences.internal.lists;

import java.util.ArrayList;
import java.util.List;

import dev.magpie.web.api.ApiException;
import tools.jackson.databind.JsonNode;

/** Reads the JSON:API documents of the list endpoints, refusing anything off with the pointer to it. */
final class ListRequests {

    /** Most profiles one relationships request may name, as in Klaviyo. */
    static final int MAX_PROFILES = 1000;

    private ListRequests() {
    }

    /** The {@code data} object of a single-resource document of {@code type}. */
    static JsonNode resource(JsonNode body, String type) {
        JsonNode data = body == null ? null : body.get("data");
        if (data == null || !data.isObject()) {
            throw ApiException.invalidInput("/data", "The document must have a data object.");
        }
        JsonNode actual = data.get("type");
        if (actual == null || !actual.isString() || !actual.asString().equals(type)) {
            throw ApiException.invalidInput("/data/type", "The type must be '%s'.".formatted(type));
        }
        return data;
    }

    /** An optional string attribute; {@code null} when left out. */
    static String string(JsonNode data, String attribute) {
        JsonNode attributes = data.get("attributes");
        if (attributes == null || attributes.isNull()) {
            return null;
        }
        if (!attributes.isObject()) {
            throw ApiException.invalidInput("/data/attributes", "attributes must be an object.");
        }
        JsonNode value = attributes.get(attribute);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            throw ApiException.invalidInput("/data/attributes/" + attribute, attribute + " must be a string.");
        }
        return value.asString();
    }

    /** A list name: not blank, at most 255 characters. */
    static String name(String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.invalidInput("/data/attributes/name", "A list needs a name.");
        }
        if (name.strip().length() > ListCatalog.MAX_NAME) {
            throw ApiException.invalidInput("/data/attributes/name",
                    "A list name has at most %d characters.".formatted(ListCatalog.MAX_NAME));
        }
        return name.strip();
    }

    static OptInProcess optInProcess(String value) {
        return OptInProcess.fromApiName(value).orElseThrow(() -> ApiException.invalidInput(
                "/data/attributes/opt_in_process", "opt_in_process must be 'single_opt_in' or 'double_opt_in'."));
    }

    /** The profile ids of a to-many relationship document: {@code {"data": [{"type": "profile", "id": …}]}}. */
    static List<String> profileIds(JsonNode body) {
        JsonNode data = body == null ? null : body.get("data");
        if (data == null || !data.isArray()) {
            throw ApiException.invalidInput("/data", "data must be an array of profile identifiers.");
        }
        if (data.isEmpty()) {
            throw ApiException.invalidInput("/data", "Name at least one profile.");
        }
        if (data.size() > MAX_PROFILES) {
            throw ApiException.invalidInput("/data",
                    "At most %d profiles can be named in one request.".formatted(MAX_PROFILES));
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            JsonNode item = data.get(i);
            JsonNode type = item.get("type");
            if (type == null || !type.isString() || !type.asString().equals(ListResources.PROFILE)) {
                throw ApiException.invalidInput("/data/" + i + "/type", "The type must be 'profile'.");
            }
            JsonNode id = item.get("id");
            if (id == null || !id.isString() || id.asString().isBlank()) {
                throw ApiException.invalidInput("/data/" + i + "/id", "Each profile needs an id.");
            }
            ids.add(id.asString());
        }
        return ids;
    }
}
