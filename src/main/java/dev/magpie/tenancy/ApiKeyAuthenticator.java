package dev.magpie.tenancy;

import java.util.Optional;

/** Finds which account a private API key belongs to, and what it may do. */
public interface ApiKeyAuthenticator {

    /**
     * The key's principal if the key exists, is not revoked and its account is active; records the key's
     * last use.
     */
    Optional<ApiKeyPrincipal> authenticate(String rawKey);
}
