package dev.magpie.tenancy.internal;

import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.tenancy.AccountView;
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

/** The account settings and "your profile" pages, as an owner and a member use them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class SettingsPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountRegistrar registrar;

    @Autowired
    UserRepository users;

    @Autowired
    MembershipRepository memberships;

    @Autowired
    AccountDirectory accounts;

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
    void anOwnerSavesTheAccountsSettings() throws Exception {
        Stores.Store store = stores.open("Yarrow Yarns");
        MockHttpSession owner = stores.signIn(store.owner(), store);
        assertThat(stores.page(owner, "/settings/account")).contains("Yarrow Yarns", "Europe/Berlin", "USD");

        MvcResult saved = mvc.perform(post("/settings/account").session(owner).with(csrf())
            .param("name", "Yarrow & Yew")
            .param("timezone", "Europe/Berlin")
            .param("currency", "eur")
            .param("websiteUrl", "https://yarrow.example")
            .param("senderName", "Yarrow team")
            .param("senderEmail", "hello@yarrow.example")).andReturn();

        assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/settings/account");
        assertThat(saved.getFlashMap().get("flashCode")).isEqualTo("account-settings.saved");
        AccountView account = accounts.find(store.accountId()).orElseThrow();
        assertThat(account.name()).isEqualTo("Yarrow & Yew");
        assertThat(account.timezone()).isEqualTo("Europe/Berlin");
        assertThat(account.currency()).isEqualTo("EUR");
        assertThat(account.websiteUrl()).isEqualTo("https://yarrow.example");
        assertThat(account.senderName()).isEqualTo("Yarrow team");
        assertThat(account.senderEmail()).isEqualTo("hello@yarrow.example");
        assertThat(stores.page(owner, "/")).contains("Yarrow &amp; Yew");
    }

    @Test
    void invalidSettingsAreExplainedNextToTheirFieldsAndNotSaved() throws Exception {
        Stores.Store store = stores.open("Zinnia Zone");
        MockHttpSession owner = stores.signIn(store.owner(), store);

        MvcResult refused = mvc.perform(post("/settings/account").session(owner).with(csrf())
            .param("name", "")
            .param("timezone", "Mars/Olympus_Mons")
            .param("currency", "ZZZ")
            .param("websiteUrl", "ftp://zinnia.example")
            .param("senderEmail", "not-an-email")).andReturn();

        assertThat(refused.getResponse().getStatus()).isEqualTo(200);
        assertThat(refused.getResponse().getContentAsString()).contains("This field is required.",
                "Choose a time zone from the list.", "Enter a three-letter ISO 4217 currency code",
                "Enter a web address starting with http:// or https://.", "Enter a valid email address.");
        AccountView account = accounts.find(store.accountId()).orElseThrow();
        assertThat(account.name()).isEqualTo("Zinnia Zone");
        assertThat(account.currency()).isEqualTo("USD");
    }

    @Test
    void aMemberRenamesThemselvesAndSeesTheNewNameAtOnce() throws Exception {
        Stores.Store store = stores.open("Alder Apparel");
        MockHttpSession owner = stores.signIn(store.owner(), store);

        mvc.perform(post("/settings/profile").session(owner).with(csrf()).param("name", "Alex Alder"));

        assertThat(stores.page(owner, "/")).contains("Welcome, Alex Alder");
        assertThat(transactions.asRoot(() -> users.findById(store.owner().userId()).orElseThrow().name()))
            .isEqualTo("Alex Alder");
    }

    @Test
    void changingThePasswordNeedsTheCurrentOne() throws Exception {
        Stores.Store store = stores.open("Bramble Books");
        MockHttpSession owner = stores.signIn(store.owner(), store);

        MvcResult wrong = mvc.perform(post("/settings/profile/password").session(owner).with(csrf())
            .param("currentPassword", "not-my-password")
            .param("newPassword", "a-better-password-3")).andReturn();
        MvcResult tooShort = mvc.perform(post("/settings/profile/password").session(owner).with(csrf())
            .param("currentPassword", Stores.PASSWORD)
            .param("newPassword", "short")).andReturn();

        assertThat(wrong.getResponse().getContentAsString()).contains("This is not your current password.");
        assertThat(tooShort.getResponse().getContentAsString()).contains("Use at least 10 characters.");
        assertThat(stores.signInRedirect(store.owner().email(), Stores.PASSWORD)).isEqualTo("/");

        MvcResult changed = mvc.perform(post("/settings/profile/password").session(owner).with(csrf())
            .param("currentPassword", Stores.PASSWORD)
            .param("newPassword", "a-better-password-3")).andReturn();

        assertThat(changed.getFlashMap().get("flashCode")).isEqualTo("profile.password-changed");
        assertThat(stores.signInRedirect(store.owner().email(), Stores.PASSWORD)).isEqualTo("/signin?error");
        assertThat(stores.signInRedirect(store.owner().email(), "a-better-password-3")).isEqualTo("/");
        assertThat(stores.page(owner, "/settings/profile")).contains("Your profile");
    }
}
