package dev.magpie.campaigns.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

import dev.magpie.audiences.ListDirectory;
import dev.magpie.campaigns.Campaign;
import dev.magpie.campaigns.CampaignStatus;
import dev.magpie.campaigns.SendStrategy;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.Profiles;
import dev.magpie.testing.ApiStores;
import dev.magpie.testing.ApiStores.Store;
import dev.magpie.testing.Marketers;
import dev.magpie.testing.Marketers.Marketer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The wizard refuses what cannot be saved with a message by the field, keeps what was entered and stores nothing;
 * it saves each valid step on the draft; it edits only drafts; and its review refuses to send what is not ready.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CampaignWizardPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    CampaignCatalog catalog;

    @Autowired
    Profiles profiles;

    @Autowired
    ListDirectory lists;

    @Autowired
    ApplicationContext context;

    Marketers marketers;

    Marketer a;

    Store store;

    CampaignFixtures fixtures;

    String list;

    String draft;

    @BeforeEach
    void draft() throws Exception {
        marketers = new Marketers(mvc);
        a = marketers.signUp("Alder Wizard");
        store = WizardAccounts.apiOf(mvc, a);
        fixtures = new CampaignFixtures(new ApiStores(mvc, json), profiles, lists, context);
        list = fixtures.list(store, "Regulars");
        fixtures.add(store, list, fixtures.profile(store, "ann-" + System.nanoTime() + "@alder.example",
                Consent.State.SUBSCRIBED, null));
        MockHttpServletResponse created = send(post("/campaigns/new").param("name", "Autumn news"));
        assertThat(created.getRedirectedUrl()).matches("/campaigns/[^/]+/edit/audience");
        draft = created.getRedirectedUrl().split("/")[2];
    }

    @Test
    void theNameIsRequired() throws Exception {
        int before = catalog.all(a.accountId()).size();
        String page = send(post("/campaigns/new").param("name", "  ")).getContentAsString();
        assertThat(page).contains("id=\"name-error\"").contains("A campaign needs a name.");
        String tooLong = send(post("/campaigns/" + draft + "/edit/name").param("name", "x".repeat(256)))
            .getContentAsString();
        assertThat(tooLong).contains("id=\"name-error\"").contains("x".repeat(256));
        assertThat(catalog.all(a.accountId())).hasSize(before);
        assertThat(campaign().name()).isEqualTo("Autumn news");
        assertThat(send(post("/campaigns/" + draft + "/edit/name").param("name", "Winter news")).getRedirectedUrl())
            .endsWith("/edit/audience");
        assertThat(campaign().name()).isEqualTo("Winter news");
    }

    @Test
    void theAudienceNeedsAnIncludedListAndNotTheSameOneLeftOut() throws Exception {
        String none = send(post("/campaigns/" + draft + "/edit/audience")).getContentAsString();
        assertThat(none).contains("id=\"audience-error\"").contains("Choose at least one list or segment");
        String both = send(post("/campaigns/" + draft + "/edit/audience").param("included", list)
            .param("excluded", list)).getContentAsString();
        assertThat(both).contains("id=\"audience-error\"").contains("both sent to and left out")
            .containsPattern("id=\"include-" + list + "\"[^>]*checked");
        assertThat(campaign().included()).isEmpty();

        String count = send(post("/campaigns/" + draft + "/edit/audience/count").param("included", list))
            .getContentAsString();
        assertThat(count).contains("data-count=\"1\"");
        assertThat(campaign().included()).as("counting saves nothing").isEmpty();

        assertThat(send(post("/campaigns/" + draft + "/edit/audience").param("included", list)).getRedirectedUrl())
            .endsWith("/edit/content");
        assertThat(campaign().included()).containsExactly(list);
    }

    @Test
    void anUnparsableSubjectOrAMalformedAddressIsShownByItsFieldAndNothingIsStored() throws Exception {
        String template = fixtures.template(store, "Autumn");
        String page = send(post("/campaigns/" + draft + "/edit/content").param("templateId", template)
            .param("subject", "Hi {% if first_name %}").param("fromEmail", "news@alder.example")
            .param("replyToEmail", "not-an-address").param("previewText", "Fresh")).getContentAsString();
        assertThat(page).contains("id=\"subject-error\"").contains("Line 1, column")
            .contains("id=\"replyToEmail-error\"").contains("value=\"news@alder.example\"")
            .contains("value=\"Hi {% if first_name %}\"");
        Campaign unchanged = campaign();
        assertThat(unchanged.message().subject()).isNull();
        assertThat(unchanged.message().templateId()).isNull();

        String empty = send(post("/campaigns/" + draft + "/edit/content").param("templateId", template))
            .getContentAsString();
        assertThat(empty).contains("id=\"subject-error\"").contains("needs a subject");

        assertThat(send(post("/campaigns/" + draft + "/edit/content").param("templateId", template)
            .param("subject", "Hi {{ first_name }}").param("fromEmail", "news@alder.example")
            .param("replyToEmail", "help@alder.example")).getRedirectedUrl()).endsWith("/edit/test");
        Campaign saved = campaign();
        assertThat(saved.message().subject()).isEqualTo("Hi {{ first_name }}");
        assertThat(saved.message().templateId()).isEqualTo(template);
        assertThat(saved.message().replyToEmail()).isEqualTo("help@alder.example");

        String preview = send(post("/campaigns/" + draft + "/edit/content/preview").param("templateId", template)
            .param("subject", "Hi {{ first_name | default: 'friend' }}")).getContentAsString();
        assertThat(preview).contains("id=\"preview-subject\">Hi Jane<").contains("id=\"preview-frame\"");
    }

    @Test
    void aTestNeedsAnAddressATemplateAndAKnownProfile() throws Exception {
        String bad = send(post("/campaigns/" + draft + "/edit/test").param("to", "nobody")).getContentAsString();
        assertThat(bad).contains("id=\"to-error\"").contains("not an email address").contains("value=\"nobody\"");
        String unknown = send(post("/campaigns/" + draft + "/edit/test").param("to", "qa@alder.example")
            .param("profileEmail", "ghost@alder.example")).getContentAsString();
        assertThat(unknown).contains("id=\"profileEmail-error\"");
        String noTemplate = send(post("/campaigns/" + draft + "/edit/test").param("to", "qa@alder.example"))
            .getContentAsString();
        assertThat(noTemplate).contains("id=\"test-send-error\"").contains("no template");
    }

    @Test
    void theScheduleIsCheckedAndStoredInTheRightZone() throws Exception {
        String path = "/campaigns/" + draft + "/edit/schedule";
        assertThat(send(post(path).param("timing", "at")).getContentAsString()).contains("id=\"date-error\"");
        assertThat(send(post(path).param("timing", "at").param("date", "2020-01-01").param("time", "10:00"))
            .getContentAsString()).contains("id=\"date-error\"").contains("has passed");
        String hours = send(post(path).param("timing", "now").param("throttle", "true").param("throttleHours", "0")
            .param("smartSending", "true").param("smartSendingHours", "200")).getContentAsString();
        assertThat(hours).contains("id=\"throttleHours-error\"").contains("id=\"smartSendingHours-error\"");
        Campaign unchanged = campaign();
        assertThat(unchanged.sendStrategy()).isEqualTo(SendStrategy.IMMEDIATE);
        assertThat(unchanged.throttleHours()).isNull();
        assertThat(unchanged.smartSending()).isTrue();
        assertThat(unchanged.smartSendingHours()).isEqualTo(16);

        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(3);
        assertThat(send(post(path).param("timing", "local").param("date", day.toString()).param("time", "08:15")
            .param("throttle", "true").param("throttleHours", "12")).getRedirectedUrl()).endsWith("/edit/review");
        Campaign local = campaign();
        assertThat(local.sendStrategy()).isEqualTo(SendStrategy.LOCAL);
        assertThat(local.sendAt()).as("the wall clock, read as UTC")
            .isEqualTo(LocalDateTime.of(day, LocalTime.of(8, 15)).toInstant(ZoneOffset.UTC));
        assertThat(local.throttleHours()).isEqualTo(12);
        assertThat(local.smartSending()).as("unchecked: off").isFalse();
        assertThat(marketers.page(a, path)).containsPattern("id=\"timing-local\"[^>]*checked")
            .contains("value=\"" + day + "\"").contains("value=\"08:15\"");
    }

    @Test
    void theReviewWarnsAndRefusesToSendWhatIsNotReady() throws Exception {
        String review = marketers.page(a, "/campaigns/" + draft + "/edit/review");
        assertThat(review).contains("id=\"warning-no-audience\"").contains("id=\"warning-no-template\"");
        String refused = send(post("/campaigns/" + draft + "/edit/send")).getContentAsString();
        assertThat(refused).contains("id=\"campaign-send-error\"").contains("no template");
        assertThat(campaign().status()).isEqualTo(CampaignStatus.DRAFT);

        String template = fixtures.template(store, "Autumn");
        send(post("/campaigns/" + draft + "/edit/audience").param("included", list));
        send(post("/campaigns/" + draft + "/edit/content").param("templateId", template).param("subject", "Hi"));
        assertThat(marketers.page(a, "/campaigns/" + draft + "/edit/review")).doesNotContain("id=\"warning-")
            .contains("data-count=\"1\"");
        assertThat(send(post("/campaigns/" + draft + "/edit/send")).getRedirectedUrl())
            .isEqualTo("/campaigns/" + draft);
        assertThat(campaign().status()).isIn(CampaignStatus.SCHEDULED, CampaignStatus.SENDING, CampaignStatus.SENT);

        // No longer a draft: the steps show the campaign's page and change nothing
        assertThat(marketers.status(a, "/campaigns/" + draft + "/edit/content")).isEqualTo(302);
        assertThat(send(post("/campaigns/" + draft + "/edit/name").param("name", "Changed")).getRedirectedUrl())
            .isEqualTo("/campaigns/" + draft);
        assertThat(campaign().name()).isEqualTo("Autumn news");
    }

    @Test
    void cancelAndCloneFromTheCampaignsPage() throws Exception {
        String template = fixtures.template(store, "Autumn");
        send(post("/campaigns/" + draft + "/edit/audience").param("included", list));
        send(post("/campaigns/" + draft + "/edit/content").param("templateId", template).param("subject", "Hi"));
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(2);
        send(post("/campaigns/" + draft + "/edit/schedule").param("timing", "at").param("date", day.toString())
            .param("time", "10:00").param("smartSending", "true").param("smartSendingHours", "16"));
        send(post("/campaigns/" + draft + "/edit/send"));
        assertThat(campaign().status()).isEqualTo(CampaignStatus.SCHEDULED);
        assertThat(campaign().sendTime()).isAfter(Instant.now());
        assertThat(marketers.page(a, "/campaigns/" + draft)).contains("id=\"campaign-cancel\"")
            .contains("id=\"campaign-clone\"").doesNotContain("id=\"campaign-edit\"");

        assertThat(send(post("/campaigns/" + draft + "/cancel")).getRedirectedUrl()).isEqualTo("/campaigns/" + draft);
        assertThat(campaign().status()).isEqualTo(CampaignStatus.CANCELLED);
        assertThat(marketers.page(a, "/campaigns/" + draft)).contains("Cancelled")
            .doesNotContain("id=\"campaign-cancel\"");
        // Cancelling again says why it cannot
        send(post("/campaigns/" + draft + "/cancel"));
        assertThat(campaign().status()).isEqualTo(CampaignStatus.CANCELLED);

        String clonePath = send(post("/campaigns/" + draft + "/clone")).getRedirectedUrl();
        assertThat(clonePath).matches("/campaigns/[^/]+/edit/name");
        Campaign clone = catalog.find(a.accountId(), clonePath.split("/")[2]).orElseThrow();
        assertThat(clone.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(clone.name()).isEqualTo("Copy of Autumn news");
        assertThat(clone.included()).containsExactly(list);
        assertThat(clone.message().templateId()).isEqualTo(template);
        assertThat(marketers.page(a, "/campaigns")).contains("Cancelled").contains("Draft")
            .contains("Copy of Autumn news");
    }

    private Campaign campaign() {
        return catalog.find(a.accountId(), draft).orElseThrow();
    }

    private MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.session(a.session()).with(csrf())).andReturn().getResponse();
    }
}
