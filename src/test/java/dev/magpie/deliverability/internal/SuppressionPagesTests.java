package dev.magpie.deliverability.internal;


import dev.magpie.deliverability.SuppressionReason;
import dev.magpie.deliverability.Suppressions;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.Profiles;
import dev.magpie.shared.Ids;
import dev.magpie.testing.Marketers;
import dev.magpie.testing.Marketers.Marketer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The suppressions page as marketers use it: adding by hand with the error next to the field, the list with the
 * profile linked, search, paging and removal, which leaves consent alone; and another account's owner can neither
 * see nor remove this account's suppressions.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SuppressionPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Suppressions suppressions;

    @Autowired
    Profiles profiles;

    Marketers marketers;

    Marketer a;

    Marketer b;

    @BeforeEach
    void stores() throws Exception {
        marketers = new Marketers(mvc);
        a = marketers.signUp("Alder Suppressions");
        b = marketers.signUp("Beech Suppressions");
    }

    @Test
    void addSeeSearchAndRemoveAnAddress() throws Exception {
        String email = "manual-" + Ids.newId().toLowerCase() + "@example.com";
        Profile profile = profiles.upsert(a.accountId(), ProfileAttributes.of(new Identifiers(email, null, null,
                null))).profile();

        MockHttpServletResponse bad = add(a, "not-an-address");
        assertThat(bad.getStatus()).isEqualTo(200);
        assertThat(bad.getContentAsString()).contains("id=\"email-error\"").contains("This is not an email address.")
            .contains("value=\"not-an-address\"");
        assertThat(add(a, "  ").getContentAsString()).contains("Enter the email address to suppress.");

        MockHttpServletResponse added = add(a, email.toUpperCase());
        assertThat(added.getRedirectedUrl()).isEqualTo("/suppressions");
        assertThat(suppressions.find(a.accountId(), email)).hasValueSatisfying(suppression -> {
            assertThat(suppression.reason()).isEqualTo(SuppressionReason.MANUAL);
            assertThat(suppression.detail()).isEqualTo("Added by " + a.email());
        });

        String page = marketers.page(a, "/suppressions");
        assertThat(page).contains(email).contains("Added by hand").contains("/profiles/" + profile.id())
            .contains("does not subscribe its profile again");
        assertThat(marketers.page(a, "/suppressions?q=" + email.toUpperCase())).contains(email);
        assertThat(marketers.page(a, "/suppressions?q=nobody@example.com")).contains("No suppression for")
            .doesNotContain(email);

        MockHttpServletResponse removed = mvc.perform(post("/suppressions/remove").session(a.session()).with(csrf())
            .param("email", email)).andReturn().getResponse();
        assertThat(removed.getRedirectedUrl()).isEqualTo("/suppressions");
        assertThat(suppressions.isSuppressed(a.accountId(), email)).isFalse();
        assertThat(marketers.page(a, "/suppressions")).doesNotContain(email).contains("No address is suppressed.");
        assertThat(mvc.perform(post("/suppressions/remove").session(a.session()).with(csrf()).param("email", email))
            .andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void pagesFollowOneAnother() throws Exception {
        for (int i = 0; i < SuppressionPagesController.PAGE_SIZE + 3; i++) {
            suppressions.suppress(a.accountId(), "paged-" + i + "@example.com", SuppressionReason.BOUNCED, "m-" + i,
                    "550 no such user");
        }

        String first = marketers.page(a, "/suppressions");
        assertThat(first).contains("id=\"suppressions-next\"").contains("550 no such user");
        String next = first.replaceAll("(?s).*id=\"suppressions-next\"\\s+href=\"([^\"]+)\".*", "$1")
            .replace("&amp;", "&");
        assertThat(next).startsWith("/suppressions?after=");
        String second = marketers.page(a, next);
        int firstRows = first.split("class=\"suppression-row\"").length - 1;
        int secondRows = second.split("class=\"suppression-row\"").length - 1;
        assertThat(firstRows).isEqualTo(SuppressionPagesController.PAGE_SIZE);
        assertThat(secondRows).isEqualTo(3);
        assertThat(second).doesNotContain("id=\"suppressions-next\"").contains("id=\"suppressions-first\"");
    }

    @Test
    void anotherAccountCannotSeeNorRemoveTheseSuppressions() throws Exception {
        String email = "private-" + Ids.newId().toLowerCase() + "@example.com";
        add(a, email);
        assertThat(suppressions.isSuppressed(a.accountId(), email)).isTrue();

        assertThat(marketers.page(b, "/suppressions")).doesNotContain(email);
        assertThat(marketers.page(b, "/suppressions?q=" + email)).doesNotContain("data-email=\"" + email);
        assertThat(mvc.perform(post("/suppressions/remove").session(b.session()).with(csrf()).param("email", email))
            .andReturn().getResponse().getStatus()).isEqualTo(404);

        assertThat(suppressions.find(a.accountId(), email)).hasValueSatisfying(
                suppression -> assertThat(suppression.reason()).isEqualTo(SuppressionReason.MANUAL));
        assertThat(suppressions.isSuppressed(b.accountId(), email)).isFalse();
        assertThat(marketers.page(a, "/suppressions")).contains(email);
    }

    @Test
    void signedOutVisitorsAreSentToSignIn() throws Exception {
        assertThat(mvc.perform(get("/suppressions")).andReturn().getResponse().getRedirectedUrl())
            .endsWith("/signin");
        assertThat(mvc.perform(post("/suppressions").with(csrf()).param("email", "x@example.com")).andReturn()
            .getResponse().getStatus()).isEqualTo(302);
        assertThat(mvc.perform(post("/suppressions").session(a.session()).param("email", "x@example.com"))
            .andReturn().getResponse().getStatus()).as("no CSRF token").isEqualTo(403);
        assertThat(suppressions.isSuppressed(a.accountId(), "x@example.com")).isFalse();
    }

    private MockHttpServletResponse add(Marketer marketer, String email) throws Exception {
        return mvc.perform(post("/suppressions").session(marketer.session()).with(csrf()).param("email", email))
            .andReturn()
            .getResponse();
    }
}
