package dev.magpie.tenancy;

import java.util.List;
import java.util.Optional;

/** Accounts, as other modules (the API, operators) need them. */
public interface AccountDirectory {

    /** The account with this id, whatever the current account is. */
    Optional<AccountView> find(String accountId);

    /**
     * The account as read a few seconds ago at most: for paths that need it for every message they send. A change
     * made on another instance of the application may take that long to show.
     */
    Optional<AccountView> recent(String accountId);

    /** The account whose public site key this is, for client-side (browser) calls. */
    Optional<AccountView> findByPublicApiKey(String publicApiKey);

    /** Every account with its usage, newest first; for operators. */
    List<AccountUsage> usage();

    /** Stops an account: members cannot work in it and its API keys are refused. */
    void suspend(String accountId);

    /** Lifts a suspension. */
    void resume(String accountId);
}
