package dev.magpie.imports.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.magpie.web.api.ApiError;

/**
 * A profile a bulk import job could not import, as Klaviyo's import-errors show it: a JSON:API error object, with
 * the pointer into the original request and the profile object as it was sent.
 */
record ImportErrorAttributes(String code, String title, String detail, ApiError.Source source,
        @JsonProperty("original_payload") Object originalPayload) {

    static final String TYPE = "import-error";

    static final String PROFILES_POINTER = "/data/attributes/profiles/data/";
}
