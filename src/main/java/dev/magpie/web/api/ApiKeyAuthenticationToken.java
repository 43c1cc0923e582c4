package dev.magpie.web.api;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated by a private API key, as Spring Security holds it. Its principal is the key
 * owner's own principal object, its name the key id, and its authorities the key's scopes as
 * {@code SCOPE_accounts:read}.
 */
public class ApiKeyAuthenticationToken extends AbstractAuthenticationToken {

    private final ApiCaller caller;

    /** An authenticated token for {@code caller}. */
    public ApiKeyAuthenticationToken(ApiCaller caller) {
        super(caller.scopes().stream().sorted().map(scope -> new SimpleGrantedAuthority("SCOPE_" + scope)).toList());
        this.caller = caller;
        setAuthenticated(true);
    }

    /** The caller this token stands for. */
    public ApiCaller caller() {
        return caller;
    }

    @Override
    public Object getPrincipal() {
        return caller.principal() != null ? caller.principal() : caller;
    }

    @Override
    public Object getCredentials() {
        // The raw key is never kept beyond its verification.
        return null;
    }

    @Override
    public String getName() {
        return caller.keyId();
    }
}
