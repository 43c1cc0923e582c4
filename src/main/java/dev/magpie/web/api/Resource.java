package dev.magpie.web.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One JSON:API resource object: {@code type}, {@code id}, {@code attributes}, optional
 * {@code relationships} and {@code links.self}.
 *
 * @param <A> the attributes, typically a record whose components carry Klaviyo's snake_case names
 */
public record Resource<A>(String type, String id, A attributes,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Relationship> relationships, ResourceLinks links) {

    /** A resource without relationships, whose {@code links.self} is {@code selfLink}. */
    public static <A> Resource<A> of(String type, String id, A attributes, String selfLink) {
        return new Resource<>(type, id, attributes, Map.of(), new ResourceLinks(selfLink));
    }

    /** This resource with the given relationships. */
    public Resource<A> withRelationships(Map<String, Relationship> relationships) {
        return new Resource<>(type, id, attributes, Map.copyOf(relationships), links);
    }
}
