package dev.magpie.content.internal;

import java.util.Map;
import java.util.UUID;

import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.Profiles;
import dev.magpie.testing.Marketers;
import dev.magpie.testing.Marketers.Marketer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The template pages: a template created from each starter; the editor saving a change as a new version; a
 * template that does not parse shown with its line and column next to the field and nothing lost; the preview for
 * a real profile of the account; a template deleted.
 */
@SpringBootTest
@AutoConfigureMockMvc
class TemplatePagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Profiles profiles;

    @Autowired
    TemplateCatalog catalog;

    Marketers marketers;

    Marketer owner;

    @BeforeEach
    void signUp() throws Exception {
        marketers = new Marketers(mvc);
        owner = marketers.signUp("Page Teas");
    }

    @Test
    void everyStarterMakesATemplateThatPreviewsForARealProfile() throws Exception {
        String email = "mei-" + UUID.randomUUID().toString().substring(0, 8) + "@tea.example";
        profiles.upsert(owner.accountId(), new ProfileAttributes(new Identifiers(email, null, null, null), "Mei",
                "Lin", null, null, null, null, Map.of(), null));
        assertThat(marketers.page(owner, "/templates")).contains("No templates yet").contains("Abandoned cart");
        for (String starter : new String[] { "welcome", "newsletter", "product-promotion", "abandoned-cart" }) {
            String id = create(starter + " mail", starter);
            String editor = marketers.page(owner, "/templates/" + id);
            assertThat(editor).contains(starter + " mail").contains("{{ first_name");
            EmailTemplate template = catalog.find(owner.accountId(), id).orElseThrow();
            String preview = mvc.perform(post("/templates/" + id + "/preview").session(owner.session()).with(csrf())
                .param("subject", template.subject())
                .param("html", template.html())
                .param("text", "")
                .param("profileEmail", email)).andReturn().getResponse().getContentAsString();
            assertThat(preview).as(starter).contains("For " + email).contains("Mei").contains("srcdoc=")
                .contains("unsubscribe.invalid").doesNotContain("preview-error");
        }
        assertThat(marketers.page(owner, "/templates")).contains("welcome mail").contains("abandoned-cart mail");
    }

    @Test
    void savingKeepsVersionsAndATemplateThatDoesNotParseIsShownNextToTheField() throws Exception {
        String id = create("Hello", "blank");
        MvcResult saved = save(id, "Hello again", "<p>Hi {{ first_name }}</p>");
        assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/templates/" + id);
        String editor = marketers.page(owner, "/templates/" + id);
        assertThat(editor).contains("Hello again").contains("Version 2").contains("Version 1, saved");

        MvcResult refused = save(id, "Broken", "<p>Hi</p>\n<p>{% if first_name %}x</p>");
        String page = refused.getResponse().getContentAsString();
        assertThat(refused.getResponse().getStatus()).isEqualTo(200);
        assertThat(page).contains("id=\"html-error\"").contains("Line 2, column")
            .contains("{% if first_name %}x");
        EmailTemplate unchanged = catalog.find(owner.accountId(), id).orElseThrow();
        assertThat(unchanged.name()).isEqualTo("Hello again");
        assertThat(unchanged.version()).isEqualTo(2);

        String preview = mvc.perform(post("/templates/" + id + "/preview").session(owner.session()).with(csrf())
            .param("html", "{{ oops")).andReturn().getResponse().getContentAsString();
        assertThat(preview).contains("preview-error").contains("Line 1, column");
    }

    @Test
    void aNameIsNeededAndATemplateCanBeDeleted() throws Exception {
        String page = mvc.perform(post("/templates").session(owner.session()).with(csrf()).param("name", " ")
            .param("starter", "welcome")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("A template needs a name.");
        String id = create("Short-lived", "newsletter");
        assertThat(marketers.page(owner, "/templates/" + id + "/delete")).contains("Delete the template Short-lived?");
        mvc.perform(post("/templates/" + id + "/delete").session(owner.session()).with(csrf()));
        assertThat(marketers.status(owner, "/templates/" + id)).isEqualTo(404);
    }

    private String create(String name, String starter) throws Exception {
        String location = mvc.perform(post("/templates").session(owner.session()).with(csrf()).param("name", name)
            .param("starter", starter)).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/templates/");
        return location.substring("/templates/".length());
    }

    private MvcResult save(String id, String name, String html) throws Exception {
        return mvc.perform(post("/templates/" + id).session(owner.session()).with(csrf()).param("name", name)
            .param("subject", "Hi").param("html", html).param("text", "")).andReturn();
    }
}
