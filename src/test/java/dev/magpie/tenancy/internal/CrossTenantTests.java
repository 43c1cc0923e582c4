package dev.magpie.tenancy.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.tenancy.AccountView;
import dev.magpie.tenancy.ApiScope;
import dev.magpie.tenancy.Role;
import dev.magpie.tenancy.TenantTransactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Tenant A's owner, holding the ids of tenant B's members, invitations and API keys, can neither see nor
 * change them: every such request is a 404 and B's rows stay as they were.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class CrossTenantTests {

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
    AccountDirectory accounts;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    PasswordEncoder passwordEncoder;

    Stores stores;

    Stores.Store a;

    Stores.Store b;

    Stores.Person bManager;

    String bInvitationId;

    String bKeyId;

    MockHttpSession aOwner;

    @BeforeEach
    void twoStores() throws Exception {
        stores = new Stores(mvc, registrar, users, memberships, transactions, passwordEncoder);
        a = stores.open("Acacia A");
        b = stores.open("Bluebell B");
        bManager = stores.join(b, Role.MANAGER, "Bea Manager");
        Instant now = Instant.now();
        bInvitationId = transactions.inAccount(b.accountId(), () -> invitations.save(new Invitation(
                Stores.uniqueEmail("b-invitee"), Role.ADMIN, Secrets.sha256(Secrets.token(32)), b.owner().userId(),
                now, now.plus(7, ChronoUnit.DAYS))).id());
        bKeyId = transactions.inAccount(b.accountId(), () -> keyIssuer.issue("B backend",
                List.of(new ApiScope("profiles", ApiScope.Access.WRITE)), b.owner().userId()).id());
        aOwner = stores.signIn(a.owner(), a);
    }

    @Test
    void aSeesNoneOfBsPeopleInvitationsOrKeys() throws Exception {
        String team = stores.page(aOwner, "/settings/team");
        String apiKeys = stores.page(aOwner, "/settings/api-keys");

        assertThat(team).contains(a.owner().email())
            .doesNotContain(b.owner().email(), bManager.email(), bInvitationId,
                    stores.membershipId(b, bManager));
        assertThat(apiKeys).doesNotContain("B backend", bKeyId);
    }

    @Test
    void aCannotChangeOrRemoveBsMembersInvitationsOrKeysByTheirIds() throws Exception {
        String bManagership = stores.membershipId(b, bManager);
        String bOwnership = stores.membershipId(b, b.owner());
        List<MockHttpServletRequestBuilder> attacks = List.of(
                post("/settings/team/members/{id}/role", bManagership).param("role", "ANALYST"),
                post("/settings/team/members/{id}/role", bOwnership).param("role", "ANALYST"),
                post("/settings/team/members/{id}/remove", bManagership),
                post("/settings/team/members/{id}/remove", bOwnership),
                post("/settings/team/invitations/{id}/revoke", bInvitationId),
                post("/settings/api-keys/{id}/revoke", bKeyId));

        for (MockHttpServletRequestBuilder attack : attacks) {
            int status = mvc.perform(attack.session(aOwner).with(csrf())).andReturn().getResponse().getStatus();
            assertThat(status).as(attack.toString()).isEqualTo(404);
        }

        assertThat(stores.roleOf(b, bManager)).isEqualTo(Role.MANAGER);
        assertThat(stores.roleOf(b, b.owner())).isEqualTo(Role.OWNER);
        assertThat(transactions.inAccount(b.accountId(), () -> invitations.findById(bInvitationId))).isPresent();
        assertThat(transactions.inAccount(b.accountId(), () -> keys.findById(bKeyId).orElseThrow().isRevoked()))
            .isFalse();
    }

    @Test
    void aCannotSwitchIntoBOrChangeItsSettings() throws Exception {
        mvc.perform(post("/accounts/switch").session(aOwner).with(csrf()).param("accountId", b.accountId()));
        mvc.perform(post("/settings/account").session(aOwner).with(csrf())
            .param("name", "Renamed by A")
            .param("timezone", "Europe/Paris")
            .param("currency", "EUR"));

        assertThat(aOwner.getAttribute(CurrentAccountFilter.SESSION_ACCOUNT)).isEqualTo(a.accountId());
        assertThat(accounts.find(b.accountId())).map(AccountView::name).contains("Bluebell B");
        assertThat(accounts.find(a.accountId())).map(AccountView::name).contains("Renamed by A");
    }

    @Test
    void anInvitationIntoBDoesNotLetAnyoneIntoA() throws Exception {
        String invitee = Stores.uniqueEmail("b-recruit");
        MockHttpSession bOwner = stores.signIn(b.owner(), b);
        mvc.perform(post("/settings/team/invitations").session(bOwner).with(csrf())
            .param("email", invitee)
            .param("role", "ADMIN"));
        String token = Inbox.single(invitee).tokenOfLink("/invitations/");

        mvc.perform(post("/invitations/{token}", token).with(csrf())
            .param("name", "B Recruit")
            .param("password", "b-recruit-password"));

        User recruit = transactions.asRoot(() -> users.findByEmailIgnoreCase(invitee).orElseThrow());
        Stores.Person person = new Stores.Person(recruit.id(), recruit.email(), recruit.name());
        assertThat(stores.roleOf(b, person)).isEqualTo(Role.ADMIN);
        assertThat(stores.roleOf(a, person)).isNull();
        assertThat(transactions.inAccount(a.accountId(), () -> invitations.findAll())).isEmpty();
    }
}
