package dev.magpie.web.api;

/**
 * A top-level JSON:API document. Responses of this type are sent as {@code application/vnd.api+json} and
 * honour {@code fields[type]=} sparse fieldsets.
 */
public sealed interface JsonApiDocument permits ResourceDocument, CollectionDocument, ApiErrorDocument {
}
