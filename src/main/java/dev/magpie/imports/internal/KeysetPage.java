package dev.magpie.imports.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import dev.magpie.web.api.CursorPageRequest;
import dev.magpie.web.api.PageCursor;

/**
 * One page of a list ordered by a unique key, and the cursors of the pages next to it: a page starts after (or
 * ends before) the key of its neighbour's last (or first) item, so it stays put while items are added.
 *
 * @param items the page, in list order
 * @param next the cursor of the next page, or {@code null} at the end
 * @param prev the cursor of the previous page, or {@code null} at the start
 */
record KeysetPage<T>(List<T> items, PageCursor next, PageCursor prev) {

    /**
     * The page {@code request} asks for.
     *
     * @param forward the items after a key ({@code null} for the start), in list order, at most the given number
     * @param backward the items before a key, in reverse list order, at most the given number
     * @param key an item's key, as the cursor carries it
     */
    static <T> KeysetPage<T> of(CursorPageRequest request, Forward<T> forward, Forward<T> backward,
            Function<T, String> key) {
        int size = request.size();
        PageCursor cursor = request.cursor().orElse(null);
        if (cursor == null || cursor.direction() == PageCursor.Direction.AFTER) {
            String after = cursor == null ? null : cursor.position().get(0);
            List<T> fetched = forward.fetch(after, size + 1);
            List<T> items = fetched.subList(0, Math.min(size, fetched.size()));
            PageCursor next = fetched.size() > size ? PageCursor.after(key.apply(items.get(items.size() - 1))) : null;
            PageCursor prev = cursor != null && !items.isEmpty() ? PageCursor.before(key.apply(items.get(0))) : null;
            return new KeysetPage<>(List.copyOf(items), next, prev);
        }
        List<T> fetched = backward.fetch(cursor.position().get(0), size + 1);
        List<T> items = new ArrayList<>(fetched.subList(0, Math.min(size, fetched.size())));
        Collections.reverse(items);
        PageCursor prev = fetched.size() > size ? PageCursor.before(key.apply(items.get(0))) : null;
        PageCursor next = items.isEmpty() ? null : PageCursor.after(key.apply(items.get(items.size() - 1)));
        return new KeysetPage<>(List.copyOf(items), next, prev);
    }

    /** Fetches up to {@code limit} items beyond {@code key} in one direction. */
    @FunctionalInterface
    interface Forward<T> {

        List<T> fetch(String key, int limit);
    }
}
