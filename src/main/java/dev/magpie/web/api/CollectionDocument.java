package dev.magpie.web.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A document holding a page of resources, with {@code links.self/next/prev}, optionally with
 * {@code included} related resources.
 *
 * @param <A> the attributes of the resources
 */
public record CollectionDocument<A>(List<Resource<A>> data, PageLinks links,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Resource<?>> included) implements JsonApiDocument {

    /** A document holding {@code resources}, linked to the other pages by {@code links}. */
    public static <A> CollectionDocument<A> of(List<Resource<A>> resources, PageLinks links) {
        return new CollectionDocument<>(List.copyOf(resources), links, null);
    }
}
