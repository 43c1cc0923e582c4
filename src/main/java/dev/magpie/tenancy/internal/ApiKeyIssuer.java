package dev.magpie.tenancy.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.magpie.shared.RecentCache;
import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.tenancy.AccountResumed;
import dev.magpie.tenancy.AccountSuspended;
import dev.magpie.tenancy.ApiKeyAuthenticator;
import dev.magpie.tenancy.ApiKeyPrincipal;
import dev.magpie.tenancy.ApiScope;
import dev.magpie.tenancy.TenantTransactions;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, lists and revokes private API keys, and recognises them when they come back. */
@Service
class ApiKeyIssuer implements ApiKeyAuthenticator {

    static final String PREFIX = "pk_";

    private static final int RANDOM_LENGTH = 40;

    private static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

    private final ApiKeyRepository keys;

    private final AccountDirectory accounts;

    private final TenantTransactions transactions;

    private final Clock clock;

    /**
     * Keys verified lately, by hash: every API request names its key, and looking it up in MySQL each time costs
     * more than storing the event it carries. Revoking a key or suspending an account forgets them here at once.
     */
    private final RecentCache<String, Optional<ApiKeyPrincipal>> verified;

    ApiKeyIssuer(ApiKeyRepository keys, AccountDirectory accounts, TenantTransactions transactions, Clock clock,
            TenancyProperties properties) {
        this.keys = keys;
        this.accounts = accounts;
        this.transactions = transactions;
        this.clock = clock;
        this.verified = new RecentCache<>(properties.apiKeyCacheTtl(), 10_000);
    }

    /** Creates a key in the current account; the returned raw key is never retrievable again. */
    @Transactional
    public IssuedKey issue(String name, Collection<ApiScope> scopes, String createdBy) {
        return issue(name, scopes, createdBy, PREFIX + Secrets.alphanumeric(RANDOM_LENGTH));
    }

    /** Creates a key with a chosen raw value, for the configured demo key. */
    @Transactional
    IssuedKey issue(String name, Collection<ApiScope> scopes, String createdBy, String rawKey) {
        if (!isWellFormed(rawKey)) {
            throw new IllegalArgumentException("An API key starts with pk_ and has at least 20 more characters");
        }
        ApiKey key = keys.save(new ApiKey(name.trim(), rawKey.substring(0, PREFIX.length() + 4),
                Secrets.sha256(rawKey), scopes, createdBy, clock.instant()));
        return new IssuedKey(key.id(), rawKey);
    }

    /** The current account's keys, newest first. */
    @Transactional(readOnly = true)
    public List<ApiKeyRow> list() {
        return keys.findAllByOrderByCreatedAtDesc().stream().map(ApiKeyRow::of).toList();
    }

    /** Revokes one of the current account's keys; unknown ids (or other accounts' keys) are refused. */
    @Transactional
    public boolean revoke(String keyId) {
        return keys.findById(keyId).map(key -> {
            key.revoke(clock.instant());
            verified.removeIf((hash, principal) -> principal.filter(p -> p.keyId().equals(keyId)).isPresent());
            return true;
        }).orElse(false);
    }

    @Override
    public Optional<ApiKeyPrincipal> authenticate(String rawKey) {
        if (rawKey == null || !isWellFormed(rawKey)) {
            return Optional.empty();
        }
        String hash = Secrets.sha256(rawKey);
        Optional<ApiKeyPrincipal> known = verified.get(hash);
        if (known != null) {
            return known;
        }
        Optional<ApiKeyPrincipal> principal = transactions.asRoot(() -> keys.findByKeyHash(hash)
                .filter(key -> !key.isRevoked())
                .filter(key -> accounts.find(key.accountId()).filter(account -> !account.suspended()).isPresent())
                .map(key -> {
                    recordUse(key);
                    return new ApiKeyPrincipal(key.accountId(), key.id(), key.name(), key.scopes());
                }));
        verified.put(hash, principal);
        return principal;
    }

    @EventListener
    void on(AccountSuspended suspended) {
        verified.removeIf((hash, principal) -> principal.filter(p -> p.accountId().equals(suspended.accountId()))
            .isPresent());
    }

    @EventListener
    void on(AccountResumed resumed) {
        // Its keys were remembered as unknown while it was suspended
        verified.clear();
    }

    /** Last use is shown to people, not audited: a minute's precision saves a write on most calls. */
    private void recordUse(ApiKey key) {
        Instant now = clock.instant();
        if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(now.minus(LAST_USE_PRECISION))) {
            keys.markUsed(key.id(), now);
        }
    }

    static boolean isWellFormed(String rawKey) {
        return rawKey.startsWith(PREFIX) && rawKey.length() >= PREFIX.length() + 20 && rawKey.length() <= 100
                && rawKey.chars().allMatch(c -> c == '_' || Character.isLetterOrDigit(c));
    }

    /** A newly created key: the raw value is shown to its creator once. */
    record IssuedKey(String id, String rawKey) {
    }
}
