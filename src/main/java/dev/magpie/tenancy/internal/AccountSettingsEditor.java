package dev.magpie.tenancy.internal;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Saves an account's settings: name, time zone, currency, website and default sender. */
@Service
class AccountSettingsEditor {

    private final AccountRepository accounts;

    private final RecentAccounts recent;

    AccountSettingsEditor(AccountRepository accounts, RecentAccounts recent) {
        this.accounts = accounts;
        this.recent = recent;
    }

    /** Accounts are not tenant-scoped rows, so the caller names the account: always the member's own. */
    @Transactional
    void change(String accountId, AccountSettingsForm form) {
        Account account = accounts.findById(accountId).orElseThrow();
        account.changeSettings(form.name().trim(), form.timezone(), form.normalizedCurrency(),
                AccountSettingsForm.blankToNull(form.websiteUrl()), AccountSettingsForm.blankToNull(form.senderName()),
                AccountSettingsForm.blankToNull(form.senderEmail()));
        recent.forget(accountId);
    }
}
