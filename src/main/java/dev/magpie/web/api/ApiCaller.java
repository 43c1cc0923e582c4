package dev.magpie.web.api;

import java.util.Set;

/**
 * Who is calling the API: a private key of one account, and what it may do.
 *
 * @param accountId the account the key belongs to
 * @param keyId the key's id: rate limits are counted per key
 * @param scopes what the key may do, in Klaviyo's notation ({@code accounts:read}, {@code profiles:write});
 * a write scope must be listed together with its read scope
 * @param principal the key owner's own view of the caller, kept as Spring Security's principal so that
 * handlers can take it with {@code @AuthenticationPrincipal}
 */
public record ApiCaller(String accountId, String keyId, Set<String> scopes, Object principal) {

    /** Copies {@code scopes} so the caller cannot change under the request. */
    public ApiCaller {
        scopes = Set.copyOf(scopes);
    }

    /** Whether the key holds {@code scope}. */
    public boolean holds(String scope) {
        return scopes.contains(scope);
    }
}
