package dev.magpie.web.api;

import java.util.List;

/** The body of every API error response: {@code {"errors":[…]}}. */
public record ApiErrorDocument(List<ApiError> errors) implements JsonApiDocument {
}
