package dev.magpie.tenancy.internal;

import java.util.List;

import dev.magpie.tenancy.ApiScope;
import dev.magpie.tenancy.TenantTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Seeds the local run's demo account, so a newcomer has something to sign in to. Idempotent: a second
 * start finds the owner and only adds a configured API key that is not there yet.
 */
@Component
@ConditionalOnBooleanProperty("magpie.demo.enabled")
class DemoAccountSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoAccountSeeder.class);

    private final DemoProperties demo;

    private final AccountRegistrar registrar;

    private final UserRepository users;

    private final MembershipRepository memberships;

    private final ApiKeyIssuer keys;

    private final ApiKeyRepository keyRepository;

    private final TenantTransactions transactions;

    DemoAccountSeeder(DemoProperties demo, AccountRegistrar registrar, UserRepository users,
            MembershipRepository memberships, ApiKeyIssuer keys, ApiKeyRepository keyRepository,
            TenantTransactions transactions) {
        this.demo = demo;
        this.registrar = registrar;
        this.users = users;
        this.memberships = memberships;
        this.keys = keys;
        this.keyRepository = keyRepository;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        String email = AccountRegistrar.normalizeEmail(demo.ownerEmail());
        String accountId = transactions.asRoot(() -> users.findByEmailIgnoreCase(email)
                .flatMap(owner -> memberships.findAllOfUser(owner.id()).stream().findFirst())
                .map(Membership::accountId)
                .orElse(null));
        if (accountId == null) {
            accountId = createDemoAccount(email);
        }
        seedApiKey(accountId);
    }

    private String createDemoAccount(String email) {
        boolean generated = !StringUtils.hasText(demo.ownerPassword());
        String password = generated ? Secrets.token(12) : demo.ownerPassword();
        String accountId = registrar.signUp(demo.accountName(), "Demo Owner", email, password).accountId();
        log.info("Demo account \"{}\" created. Sign in at /signin as {} with password {}{}", demo.accountName(),
                email, password, generated ? " (generated; set magpie.demo.owner-password to fix it)" : "");
        return accountId;
    }

    private void seedApiKey(String accountId) {
        String configured = demo.apiKey();
        if (StringUtils.hasText(configured)) {
            transactions.inAccount(accountId, () -> {
                if (keyRepository.findByKeyHash(Secrets.sha256(configured)).isEmpty()) {
                    keys.issue("Demo key", allScopes(), null, configured);
                    log.info("Demo API key from magpie.demo.api-key added to the demo account");
                }
                return null;
            });
            return;
        }
        boolean hasKey = transactions.inAccount(accountId, () -> !keyRepository.findAll().isEmpty());
        if (!hasKey) {
            var issued = transactions.inAccount(accountId, () -> keys.issue("Demo key", allScopes(), null));
            log.info("Demo private API key (shown once; set magpie.demo.api-key to fix it): {}", issued.rawKey());
        }
    }

    private static List<ApiScope> allScopes() {
        return ApiScope.RESOURCES.stream().map(resource -> new ApiScope(resource, ApiScope.Access.WRITE)).toList();
    }
}
