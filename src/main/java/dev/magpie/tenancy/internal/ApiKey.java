package dev.magpie.tenancy.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import dev.magpie.shared.Ids;
import dev.magpie.tenancy.ApiScope;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

/** A private API key of an account. Only its hash is kept; the key itself is shown once. */
@Entity
@Table(name = "api_keys")
class ApiKey {

    @Id
    private String id;

    @TenantId
    @Column(name = "account_id")
    private String accountId;

    private String name;

    /** The key's first characters, so people can tell their keys apart. */
    @Column(name = "display_hint")
    private String displayHint;

    @Column(name = "key_hash")
    private String keyHash;

    private String scopes;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiKey() {
    }

    ApiKey(String name, String displayHint, String keyHash, Collection<ApiScope> scopes, String createdBy,
            Instant now) {
        this.id = Ids.newId();
        this.name = name;
        this.displayHint = displayHint;
        this.keyHash = keyHash;
        this.scopes = scopes.stream().map(ApiScope::toString).sorted().collect(Collectors.joining(" "));
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    Set<ApiScope> scopes() {
        return Arrays.stream(scopes.split(" "))
                .filter(text -> !text.isBlank())
                .flatMap(text -> ApiScope.parse(text).stream())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    boolean isRevoked() {
        return revokedAt != null;
    }

    String id() {
        return id;
    }

    String accountId() {
        return accountId;
    }

    String name() {
        return name;
    }

    String displayHint() {
        return displayHint;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant lastUsedAt() {
        return lastUsedAt;
    }

    Instant revokedAt() {
        return revokedAt;
    }
}
