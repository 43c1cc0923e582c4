package dev.magpie.tenancy.internal;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Inviting a teammate end to end: the invitation, the email, and accepting it as a new or existing person. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class InvitationTests {

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

    @Autowired
    InvitationRepository invitationRepository;

    Stores stores;

    @BeforeEach
    void stores() {
        stores = new Stores(mvc, registrar, users, memberships, transactions, passwordEncoder);
    }

    @Test
    void aNewPersonAcceptsAnInvitationAndWorksInTheStoreWithTheirRole() throws Exception {
        Stores.Store store = stores.open("Kestrel Coffee");
        MockHttpSession owner = stores.signIn(store.owner(), store);
        String invitee = Stores.uniqueEmail("barista");

        MvcResult invited = invite(owner, invitee, Role.MANAGER);

        assertThat(invited.getResponse().getRedirectedUrl()).isEqualTo("/settings/team");
        assertThat(invited.getFlashMap().get("flash")).isEqualTo("Invitation sent to " + invitee + ".");
        assertThat(Stores.row(stores.page(owner, "/settings/team"), invitee)).contains("Manager");
        Inbox.Email mail = Inbox.single(invitee);
        assertThat(mail.subject()).isEqualTo("Owner of Kestrel Coffee invited you to Kestrel Coffee on Magpie");
        assertThat(mail.body()).contains("as Manager", "The link works for 7 days.");
        String token = mail.tokenOfLink("/invitations/");

        String landing = stores.page(new MockHttpSession(), "/invitations/" + token);
        assertThat(landing).contains("Owner of Kestrel Coffee invited you to Kestrel Coffee",
                "You will join as Manager.", invitee, "Choose your name and a password");

        MvcResult tooShort = mvc.perform(post("/invitations/{token}", token).with(csrf())
            .param("name", "Nia Barista")
            .param("password", "short")).andReturn();
        assertThat(tooShort.getResponse().getContentAsString()).contains("Use at least 10 characters.");

        MvcResult joined = mvc.perform(post("/invitations/{token}", token).with(csrf())
            .param("name", "Nia Barista")
            .param("password", "nias-password-1")).andReturn();

        assertThat(joined.getResponse().getRedirectedUrl()).isEqualTo("/");
        assertThat(joined.getFlashMap().get("flash")).isEqualTo("Welcome to Kestrel Coffee.");
        MockHttpSession nia = (MockHttpSession) joined.getRequest().getSession(false);
        assertThat(nia.getAttribute(CurrentAccountFilter.SESSION_ACCOUNT)).isEqualTo(store.accountId());
        assertThat(stores.page(nia, "/")).contains("Welcome, Nia Barista", "Kestrel Coffee", "Manager");
        String team = stores.page(owner, "/settings/team");
        assertThat(Stores.row(team, stores.membershipId(store, person(invitee)))).contains("Nia Barista", "Manager");
        assertThat(team).contains("No pending invitations.");
        assertThat(stores.signInRedirect(invitee, "nias-password-1")).isEqualTo("/");
        assertThat(stores.page(new MockHttpSession(), "/invitations/" + token))
            .contains("This invitation has expired, was revoked or has already been accepted.");
    }

    @Test
    void someoneWithALoginSignsInAndAcceptsWithOneClick() throws Exception {
        Stores.Store store = stores.open("Linden Leather");
        Stores.Store elsewhere = stores.open("Maple Market");
        String invitee = elsewhere.owner().email();
        invite(stores.signIn(store.owner(), store), invitee, Role.ANALYST);
        String token = Inbox.single(invitee).tokenOfLink("/invitations/");

        MockHttpSession browser = new MockHttpSession();
        String landing = stores.page(browser, "/invitations/" + token);
        assertThat(landing).contains("You already have a Magpie login as " + invitee, "Sign in to accept");

        MvcResult signedIn = mvc.perform(post("/signin").session(browser).with(csrf())
            .param("email", invitee)
            .param("password", Stores.PASSWORD)).andReturn();
        assertThat(signedIn.getResponse().getRedirectedUrl()).as("back to the invitation")
            .contains("/invitations/" + token);
        MockHttpSession session = (MockHttpSession) signedIn.getRequest().getSession(false);
        assertThat(stores.page(session, "/invitations/" + token)).contains("Join Linden Leather");

        MvcResult accepted = mvc.perform(post("/invitations/{token}/accept", token).session(session).with(csrf()))
            .andReturn();

        assertThat(accepted.getResponse().getRedirectedUrl()).isEqualTo("/");
        assertThat(session.getAttribute(CurrentAccountFilter.SESSION_ACCOUNT)).isEqualTo(store.accountId());
        assertThat(stores.page(session, "/")).contains("Linden Leather", "Analyst");
        assertThat(stores.roleOf(store, elsewhere.owner())).isEqualTo(Role.ANALYST);
        assertThat(stores.roleOf(elsewhere, elsewhere.owner())).as("their own store").isEqualTo(Role.OWNER);
    }

    @Test
    void someoneSignedInAsAnotherPersonCannotAcceptIt() throws Exception {
        Stores.Store store = stores.open("Nettle & Noon");
        Stores.Store other = stores.open("Olive Grove");
        String invitee = Stores.uniqueEmail("invitee");
        invite(stores.signIn(store.owner(), store), invitee, Role.ADMIN);
        String token = Inbox.single(invitee).tokenOfLink("/invitations/");
        MockHttpSession wrongPerson = stores.signIn(other.owner(), other);

        String page = stores.page(wrongPerson, "/invitations/" + token);
        MvcResult accept = mvc.perform(post("/invitations/{token}/accept", token).session(wrongPerson).with(csrf()))
            .andReturn();
        MvcResult create = mvc.perform(post("/invitations/{token}", token).session(wrongPerson).with(csrf())
            .param("name", "Intruder")
            .param("password", "intruder-password")).andReturn();

        assertThat(page).contains("This invitation is for " + invitee + ", but you are signed in as "
                + other.owner().email());
        assertThat(accept.getResponse().getContentAsString()).contains("This invitation is for " + invitee);
        assertThat(create.getResponse().getRedirectedUrl()).isEqualTo("/invitations/" + token);
        assertThat(stores.roleOf(store, other.owner())).isNull();
        assertThat(transactions.asRoot(() -> users.findByEmailIgnoreCase(invitee))).isEmpty();
        assertThat(stores.page(new MockHttpSession(), "/invitations/" + token)).contains("Choose your name");
    }

    @Test
    void aRevokedInvitationNoLongerWorks() throws Exception {
        Stores.Store store = stores.open("Poppy Prints");
        MockHttpSession owner = stores.signIn(store.owner(), store);
        String invitee = Stores.uniqueEmail("revoked");
        invite(owner, invitee, Role.MANAGER);
        String token = Inbox.single(invitee).tokenOfLink("/invitations/");
        String invitationId = transactions.inAccount(store.accountId(),
                () -> invitationRepository.findAllByAcceptedAtIsNullOrderByCreatedAtDesc().get(0).id());

        MvcResult revoked = mvc.perform(post("/settings/team/invitations/{id}/revoke", invitationId).session(owner)
            .with(csrf())).andReturn();

        assertThat(revoked.getFlashMap().get("flashCode")).isEqualTo("team.invitation-revoked");
        assertThat(stores.page(owner, "/settings/team")).contains("No pending invitations.");
        assertThat(stores.page(new MockHttpSession(), "/invitations/" + token))
            .contains("This invitation has expired, was revoked or has already been accepted.");
        MvcResult join = mvc.perform(post("/invitations/{token}", token).with(csrf())
            .param("name", "Too Late")
            .param("password", "too-late-password")).andReturn();
        assertThat(join.getResponse().getContentAsString()).contains("This invitation has expired");
        assertThat(transactions.asRoot(() -> users.findByEmailIgnoreCase(invitee))).isEmpty();
    }

    @Test
    void invitingAgainReplacesTheEarlierInvitation() throws Exception {
        Stores.Store store = stores.open("Quince Kitchen");
        MockHttpSession owner = stores.signIn(store.owner(), store);
        String invitee = Stores.uniqueEmail("twice");
        invite(owner, invitee, Role.ANALYST);
        invite(owner, invitee, Role.MANAGER);

        assertThat(Inbox.of(invitee)).hasSize(2);
        String first = Inbox.of(invitee).get(0).tokenOfLink("/invitations/");
        String second = Inbox.of(invitee).get(1).tokenOfLink("/invitations/");
        assertThat(stores.page(new MockHttpSession(), "/invitations/" + first)).contains("This invitation has expired");
        assertThat(stores.page(new MockHttpSession(), "/invitations/" + second)).contains("You will join as Manager.");
        assertThat(Stores.row(stores.page(owner, "/settings/team"), invitee)).contains("Manager");
    }

    @Test
    void aMemberCannotBeInvitedAgain() throws Exception {
        Stores.Store store = stores.open("Rowan Rugs");
        Stores.Person analyst = stores.join(store, Role.ANALYST, "Ana Lyst");

        MvcResult result = invite(stores.signIn(store.owner(), store), analyst.email(), Role.ADMIN);

        assertThat(result.getResponse().getContentAsString())
            .contains("This person is already a member of this account.");
        assertThat(Inbox.of(analyst.email())).isEmpty();
        assertThat(stores.roleOf(store, analyst)).isEqualTo(Role.ANALYST);
    }

    private MvcResult invite(MockHttpSession session, String email, Role role) throws Exception {
        return mvc.perform(post("/settings/team/invitations").session(session).with(csrf())
            .param("email", email)
            .param("role", role.name())).andReturn();
    }

    private Stores.Person person(String email) {
        User user = transactions.asRoot(() -> users.findByEmailIgnoreCase(email).orElseThrow());
        return new Stores.Person(user.id(), user.email(), user.name());
    }
}
