package dev.magpie.tenancy.internal;

import java.time.Instant;
import java.util.Set;

import dev.magpie.tenancy.ApiScope;

/** A private key as the API keys page lists it: never the key itself. Public so templates can read it. */
public record ApiKeyRow(String id, String name, String displayHint, Set<ApiScope> scopes, Instant createdAt,
        Instant lastUsedAt, boolean revoked) {

    static ApiKeyRow of(ApiKey key) {
        return new ApiKeyRow(key.id(), key.name(), key.displayHint(), key.scopes(), key.createdAt(),
                key.lastUsedAt(), key.isRevoked());
    }
}
