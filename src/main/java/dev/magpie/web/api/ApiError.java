package dev.magpie.web.api;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One JSON:API error object, shaped as Klaviyo's:
 * {@code {"id","status","code","title","detail","source":{"pointer"|"parameter"},"links":{},"meta":{}}}.
 *
 * @param id a fresh identifier, also written to the log for server errors
 * @param status the HTTP status, as a number (as Klaviyo sends it)
 * @param code a stable, machine-readable code such as {@code invalid} or {@code not_found}
 * @param title a short summary that is the same for every occurrence of the code
 * @param detail what went wrong with this request
 * @param source which part of the request caused the error
 */
public record ApiError(String id, int status, String code, String title, String detail, Source source,
        Map<String, String> links, Map<String, Object> meta) {

    /** An error with a fresh id. */
    public static ApiError of(int status, String code, String title, String detail, Source source) {
        return new ApiError(UUID.randomUUID().toString(), status, code, title, detail, source, Map.of(), Map.of());
    }

    /**
     * The part of the request an error is about: a JSON pointer into the body, or a query parameter or header.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String pointer, String parameter) {

        /** The request as a whole, as Klaviyo reports errors that concern no single part. */
        public static final Source DOCUMENT = new Source("/data/", null);

        /** A JSON pointer into the request body, such as {@code /data/attributes/email}. */
        public static Source pointer(String pointer) {
            return new Source(pointer, null);
        }

        /** A query parameter (such as {@code filter}) or a header (such as {@code revision}). */
        public static Source parameter(String parameter) {
            return new Source(null, parameter);
        }
    }
}
