package dev.magpie.tenancy.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.magpie.tenancy.ApiScope;
import dev.magpie.tenancy.Role;
import dev.magpie.tenancy.TenantTransactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenant scoping does not depend on queries remembering a {@code WHERE account_id = ?}: a plain
 * {@code findAll()} or {@code findById()} sees only the current account's memberships, invitations and API keys.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class TenantScopedRepositoriesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountRegistrar registrar;

    @Autowired
    UserRepository users;

    @Autowired
    MembershipRepository memberships;

    @Autowired
    InvitationRepository invitations;

    @Autowired
    ApiKeyRepository keys;

    @Autowired
    ApiKeyIssuer keyIssuer;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    PlatformTransactionManager transactionManager;

    Stores.Store a;

    Stores.Store b;

    @BeforeEach
    void twoStoresWithPeopleInvitationsAndKeys() {
        Stores stores = new Stores(mvc, registrar, users, memberships, transactions, passwordEncoder);
        a = stores.open("Aster A");
        b = stores.open("Borage B");
        stores.join(a, Role.ANALYST, "Al Analyst");
        stores.join(b, Role.MANAGER, "Bo Manager");
        stores.join(b, Role.ANALYST, "Bix Analyst");
        for (Stores.Store store : List.of(a, b)) {
            transactions.inAccount(store.accountId(), () -> {
                Instant now = Instant.now();
                invitations.save(new Invitation(Stores.uniqueEmail("invitee"), Role.MANAGER,
                        Secrets.sha256(Secrets.token(32)), store.owner().userId(), now, now.plus(1, ChronoUnit.DAYS)));
                return keyIssuer.issue(store.name() + " key", List.of(new ApiScope("events", ApiScope.Access.WRITE)),
                        store.owner().userId());
            });
        }
    }

    @Test
    void findAllReturnsOnlyTheCurrentAccountsRows() {
        transactions.inAccount(a.accountId(), () -> {
            assertThat(memberships.findAll()).hasSize(2).allSatisfy(m -> assertThat(m.accountId()).isEqualTo(a.accountId()));
            assertThat(invitations.findAll()).singleElement().satisfies(i -> assertThat(i.accountId()).isEqualTo(a.accountId()));
            assertThat(keys.findAll()).singleElement().satisfies(k -> assertThat(k.name()).isEqualTo("Aster A key"));
            assertThat(memberships.countByRole(Role.OWNER)).isEqualTo(1);
            return null;
        });
        transactions.inAccount(b.accountId(), () -> {
            assertThat(memberships.findAll()).hasSize(3).allSatisfy(m -> assertThat(m.accountId()).isEqualTo(b.accountId()));
            assertThat(keys.findAll()).singleElement().satisfies(k -> assertThat(k.name()).isEqualTo("Borage B key"));
            return null;
        });
    }

    @Test
    void findByIdDoesNotReachAnotherAccountsRow() {
        String bMembership = transactions.inAccount(b.accountId(), () -> memberships.findAll().get(0).id());
        String bInvitation = transactions.inAccount(b.accountId(), () -> invitations.findAll().get(0).id());
        String bKey = transactions.inAccount(b.accountId(), () -> keys.findAll().get(0).id());

        transactions.inAccount(a.accountId(), () -> {
            assertThat(memberships.findById(bMembership)).isEmpty();
            assertThat(invitations.findById(bInvitation)).isEmpty();
            assertThat(keys.findById(bKey)).isEmpty();
            return null;
        });
    }

    @Test
    void withoutAnAccountNothingIsVisibleAndAsRootEverythingIs() {
        TransactionTemplate noAccount = new TransactionTemplate(transactionManager);

        noAccount.executeWithoutResult(status -> {
            assertThat(memberships.findAll()).isEmpty();
            assertThat(invitations.findAll()).isEmpty();
            assertThat(keys.findAll()).isEmpty();
        });
        transactions.asRoot(() -> {
            assertThat(memberships.findAll()).extracting(Membership::accountId).contains(a.accountId(), b.accountId());
            assertThat(keys.findAll()).extracting(ApiKey::accountId).contains(a.accountId(), b.accountId());
            return null;
        });
    }
}
