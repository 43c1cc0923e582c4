package dev.magpie.web.api;

import java.util.Optional;

/**
 * What page a list request asks for: {@code page[size]} (checked against the endpoint's {@link Paged}
 * limits) and the decoded {@code page[cursor]}, absent for the first page. Declare it as a handler parameter.
 *
 * @param size how many resources the page holds at most
 * @param cursor where the page starts; empty for the first page
 */
public record CursorPageRequest(int size, Optional<PageCursor> cursor) {

    /** The query parameter holding the page size. */
    public static final String SIZE_PARAMETER = "page[size]";

    /** Reads the request's page parameters; 400 {@code invalid} when they are out of bounds or unreadable. */
    public static CursorPageRequest of(String size, String cursor, int defaultSize, int maxSize) {
        return new CursorPageRequest(size(size, defaultSize, maxSize),
                cursor == null || cursor.isBlank() ? Optional.empty() : Optional.of(CursorCodec.decode(cursor)));
    }

    private static int size(String text, int defaultSize, int maxSize) {
        if (text == null || text.isBlank()) {
            return defaultSize;
        }
        try {
            int size = Integer.parseInt(text.trim());
            if (size >= 1 && size <= maxSize) {
                return size;
            }
        }
        catch (NumberFormatException notANumber) {
            // answered below
        }
        throw ApiException.invalidParameter(SIZE_PARAMETER,
                "page[size] must be a whole number from 1 to %d.".formatted(maxSize));
    }
}
