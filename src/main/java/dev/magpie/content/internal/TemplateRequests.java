package dev.magpie.content.internal;

import dev.magpie.content.internal.TemplateCatalog.TemplatePartException;
import dev.magpie.web.api.ApiException;
import tools.jackson.databind.JsonNode;

/** Reads the JSON:API documents of the template endpoints, refusing anything off with the pointer to it. */
final class TemplateRequests {

    private TemplateRequests() {
    }

    static JsonNode resource(JsonNode body, String type) {
        JsonNode data = body == null ? null : body.get("data");
        if (data == null || !data.isObject()) {
            throw ApiException.invalidInput("/data", "The document must have a data object.");
        }
        JsonNode actual = data.get("type");
        if (actual == null || !actual.isString() || !actual.asString().equals(type)) {
            throw ApiException.invalidInput("/data/type", "The type must be '%s'.".formatted(type));
        }
        JsonNode attributes = data.get("attributes");
        if (attributes != null && !attributes.isNull() && !attributes.isObject()) {
            throw ApiException.invalidInput("/data/attributes", "attributes must be an object.");
        }
        return data;
    }

    /** An optional string attribute; {@code null} when left out or null. */
    static String string(JsonNode data, String attribute) {
        JsonNode attributes = data.get("attributes");
        JsonNode value = attributes == null ? null : attributes.get(attribute);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw ApiException.invalidInput("/data/attributes/" + attribute, attribute + " must be a string.");
        }
        return value.asString();
    }

    static String name(String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.invalidInput("/data/attributes/name", "A template needs a name.");
        }
        if (name.strip().length() > TemplateCatalog.MAX_NAME) {
            throw ApiException.invalidInput("/data/attributes/name",
                    "A template name has at most %d characters.".formatted(TemplateCatalog.MAX_NAME));
        }
        return name.strip();
    }

    static void editorType(JsonNode data) {
        String editor = string(data, "editor_type");
        if (editor != null && !editor.equals(EmailTemplate.CODE)) {
            throw ApiException.invalidInput("/data/attributes/editor_type",
                    "Magpie's templates are edited as code: editor_type must be 'CODE'.");
        }
    }

    /** The 400 for a part that does not parse, pointing at it, with the line and column in the detail. */
    static ApiException syntaxError(TemplatePartException invalid) {
        return ApiException.invalidInput("/data/attributes/" + invalid.part(),
                "The template's %s does not parse: %s".formatted(invalid.part(), invalid.syntax().describe()));
    }
}
