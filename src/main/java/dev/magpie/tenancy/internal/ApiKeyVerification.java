package dev.magpie.tenancy.internal;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import dev.magpie.tenancy.ApiKeyAuthenticator;
import dev.magpie.tenancy.ApiKeyPrincipal;
import dev.magpie.tenancy.ApiScope;
import dev.magpie.web.api.ApiCaller;
import dev.magpie.web.api.ApiKeyVerifier;
import org.springframework.stereotype.Component;

/**
 * Lets the API's security recognise this module's keys: the caller's principal is the key's
 * {@link ApiKeyPrincipal} (which sets the current account), and its scopes are spelled as Klaviyo spells
 * them, a write scope also granting the read scope of the same resources.
 */
@Component
class ApiKeyVerification implements ApiKeyVerifier {

    private final ApiKeyAuthenticator keys;

    ApiKeyVerification(ApiKeyAuthenticator keys) {
        this.keys = keys;
    }

    @Override
    public Optional<ApiCaller> verify(String rawKey) {
        return keys.authenticate(rawKey)
            .map(key -> new ApiCaller(key.accountId(), key.keyId(), grants(key.scopes()), key));
    }

    static Set<String> grants(Set<ApiScope> scopes) {
        Set<String> grants = new LinkedHashSet<>();
        for (ApiScope scope : scopes) {
            grants.add(new ApiScope(scope.resource(), ApiScope.Access.READ).toString());
            if (scope.access() == ApiScope.Access.WRITE) {
                grants.add(scope.toString());
            }
        }
        return grants;
    }
}
