package dev.magpie.web.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A document holding one resource, optionally with {@code included} related resources.
 *
 * @param <A> the attributes of the primary resource
 */
public record ResourceDocument<A>(Resource<A> data,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Resource<?>> included) implements JsonApiDocument {

    /** A document holding {@code resource} alone. */
    public static <A> ResourceDocument<A> of(Resource<A> resource) {
        return new ResourceDocument<>(resource, null);
    }
}
