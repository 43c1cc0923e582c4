package dev.magpie.tenancy;

import java.util.Set;

/** Who is calling the API: a private key of one account, with its scopes. */
public record ApiKeyPrincipal(String accountId, String keyId, String keyName, Set<ApiScope> scopes) {

    /** Whether the key may use {@code resource} with {@code access}. */
    public boolean allows(String resource, ApiScope.Access access) {
        return scopes.stream().anyMatch(scope -> scope.allows(resource, access));
    }
}
