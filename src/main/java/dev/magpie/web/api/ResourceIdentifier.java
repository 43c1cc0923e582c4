package dev.magpie.web.api;

/** Names a resource by type and id, as in relationships and relationship endpoints. */
public record ResourceIdentifier(String type, String id) {
}
