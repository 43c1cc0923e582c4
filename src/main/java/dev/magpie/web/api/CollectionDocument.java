package dev.magpie.web.api;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A document holding a page of resources, with {@code links.self/next/prev}, optionally with
 * {@code included} related resources.
 *
 * @param <A> the attributes of the resources
 */
public record CollectionDocument<A>(List<Resource<A>> data, PageLinks links,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Resource<?>> included) implements JsonApiDocument {

    /** A document holding {@code resources}, linked to the other pages by {@code links}. */
    /**
     * One page of a collection held whole in memory (an account's lists, templates: a few hundred at most), already
     * in its order: the items after the cursor's id, and a cursor after the page's last item when more follow. A
     * cursor naming an item that is gone gives an empty page.
     */
    public static <T, A> CollectionDocument<A> page(List<T> ordered, Function<T, String> id,
            Function<T, Resource<A>> resource, CursorPageRequest page, HttpServletRequest request) {
        String after = page.cursor().filter(cursor -> !cursor.position().isEmpty())
            .map(cursor -> cursor.position().get(0))
            .orElse(null);
        int start = 0;
        if (after != null) {
            start = ordered.size();
            for (int i = 0; i < ordered.size(); i++) {
                if (id.apply(ordered.get(i)).equals(after)) {
                    start = i + 1;
                    break;
                }
            }
        }
        int end = Math.min(ordered.size(), start + page.size());
        List<Resource<A>> resources = ordered.subList(start, end).stream().map(resource).toList();
        PageCursor next = end < ordered.size() ? PageCursor.after(id.apply(ordered.get(end - 1))) : null;
        return of(resources, PageLinks.of(request, next, null));
    }

    public static <A> CollectionDocument<A> of(List<Resource<A>> resources, PageLinks links) {
        return new CollectionDocument<>(List.copyOf(resources), links, null);
    }
}
