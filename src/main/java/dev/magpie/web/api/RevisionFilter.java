package dev.magpie.web.api;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API requests without a well-formed {@code revision} header (400 {@code invalid}, source
 * parameter {@code revision}), as Klaviyo's API does, and keeps the revision for the rest of the request.
 *
 * <p>Not a bean: the API's security chain runs it, so that it applies to {@code /api/**} alone.
 */
public class RevisionFilter extends OncePerRequestFilter {

    private final ApiErrorWriter errors;

    /** A filter that answers refused requests through {@code errors}. */
    public RevisionFilter(ApiErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(ApiRevision.HEADER);
        if (header == null || header.isBlank()) {
            errors.write(response, ApiException.invalidParameter(ApiRevision.HEADER,
                    "Missing `revision` header. Send the API revision you built against, such as 2025-01-15."));
            return;
        }
        Optional<ApiRevision> revision = ApiRevision.parse(header);
        if (revision.isEmpty()) {
            errors.write(response, ApiException.invalidParameter(ApiRevision.HEADER,
                    "Invalid `revision` header \"%s\": expected a date as YYYY-MM-DD, optionally followed by a suffix such as .pre."
                        .formatted(header.length() > 40 ? header.substring(0, 40) + "…" : header)));
            return;
        }
        revision.get().storeIn(request);
        chain.doFilter(request, response);
    }
}
