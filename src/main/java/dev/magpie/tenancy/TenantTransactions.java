package dev.magpie.tenancy;

import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in a transaction on behalf of one account, or across accounts.
 *
 * <p>Hibernate fixes a session's account when the session opens, which is when the transaction begins.
 * Switching the account inside a transaction would therefore be ignored (or refused); code that must
 * choose the account itself — jobs, consumers, sign-up, key lookup — starts its transaction here.
 */
@Component
public class TenantTransactions {

    private final TransactionTemplate transactions;

    TenantTransactions(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Runs {@code work} in a new transaction scoped to {@code accountId}. */
    public <T> T inAccount(String accountId, Supplier<T> work) {
        return TenantContext.callInAccount(accountId, () -> transactions.execute(status -> work.get()));
    }

    /** Runs {@code work} in a new transaction that sees every account's rows; for operators and lookups. */
    public <T> T asRoot(Supplier<T> work) {
        return TenantContext.callAsRoot(() -> transactions.execute(status -> work.get()));
    }
}
