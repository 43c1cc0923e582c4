package dev.magpie.activity.internal;

import java.io.IOException;
import java.io.InputStream;

import dev.magpie.web.api.ApiError.Source;
import dev.magpie.web.api.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON body of an event request, refusing more than {@code magpie.activity.max-request-bytes} (413)
 * before parsing it. Decimals are read exactly, so that a value of 9.99 stays 9.99.
 */
@Component
class RequestBodies {

    private final ObjectReader reader;

    private final int maxBytes;

    RequestBodies(JsonMapper json, ActivityProperties properties) {
        this.reader = json.readerFor(JsonNode.class).with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        this.maxBytes = properties.maxRequestBytes();
    }

    /** The request's body as a JSON tree. */
    JsonNode read(HttpServletRequest request) {
        // A body somewhat too large is read to its limit first: answering before reading makes the server drop the
        // connection, and the client never sees the 413. A body far too large is refused unread.
        if (request.getContentLengthLong() > 2L * maxBytes) {
            throw tooLarge();
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxBytes + 1);
        }
        catch (IOException unreadable) {
            throw ApiException.of(HttpStatus.BAD_REQUEST, "The request body could not be read.", Source.DOCUMENT);
        }
        if (body.length > maxBytes) {
            throw tooLarge();
        }
        if (body.length == 0) {
            throw ApiException.of(HttpStatus.BAD_REQUEST, "The request body is empty: send a JSON:API document.",
                    Source.DOCUMENT);
        }
        try {
            return reader.readValue(body);
        }
        catch (JacksonException notJson) {
            throw ApiException.of(HttpStatus.BAD_REQUEST, "The request body is not a valid JSON document.",
                    Source.DOCUMENT);
        }
    }

    private ApiException tooLarge() {
        return ApiException.of(HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than the %d MB allowed.".formatted(maxBytes / (1024 * 1024)),
                Source.DOCUMENT);
    }
}
