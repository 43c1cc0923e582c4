package dev.magpie.tenancy.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** "Forgot your password?" end to end: the request, the email, the link, the new password, sign-in. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class PasswordResetTests {

    static final String NEW_PASSWORD = "a-fresh-password-2";

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountRegistrar registrar;

    @Autowired
    UserRepository users;

    @Autowired
    MembershipRepository memberships;

    @Autowired
    PasswordResetRepository resets;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    TenancyProperties properties;

    Stores stores;

    @BeforeEach
    void stores() {
        stores = new Stores(mvc, registrar, users, memberships, transactions, passwordEncoder);
    }

    @Test
    void aPersonWhoForgotTheirPasswordChoosesANewOneThroughTheEmailedLink() throws Exception {
        Stores.Store store = stores.open("Gorse & Garnet");
        String email = store.owner().email();

        MvcResult asked = mvc.perform(post("/password-reset").with(csrf()).param("email", email.toUpperCase()))
            .andReturn();

        assertThat(asked.getResponse().getRedirectedUrl()).isEqualTo("/password-reset");
        assertThat(followFlash(asked)).contains("an email with a link to choose a new password is on its way");
        Inbox.Email mail = Inbox.single(email);
        assertThat(mail.subject()).isEqualTo("Reset your Magpie password");
        assertThat(mail.from()).isEqualTo(properties.mailFrom());
        assertThat(mail.body()).contains("The link works once, for 1 hour.");
        String token = mail.tokenOfLink("/password-reset/");

        String form = page(new MockHttpSession(), "/password-reset/" + token);
        assertThat(form).contains("Choose a new password");

        MvcResult tooShort = mvc.perform(post("/password-reset/{token}", token).with(csrf()).param("password", "short"))
            .andReturn();
        assertThat(tooShort.getResponse().getContentAsString()).contains("Use at least 10 characters.");

        MvcResult reset = mvc.perform(post("/password-reset/{token}", token).with(csrf())
            .param("password", NEW_PASSWORD)).andReturn();

        assertThat(reset.getResponse().getRedirectedUrl()).isEqualTo("/signin");
        assertThat(reset.getFlashMap().get("flashCode")).isEqualTo("password-reset.done");
        assertThat(stores.signInRedirect(email, Stores.PASSWORD)).isEqualTo("/signin?error");
        assertThat(stores.signInRedirect(email, NEW_PASSWORD)).isEqualTo("/");
    }

    @Test
    void aLinkWorksOnlyOnce() throws Exception {
        Stores.Store store = stores.open("Hawthorn Supply");
        mvc.perform(post("/password-reset").with(csrf()).param("email", store.owner().email()));
        String token = Inbox.single(store.owner().email()).tokenOfLink("/password-reset/");
        mvc.perform(post("/password-reset/{token}", token).with(csrf()).param("password", NEW_PASSWORD));

        String again = page(new MockHttpSession(), "/password-reset/" + token);
        MvcResult reuse = mvc.perform(post("/password-reset/{token}", token).with(csrf())
            .param("password", "someone-elses-password")).andReturn();

        assertThat(again).contains("This link has expired or has already been used.");
        assertThat(reuse.getResponse().getContentAsString()).contains("This link has expired or has already been used.");
        assertThat(stores.signInRedirect(store.owner().email(), NEW_PASSWORD)).isEqualTo("/");
    }

    @Test
    void anExpiredLinkIsRefused() throws Exception {
        Stores.Store store = stores.open("Iris Atelier");
        String token = Secrets.token(32);
        Instant created = Instant.now().minus(2, ChronoUnit.HOURS);
        transactions.asRoot(() -> resets.save(new PasswordReset(Secrets.sha256(token), store.owner().userId(),
                created, created.plus(properties.passwordResetValidity()))));

        String page = page(new MockHttpSession(), "/password-reset/" + token);
        mvc.perform(post("/password-reset/{token}", token).with(csrf()).param("password", NEW_PASSWORD));

        assertThat(page).contains("This link has expired or has already been used.", "Ask for a new link");
        assertThat(stores.signInRedirect(store.owner().email(), Stores.PASSWORD)).isEqualTo("/");
    }

    @Test
    void anUnknownEmailGetsTheSameAnswerAndNoEmail() throws Exception {
        String stranger = Stores.uniqueEmail("nobody");
        Stores.Store store = stores.open("Juniper Lane");

        MvcResult unknown = mvc.perform(post("/password-reset").with(csrf()).param("email", stranger)).andReturn();
        MvcResult known = mvc.perform(post("/password-reset").with(csrf()).param("email", store.owner().email()))
            .andReturn();

        assertThat(unknown.getResponse().getRedirectedUrl()).isEqualTo(known.getResponse().getRedirectedUrl());
        assertThat(followFlash(unknown).replace(stranger, "EMAIL"))
            .isEqualTo(followFlash(known).replace(store.owner().email(), "EMAIL"));
        Inbox.single(store.owner().email());
        assertThat(Inbox.of(stranger)).isEmpty();
    }

    @Test
    void theEmailMustLookLikeOne() throws Exception {
        MvcResult result = mvc.perform(post("/password-reset").with(csrf()).param("email", "not an email"))
            .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(result.getResponse().getContentAsString()).contains("Enter a valid email address.");
    }

    /** The page a redirect leads to, with the flash attributes it carried. */
    private String followFlash(MvcResult redirect) throws Exception {
        MvcResult next = mvc.perform(get(redirect.getResponse().getRedirectedUrl()).flashAttrs(redirect.getFlashMap()))
            .andReturn();
        assertThat(next.getResponse().getStatus()).isEqualTo(200);
        return next.getResponse().getContentAsString();
    }

    private String page(MockHttpSession session, String path) throws Exception {
        return stores.page(session, path);
    }
}
