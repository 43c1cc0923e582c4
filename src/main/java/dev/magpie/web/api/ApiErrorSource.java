package dev.magpie.web.api;

/** An exception that knows the JSON:API error to answer with, such as a module's own validation failure. */
public interface ApiErrorSource {

    /** The error document to answer the caller with. */
    ApiException toApiException();
}
