package dev.magpie.tenancy;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The account (tenant) the current thread works for.
 *
 * <p>Set once per request by the web layer (from the signed-in member's session or the API key) and read
 * by Hibernate, which adds the account to every query and insert of a tenant-scoped entity. Code that
 * runs outside a request (jobs, consumers) wraps its work in {@link #callInAccount}.
 */
public final class TenantContext {

    /** The identifier Hibernate sees when code deliberately works across accounts (operators, key lookup). */
    public static final String ROOT = "*";

    /** The identifier Hibernate sees when no account is set: it matches no row, so nothing leaks. */
    public static final String NONE = "-";

    private static final ThreadLocal<String> current = new ThreadLocal<>();

    private TenantContext() {
    }

    /** The current account's id, if this thread works for one. */
    public static Optional<String> currentAccountId() {
        String id = current.get();
        return id == null || ROOT.equals(id) ? Optional.empty() : Optional.of(id);
    }

    /** The current account's id, or an exception when no account is set. */
    public static String requireAccountId() {
        return currentAccountId().orElseThrow(() -> new IllegalStateException("No current account"));
    }

    /** What Hibernate should filter on right now. */
    public static String hibernateTenant() {
        String id = current.get();
        return id == null ? NONE : id;
    }

    /** Runs {@code work} for the given account, restoring whatever was current before. */
    public static <T> T callInAccount(String accountId, Supplier<T> work) {
        if (accountId == null || accountId.isBlank() || ROOT.equals(accountId) || NONE.equals(accountId)) {
            throw new IllegalArgumentException("Not an account id: " + accountId);
        }
        return callAs(accountId, work);
    }

    /** Runs {@code work} for the given account, restoring whatever was current before. */
    public static void runInAccount(String accountId, Runnable work) {
        callInAccount(accountId, () -> {
            work.run();
            return null;
        });
    }

    /** Runs {@code work} across all accounts; for operators and for finding which account a key belongs to. */
    public static <T> T callAsRoot(Supplier<T> work) {
        return callAs(ROOT, work);
    }

    private static <T> T callAs(String tenant, Supplier<T> work) {
        String previous = current.get();
        current.set(tenant);
        try {
            return work.get();
        }
        finally {
            if (previous == null) {
                current.remove();
            }
            else {
                current.set(previous);
            }
        }
    }
}
