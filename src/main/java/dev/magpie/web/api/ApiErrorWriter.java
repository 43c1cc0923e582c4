package dev.magpie.web.api;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an {@link ApiException} as a JSON:API error response. Used wherever an API error can arise: in
 * filters (before any controller is chosen), in security's entry points and in the exception resolver.
 */
@Component
public class ApiErrorWriter {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorWriter.class);

    private final JsonMapper json;

    ApiErrorWriter(JsonMapper json) {
        this.json = json;
    }

    /** Replaces whatever the response held with the errors of {@code exception}. */
    public void write(HttpServletResponse response, ApiException exception) throws IOException {
        if (response.isCommitted()) {
            log.warn("Response already committed; could not send API error {}", exception.getMessage());
            return;
        }
        response.resetBuffer();
        response.setStatus(exception.status().value());
        exception.headers().forEach((name, values) -> values.forEach(value -> response.setHeader(name, value)));
        // JSON is UTF-8 by definition; Klaviyo sends the media type without parameters too.
        response.setContentType(JsonApi.MEDIA_TYPE_VALUE);
        json.writeValue(response.getOutputStream(), new ApiErrorDocument(exception.errors()));
        response.flushBuffer();
    }
}
