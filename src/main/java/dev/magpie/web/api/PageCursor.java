package dev.magpie.web.api;

import java.util.List;

/**
 * Where a page starts, as an endpoint sees it: the sort-key values of the last resource of the previous
 * page (or the first of the next, going back). Clients see it only as the opaque {@code page[cursor]} that
 * {@link CursorCodec} makes of it.
 *
 * @param direction whether the page lies after or before {@code position}
 * @param position the sort-key values of the resource the page is next to, such as its creation time and id
 */
public record PageCursor(Direction direction, List<String> position) {

    /** Which side of the position the page lies on. */
    public enum Direction {
        AFTER, BEFORE
    }

    /** Copies {@code position}. */
    public PageCursor {
        position = List.copyOf(position);
    }

    /** The page after the resource whose sort-key values are {@code position}. */
    public static PageCursor after(String... position) {
        return new PageCursor(Direction.AFTER, List.of(position));
    }

    /** The page before the resource whose sort-key values are {@code position}. */
    public static PageCursor before(String... position) {
        return new PageCursor(Direction.BEFORE, List.of(position));
    }
}
