package dev.magpie.testing;

import java.util.Locale;
import java.util.UUID;

import dev.magpie.tenancy.CurrentMember;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Stores signed up through the sign-up page, and their owners' signed-in sessions, for tests of the UI. */
public final class Marketers {

    /** Every owner's password, for tests that sign in again (in a browser, say). */
    public static final String PASSWORD = "store-password-1";

    private final MockMvc mvc;

    public Marketers(MockMvc mvc) {
        this.mvc = mvc;
    }

    /** A new store's owner, signed in; the session works in the new account. */
    public Marketer signUp(String storeName) throws Exception {
        return signUp(storeName, "owner-" + UUID.randomUUID().toString().toLowerCase(Locale.ROOT) + "@store.example");
    }

    /** A new store whose owner signs up with {@code email} and {@link #PASSWORD}, signed in. */
    public Marketer signUp(String storeName, String email) throws Exception {
        MvcResult signedUp = mvc.perform(post("/signup").session(new MockHttpSession()).with(csrf())
            .param("accountName", storeName)
            .param("name", "Owner of " + storeName)
            .param("email", email)
            .param("password", PASSWORD)).andReturn();
        assertThat(signedUp.getResponse().getRedirectedUrl()).as("sign-up of " + storeName).isEqualTo("/");
        MockHttpSession session = (MockHttpSession) signedUp.getRequest().getSession(false);
        MvcResult home = mvc.perform(get("/").session(session)).andReturn();
        CurrentMember member = (CurrentMember) home.getModelAndView().getModel().get("member");
        return new Marketer(member.accountId(), session, email);
    }

    /** The page at {@code path} as {@code marketer} sees it; fails the test unless it is a 200. */
    public String page(Marketer marketer, String path) throws Exception {
        MvcResult result = mvc.perform(get(path).session(marketer.session())).andReturn();
        assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }

    /** The status {@code path} answers {@code marketer} with. */
    public int status(Marketer marketer, String path) throws Exception {
        return mvc.perform(get(path).session(marketer.session())).andReturn().getResponse().getStatus();
    }

    /** A store's owner, signed in, and the email the owner signs in with (password {@link #PASSWORD}). */
    public record Marketer(String accountId, MockHttpSession session, String email) {
    }
}
