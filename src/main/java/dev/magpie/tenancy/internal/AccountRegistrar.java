package dev.magpie.tenancy.internal;

import java.time.Clock;
import java.util.Locale;

import dev.magpie.shared.Ids;
import dev.magpie.tenancy.AccountSignedUp;
import dev.magpie.tenancy.Role;
import dev.magpie.tenancy.TenantTransactions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Signs a store up: creates its account and makes the person who signed up its owner. */
@Service
class AccountRegistrar {

    private final AccountRepository accounts;

    private final UserRepository users;

    private final MembershipRepository memberships;

    private final PasswordEncoder passwordEncoder;

    private final ApplicationEventPublisher events;

    private final TenantTransactions transactions;

    private final TenancyProperties properties;

    private final Clock clock;

    AccountRegistrar(AccountRepository accounts, UserRepository users, MembershipRepository memberships,
            PasswordEncoder passwordEncoder, ApplicationEventPublisher events, TenantTransactions transactions,
            TenancyProperties properties, Clock clock) {
        this.accounts = accounts;
        this.users = users;
        this.memberships = memberships;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** Creates the account and its owner in one transaction; refuses an email that already has a user. */
    Registration signUp(String accountName, String ownerName, String email, String password) {
        String normalizedEmail = normalizeEmail(email);
        String passwordHash = passwordEncoder.encode(password);
        String accountId = Ids.newId();
        return transactions.inAccount(accountId, () -> {
            if (users.findByEmailIgnoreCase(normalizedEmail).isPresent()) {
                throw new TenancyException("email", "signup.error.email-taken");
            }
            User owner = users.save(new User(normalizedEmail, ownerName.trim(), passwordHash, clock.instant()));
            saveAccount(accountId, accountName);
            memberships.save(new Membership(owner.id(), Role.OWNER, clock.instant()));
            events.publishEvent(new AccountSignedUp(accountId, owner.id()));
            return new Registration(accountId, owner.id());
        });
    }

    /** Creates an account without people; the caller's transaction must be scoped to {@code accountId}. */
    Account saveAccount(String accountId, String accountName) {
        return accounts.save(new Account(accountId, accountName.trim(), uniquePublicApiKey(),
                properties.defaultTimezone(), properties.defaultCurrency(), clock.instant()));
    }

    static String normalizeEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private String uniquePublicApiKey() {
        String key;
        do {
            key = Secrets.alphanumeric(6);
        }
        while (accounts.existsByPublicApiKey(key));
        return key;
    }

    /** What sign-up created. */
    record Registration(String accountId, String ownerUserId) {
    }
}
