/**
 * The building blocks of Magpie's REST API under {@code /api/**}, which follows the conventions of Klaviyo's
 * public API so that Klaviyo's SDKs work against Magpie by changing only their base URL.
 *
 * <ul>
 * <li>Documents: {@link dev.magpie.web.api.Resource}, {@link dev.magpie.web.api.ResourceDocument},
 * {@link dev.magpie.web.api.CollectionDocument}; responses are {@code application/vnd.api+json}.</li>
 * <li>Errors: throw {@link dev.magpie.web.api.ApiException}; every error under {@code /api/**}, Spring's own
 * included, is rendered as a JSON:API {@code errors} document.</li>
 * <li>Callers: {@code Authorization: Klaviyo-API-Key <key>}, checked through the
 * {@link dev.magpie.web.api.ApiKeyVerifier} that the module owning keys provides; a {@code revision} header
 * is required.</li>
 * <li>Every API handler declares {@link dev.magpie.web.api.RequiresScope} and
 * {@link dev.magpie.web.api.RateLimited}.</li>
 * <li>Query parameters: {@link dev.magpie.web.api.FilterSpec} parses and checks {@code filter=},
 * {@link dev.magpie.web.api.CursorPageRequest} with {@link dev.magpie.web.api.Paged} reads
 * {@code page[size]} and {@code page[cursor]}, {@link dev.magpie.web.api.PageLinks} builds
 * {@code links}; {@code fields[type]=} sparse fieldsets apply to every document on their own.</li>
 * </ul>
 */
@org.springframework.modulith.NamedInterface("api")
package dev.magpie.web.api;
