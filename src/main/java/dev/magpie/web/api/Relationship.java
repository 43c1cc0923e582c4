package dev.magpie.web.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A relationship of a resource: the related resources' identifiers (one, many, or none) and links to them.
 *
 * @param data a {@link ResourceIdentifier}, a list of them, or {@code null} when not included
 * @param links where the relationship and the related resources can be fetched
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Relationship(Object data, Links links) {

    /** A to-one relationship. */
    public static Relationship toOne(ResourceIdentifier data, Links links) {
        return new Relationship(data, links);
    }

    /** A to-many relationship. */
    public static Relationship toMany(List<ResourceIdentifier> data, Links links) {
        return new Relationship(List.copyOf(data), links);
    }

    /** The links of a relationship, as Klaviyo sends them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Links(String self, String related) {
    }
}
