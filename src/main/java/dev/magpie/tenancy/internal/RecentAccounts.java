package dev.magpie.tenancy.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import dev.magpie.shared.RecentCache;
import dev.magpie.tenancy.AccountView;
import org.springframework.stereotype.Component;

/**
 * Accounts as read at most {@link #REUSE} ago, for the paths that need one for every message they send. Changes
 * made through this instance forget the account at once; those made on another instance show within {@link #REUSE}.
 */
@Component
class RecentAccounts {

    static final Duration REUSE = Duration.ofSeconds(5);

    private final RecentCache<String, Optional<AccountView>> accounts = new RecentCache<>(REUSE, 10_000);

    Optional<AccountView> get(String accountId, Function<String, Optional<AccountView>> read) {
        return accounts.get(accountId, read);
    }

    void forget(String accountId) {
        accounts.remove(accountId);
    }
}
