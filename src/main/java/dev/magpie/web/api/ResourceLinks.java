package dev.magpie.web.api;

/** The {@code links} of a resource object: where it can be fetched on its own. */
public record ResourceLinks(String self) {
}
