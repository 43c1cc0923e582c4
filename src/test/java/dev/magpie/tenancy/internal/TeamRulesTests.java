package dev.magpie.tenancy.internal;

import java.util.List;

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
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * What each role may do to the team, enforced on the server whatever the page shows: an account always keeps
 * an owner, admins cannot touch owners, and managers and analysts cannot change the team or settings at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class TeamRulesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountRegistrar registrar;

    @Autowired
    UserRepository users;

    @Autowired
    MembershipRepository memberships;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    PasswordEncoder passwordEncoder;

    Stores stores;

    @BeforeEach
    void stores() {
        stores = new Stores(mvc, registrar, users, memberships, transactions, passwordEncoder);
    }

    @Test
    void theLastOwnerCannotBeDemotedOrRemoved() throws Exception {
        Stores.Store store = stores.open("Saffron Studio");
        MockHttpSession owner = stores.signIn(store.owner(), store);
        String ownership = stores.membershipId(store, store.owner());

        MvcResult demoted = changeRole(owner, ownership, Role.ADMIN);
        MvcResult removed = remove(owner, ownership);

        assertThat(demoted.getFlashMap().get("flashError"))
            .isEqualTo("Every account needs an owner. Make someone else an owner first.");
        assertThat(removed.getFlashMap().get("flashError"))
            .isEqualTo("Every account needs an owner. Make someone else an owner first.");
        assertThat(stores.roleOf(store, store.owner())).isEqualTo(Role.OWNER);
    }

    @Test
    void anOwnerCanHandOwnershipOnAndThenStepDown() throws Exception {
        Stores.Store store = stores.open("Tamarind Tea");
        Stores.Person partner = stores.join(store, Role.ADMIN, "Pat Partner");
        MockHttpSession owner = stores.signIn(store.owner(), store);

        MvcResult promoted = changeRole(owner, stores.membershipId(store, partner), Role.OWNER);
        MvcResult steppedDown = changeRole(owner, stores.membershipId(store, store.owner()), Role.ADMIN);

        assertThat(promoted.getFlashMap().get("flashCode")).isEqualTo("team.role-changed");
        assertThat(steppedDown.getFlashMap().get("flashCode")).isEqualTo("team.role-changed");
        assertThat(stores.roleOf(store, partner)).isEqualTo(Role.OWNER);
        assertThat(stores.roleOf(store, store.owner())).isEqualTo(Role.ADMIN);
    }

    @Test
    void anOwnerMayLeaveWhenAnotherOwnerRemains() throws Exception {
        Stores.Store store = stores.open("Umber Goods");
        Stores.Person coOwner = stores.join(store, Role.OWNER, "Co Owner");
        MockHttpSession owner = stores.signIn(store.owner(), store);

        MvcResult left = remove(owner, stores.membershipId(store, store.owner()));

        assertThat(left.getResponse().getRedirectedUrl()).isEqualTo("/");
        assertThat(stores.roleOf(store, store.owner())).isNull();
        assertThat(stores.roleOf(store, coOwner)).isEqualTo(Role.OWNER);
    }

    @Test
    void anAdminRunsTheTeamButCannotTouchOwnersOrMakeOne() throws Exception {
        Stores.Store store = stores.open("Verbena Vintage");
        Stores.Person admin = stores.join(store, Role.ADMIN, "Ada Admin");
        Stores.Person manager = stores.join(store, Role.MANAGER, "Max Manager");
        MockHttpSession session = stores.signIn(admin, store);
        String ownership = stores.membershipId(store, store.owner());

        String team = stores.page(session, "/settings/team");
        MvcResult demoteOwner = changeRole(session, ownership, Role.ANALYST);
        MvcResult removeOwner = remove(session, ownership);
        MvcResult makeOwner = changeRole(session, stores.membershipId(store, manager), Role.OWNER);
        MvcResult selfPromotion = changeRole(session, stores.membershipId(store, admin), Role.OWNER);
        MvcResult inviteOwner = mvc.perform(post("/settings/team/invitations").session(session).with(csrf())
            .param("email", Stores.uniqueEmail("would-be-owner"))
            .param("role", "OWNER")).andReturn();
        MvcResult demoteManager = changeRole(session, stores.membershipId(store, manager), Role.ANALYST);

        assertThat(Stores.row(team, stores.membershipId(store, store.owner()))).doesNotContain("<select", "Remove");
        assertThat(Stores.row(team, stores.membershipId(store, manager))).contains("<select", "Remove")
            .doesNotContain("value=\"OWNER\"");
        String ownerOnly = "Only an owner can change or remove an owner, or make someone an owner.";
        assertThat(demoteOwner.getFlashMap().get("flashError")).isEqualTo(ownerOnly);
        assertThat(removeOwner.getFlashMap().get("flashError")).isEqualTo(ownerOnly);
        assertThat(makeOwner.getFlashMap().get("flashError")).isEqualTo(ownerOnly);
        assertThat(selfPromotion.getFlashMap().get("flashError")).isEqualTo(ownerOnly);
        assertThat(inviteOwner.getResponse().getContentAsString()).contains("Only an owner can invite an owner.");
        assertThat(stores.roleOf(store, store.owner())).isEqualTo(Role.OWNER);
        assertThat(stores.roleOf(store, admin)).isEqualTo(Role.ADMIN);
        assertThat(demoteManager.getFlashMap().get("flashCode")).isEqualTo("team.role-changed");
        assertThat(stores.roleOf(store, manager)).isEqualTo(Role.ANALYST);
    }

    @Test
    void anAdminWhoStepsDownLandsOnTheDashboardAndLosesTheTeamPage() throws Exception {
        Stores.Store store = stores.open("Yew & Yarrow");
        Stores.Person admin = stores.join(store, Role.ADMIN, "Ari Admin");
        MockHttpSession session = stores.signIn(admin, store);

        MvcResult steppedDown = changeRole(session, stores.membershipId(store, admin), Role.MANAGER);

        assertThat(steppedDown.getResponse().getRedirectedUrl()).isEqualTo("/");
        assertThat(stores.roleOf(store, admin)).isEqualTo(Role.MANAGER);
        assertThat(mvc.perform(get("/settings/team").session(session)).andReturn().getResponse().getStatus())
            .isEqualTo(403);
    }

    @Test
    void analystsAndManagersGetForbiddenOnEveryTeamKeyAndSettingsChange() throws Exception {
        Stores.Store store = stores.open("Wisteria Wares");
        Stores.Person analyst = stores.join(store, Role.ANALYST, "Ann Analyst");
        Stores.Person manager = stores.join(store, Role.MANAGER, "Manny Manager");
        String ownership = stores.membershipId(store, store.owner());
        String managership = stores.membershipId(store, manager);

        for (Stores.Person person : List.of(analyst, manager)) {
            MockHttpSession session = stores.signIn(person, store);
            List<MockHttpServletRequestBuilder> changes = List.of(
                    post("/settings/team/invitations").param("email", Stores.uniqueEmail("x")).param("role", "ADMIN"),
                    post("/settings/team/members/{id}/role", ownership).param("role", "ANALYST"),
                    post("/settings/team/members/{id}/role", managership).param("role", "ADMIN"),
                    post("/settings/team/members/{id}/remove", ownership),
                    post("/settings/team/invitations/{id}/revoke", "01ANYINVITATION0000000000"),
                    post("/settings/account").param("name", "Taken over").param("timezone", "UTC")
                        .param("currency", "EUR"),
                    post("/settings/api-keys").param("name", "Sneaky").param("access[profiles]", "write"),
                    post("/settings/api-keys/{id}/revoke", "01ANYKEY00000000000000000"));
            for (MockHttpServletRequestBuilder change : changes) {
                int status = mvc.perform(change.session(session).with(csrf())).andReturn().getResponse().getStatus();
                assertThat(status).as(person.name() + " " + change).isEqualTo(403);
            }
            for (String page : List.of("/settings/team", "/settings/account", "/settings/api-keys")) {
                int status = mvc.perform(get(page).session(session)).andReturn().getResponse().getStatus();
                assertThat(status).as(person.name() + " GET " + page).isEqualTo(403);
            }
        }
        assertThat(stores.roleOf(store, store.owner())).isEqualTo(Role.OWNER);
        assertThat(stores.roleOf(store, manager)).isEqualTo(Role.MANAGER);
        assertThat(stores.page(stores.signIn(store.owner(), store), "/settings/account")).contains("Wisteria Wares")
            .doesNotContain("Taken over");
        assertThat(Stores.row(stores.page(stores.signIn(store.owner(), store), "/settings/team"),
                stores.membershipId(store, analyst))).contains("Analyst");
    }

    @Test
    void everyMemberMayChangeTheirOwnProfileWhateverTheirRole() throws Exception {
        Stores.Store store = stores.open("Xylo Toys");
        Stores.Person analyst = stores.join(store, Role.ANALYST, "Abe Analyst");
        MockHttpSession session = stores.signIn(analyst, store);

        MvcResult renamed = mvc.perform(post("/settings/profile").session(session).with(csrf())
            .param("name", "Abraham Analyst")).andReturn();

        assertThat(renamed.getResponse().getRedirectedUrl()).isEqualTo("/settings/profile");
        assertThat(stores.page(session, "/settings/profile")).contains("Abraham Analyst");
    }

    private MvcResult changeRole(MockHttpSession session, String membershipId, Role role) throws Exception {
        return mvc.perform(post("/settings/team/members/{id}/role", membershipId).session(session).with(csrf())
            .param("role", role.name())).andReturn();
    }

    private MvcResult remove(MockHttpSession session, String membershipId) throws Exception {
        return mvc.perform(post("/settings/team/members/{id}/remove", membershipId).session(session).with(csrf()))
            .andReturn();
    }
}
