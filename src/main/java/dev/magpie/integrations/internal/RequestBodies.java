package dev.magpie.integrations.internal;

import java.io.IOException;
import java.io.InputStream;

import dev.magpie.web.api.ApiError.Source;
import dev.magpie.web.api.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;

/**
 * Reads a request's body as the exact bytes that were sent, which signatures are computed over, refusing bodies
 * over a limit before holding them in memory.
 */
public final class RequestBodies {

    private RequestBodies() {
    }

    /** The body, at most {@code maxBytes} long; a longer one is a 413. */
    public static byte[] read(HttpServletRequest request, long maxBytes) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return body;
        }
    }

    private static ApiException tooLarge(long maxBytes) {
        return ApiException.of(HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than %d bytes.".formatted(maxBytes), Source.DOCUMENT);
    }
}
