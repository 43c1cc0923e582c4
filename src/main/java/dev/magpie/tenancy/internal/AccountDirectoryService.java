package dev.magpie.tenancy.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.tenancy.AccountResumed;
import dev.magpie.tenancy.AccountSuspended;
import dev.magpie.tenancy.AccountUsage;
import dev.magpie.tenancy.AccountView;
import dev.magpie.tenancy.TenantTransactions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class AccountDirectoryService implements AccountDirectory {

    private final AccountRepository accounts;

    private final MembershipRepository memberships;

    private final ApiKeyRepository keys;

    private final ApplicationEventPublisher events;

    private final TenantTransactions transactions;

    private final Clock clock;

    private final RecentAccounts recent;

    AccountDirectoryService(AccountRepository accounts, MembershipRepository memberships, ApiKeyRepository keys,
            ApplicationEventPublisher events, TenantTransactions transactions, Clock clock, RecentAccounts recent) {
        this.recent = recent;
        this.transactions = transactions;
        this.accounts = accounts;
        this.memberships = memberships;
        this.keys = keys;
        this.events = events;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<AccountView> find(String accountId) {
        return accounts.findById(accountId).map(Account::view);
    }

    @Override
    public Optional<AccountView> recent(String accountId) {
        return recent.get(accountId, id -> transactions.asRoot(() -> accounts.findById(id).map(Account::view)));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<AccountView> findByPublicApiKey(String publicApiKey) {
        return accounts.findByPublicApiKey(publicApiKey).map(Account::view);
    }

    @Override
    public List<AccountUsage> usage() {
        return transactions.asRoot(() -> accounts.findAllByOrderByCreatedAtDesc().stream()
                .map(account -> new AccountUsage(account.view(), memberships.countInAccount(account.id()),
                        keys.countActiveInAccount(account.id())))
                .toList());
    }

    @Override
    @Transactional
    public void suspend(String accountId) {
        Account account = accounts.findById(accountId).orElseThrow();
        if (!account.isSuspended()) {
            account.suspend(clock.instant());
            recent.forget(accountId);
            events.publishEvent(new AccountSuspended(accountId));
        }
    }

    @Override
    @Transactional
    public void resume(String accountId) {
        Account account = accounts.findById(accountId).orElseThrow();
        if (account.isSuspended()) {
            account.resume();
            recent.forget(accountId);
            events.publishEvent(new AccountResumed(accountId));
        }
    }
}
