package dev.magpie.web.api;

import java.util.Arrays;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The {@code links} of a collection document: this page, and the next and previous pages when there are
 * any ({@code null} otherwise, as Klaviyo sends them).
 *
 * @param self the URL of this page
 * @param next the URL of the next page, or {@code null}
 * @param prev the URL of the previous page, or {@code null}
 */
public record PageLinks(String self, String next, String prev) {

    /**
     * Links built from the request's own URL, its other query parameters (filter, sort, page size) kept and
     * {@code page[cursor]} set to {@code next} and {@code prev}, either of which may be {@code null}.
     */
    public static PageLinks of(HttpServletRequest request, PageCursor next, PageCursor prev) {
        return new PageLinks(url(request, null, false), next == null ? null : url(request, next, true),
                prev == null ? null : url(request, prev, true));
    }

    private static String url(HttpServletRequest request, PageCursor cursor, boolean replaceCursor) {
        UriComponentsBuilder url = ServletUriComponentsBuilder.fromRequestUri(request);
        request.getParameterMap().forEach((name, values) -> {
            if (!(replaceCursor && name.equals(CursorCodec.PARAMETER))) {
                url.queryParam(name, Arrays.asList(values));
            }
        });
        if (cursor != null) {
            url.queryParam(CursorCodec.PARAMETER, CursorCodec.encode(cursor));
        }
        return url.build().encode().toUriString();
    }
}
