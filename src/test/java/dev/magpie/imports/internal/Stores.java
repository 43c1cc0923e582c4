package dev.magpie.imports.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import dev.magpie.shared.Ids;
import dev.magpie.tenancy.CurrentMember;
import dev.magpie.tenancy.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Stores for the imports tests: signed up through the sign-up page, their API keys created on the API keys page;
 * teammates in other roles are written straight into the memberships table (inviting them by email is tenancy's
 * own test), then sign in through the sign-in form.
 */
final class Stores {

    private static final String PASSWORD = "store-password-1";

    private final MockMvc mvc;

    private final JdbcTemplate jdbc;

    private final PasswordEncoder passwords;

    Stores(MockMvc mvc, JdbcTemplate jdbc, PasswordEncoder passwords) {
        this.mvc = mvc;
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    /** A new store, its owner signed in. */
    Store open(String name) throws Exception {
        String email = unique("owner");
        MvcResult signedUp = mvc.perform(post("/signup").session(new MockHttpSession()).with(csrf())
            .param("accountName", name)
            .param("name", "Owner of " + name)
            .param("email", email)
            .param("password", PASSWORD)).andReturn();
        assertThat(signedUp.getResponse().getRedirectedUrl()).as("sign-up of " + name).isEqualTo("/");
        MockHttpSession session = (MockHttpSession) signedUp.getRequest().getSession(false);
        CurrentMember member = (CurrentMember) mvc.perform(get("/").session(session))
            .andReturn()
            .getModelAndView()
            .getModel()
            .get("member");
        return new Store(member.accountId(), name, session);
    }

    /** A teammate of {@code store} with {@code role}, signed in. */
    MockHttpSession member(Store store, Role role) throws Exception {
        String email = unique(role.name().toLowerCase(Locale.ROOT));
        String userId = Ids.newId();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)", userId,
                email, role.name() + " of " + store.name(), passwords.encode(PASSWORD), now);
        jdbc.update("INSERT INTO memberships (id, account_id, user_id, role, created_at) VALUES (?, ?, ?, ?, ?)",
                Ids.newId(), store.accountId(), userId, role.name(), now);
        MvcResult signedIn = mvc.perform(formLogin("/signin").user("email", email).password(PASSWORD)).andReturn();
        assertThat(signedIn.getResponse().getRedirectedUrl()).as("sign-in of " + email).isEqualTo("/");
        return (MockHttpSession) signedIn.getRequest().getSession(false);
    }

    /** A new private key of {@code store} with {@code access} ("read" or "write") to profiles only. */
    String apiKey(Store store, String access) throws Exception {
        var request = post("/settings/api-keys").session(store.owner()).with(csrf()).param("name", "Key " + access);
        for (String resource : new String[] { "accounts", "profiles", "events", "metrics", "lists", "segments",
                "templates", "campaigns", "flows" }) {
            request.param("access[" + resource + "]", resource.equals("profiles") ? access : "none");
        }
        MvcResult created = mvc.perform(request).andReturn();
        String key = (String) created.getFlashMap().get("newKey");
        assertThat(key).as("new API key").startsWith("pk_");
        return key;
    }

    private static String unique(String label) {
        return label + "-" + UUID.randomUUID() + "@store.example";
    }

    /** A store and its owner's session. */
    record Store(String accountId, String name, MockHttpSession owner) {
    }
}
