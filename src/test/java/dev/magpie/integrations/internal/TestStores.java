package dev.magpie.integrations.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.Event;
import dev.magpie.profiles.IdentifierKind;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.Profiles;
import dev.magpie.shared.Ids;
import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.tenancy.TenantContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Stores for the integration tests: signed up through the sign-up page, connected through the integration pages,
 * and read back through the profiles and activity modules' public APIs.
 */
public final class TestStores {

    /** How long deliveries may take to pass through the queue and be stored. */
    public static final Duration PROCESSING = Duration.ofSeconds(30);

    private final MockMvc mvc;

    private final AccountDirectory accounts;

    private final Connections connections;

    private final Profiles profiles;

    private final ActivityQueries activity;

    private final JdbcTemplate jdbc;

    public TestStores(MockMvc mvc, AccountDirectory accounts, Connections connections, Profiles profiles,
            ActivityQueries activity, JdbcTemplate jdbc) {
        this.mvc = mvc;
        this.accounts = accounts;
        this.connections = connections;
        this.profiles = profiles;
        this.activity = activity;
        this.jdbc = jdbc;
    }

    /** A new store, signed up by its owner, who stays signed in. */
    public Store open(String name) throws Exception {
        String email = "owner-" + Ids.newId().toLowerCase(Locale.ROOT) + "@example.com";
        MvcResult result = mvc.perform(post("/signup").session(new MockHttpSession()).with(csrf())
            .param("accountName", name)
            .param("name", "Owner of " + name)
            .param("email", email)
            .param("password", "store-password-1")).andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).as("sign-up of " + name).isEqualTo("/");
        MockHttpSession session = (MockHttpSession) result.getRequest().getSession(false);
        String accountId = (String) session.getAttribute("magpie.accountId");
        return new Store(accountId, name, accounts.find(accountId).orElseThrow().publicApiKey(), session);
    }

    /** Gives the store's owner another role, as if the team page had. */
    public void demote(Store store, String role) {
        jdbc.update("update memberships set role = ? where account_id = ?", role, store.accountId());
    }

    /** Connects {@code platform} through the integration pages, as the store's owner would. */
    public Link connect(Store store, Platform platform) throws Exception {
        MvcResult result = mvc.perform(post("/integrations/" + platform.slug()).session(store.session())
            .with(csrf())
            .param("name", store.name() + " " + platform.slug())).andReturn();
        String location = result.getResponse().getRedirectedUrl();
        assertThat(location).as("connecting " + platform).startsWith("/integrations/" + platform.slug() + "/");
        String id = location.substring(location.lastIndexOf('/') + 1);
        ConnectionView view = inAccount(store, () -> connections.find(platform, id)).orElseThrow();
        return new Link(id, view.signingSecret(), (String) result.getFlashMap().get("newWriteKey"));
    }

    /** The store's profile with this email, once it is there. */
    public Profile awaitProfile(Store store, String email) {
        return await().atMost(PROCESSING).until(() -> profile(store, email), Optional::isPresent).orElseThrow();
    }

    /** The store's profile with this email, if there is one now. */
    public Optional<Profile> profile(Store store, String email) {
        return profiles.findBy(store.accountId(), IdentifierKind.EMAIL, email);
    }

    /** The store's profile with this identifier, if there is one now. */
    public Optional<Profile> profile(Store store, IdentifierKind kind, String value) {
        return profiles.findBy(store.accountId(), kind, value);
    }

    /** The profile's events, newest first. */
    public List<Event> timeline(Store store, String profileId) {
        return activity.timeline(store.accountId(), profileId, Optional.empty(), 100).events();
    }

    /** The timeline of the profile with this email, once it holds {@code count} events. */
    public List<Event> awaitTimeline(Store store, String email, int count) {
        return await().atMost(PROCESSING).until(() -> profile(store, email).map(p -> timeline(store, p.id()))
            .orElse(List.of()), events -> events.size() >= count);
    }

    private static <T> T inAccount(Store store, Supplier<T> work) {
        return TenantContext.callInAccount(store.accountId(), work);
    }

    /** A store (an account), its public site key, and its owner's signed-in session. */
    public record Store(String accountId, String name, String siteKey, MockHttpSession session) {
    }

    /** A connection: its id, its signing secret, and for Segment the write key shown once. */
    public record Link(String id, String secret, String writeKey) {
    }
}
