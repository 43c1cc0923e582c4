package dev.magpie.campaigns.internal;

import java.util.List;

import dev.magpie.audiences.ListDirectory;
import dev.magpie.campaigns.Campaign;
import dev.magpie.campaigns.CampaignStatus;
import dev.magpie.campaigns.SendStrategy;
import dev.magpie.devengines.LocalSmtp;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Every route of the wizard and of the campaign page's actions is the signed-in account's only: another account's
 * campaign is a 404 on each, and another account's list, segment, template or profile is refused by the field on
 * the marketer's own draft; in every case nothing changes on either side.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CampaignWizardCrossTenantTests {

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

    Marketer a;

    Marketer b;

    Store storeB;

    CampaignFixtures fixtures;

    String draftA;

    String listB;

    String segmentB;

    String templateB;

    String emailB;

    Campaign campaignB;

    @BeforeEach
    void twoStores() throws Exception {
        Marketers marketers = new Marketers(mvc);
        a = marketers.signUp("Alder Cross");
        b = marketers.signUp("Beech Cross");
        storeB = WizardAccounts.apiOf(mvc, b);
        fixtures = new CampaignFixtures(new ApiStores(mvc, json), profiles, lists, context);
        listB = fixtures.list(storeB, "Beech regulars");
        emailB = "bea-" + System.nanoTime() + "@beech.example";
        fixtures.add(storeB, listB, fixtures.profile(storeB, emailB, Consent.State.SUBSCRIBED, "gold"));
        segmentB = fixtures.tierSegment(storeB, "Beech gold", "gold");
        templateB = fixtures.template(storeB, "Beech news");
        campaignB = catalog.create(b.accountId(), new CampaignSettings("Beech sale", List.of(listB), List.of(),
                SendStrategy.IMMEDIATE, null, null, true, 16), new MessageContent("Beech", "Sale", null, null, null,
                        null), templateB);
        draftA = send(a, post("/campaigns/new").param("name", "Alder sale")).getRedirectedUrl().split("/")[2];
    }

    @Test
    void anotherAccountsCampaignIsNotFoundOnEveryRoute() throws Exception {
        String id = campaignB.id();
        for (String step : List.of("name", "audience", "content", "test", "schedule", "review")) {
            assertThat(send(a, get("/campaigns/" + id + "/edit/" + step)).getStatus()).as(step).isEqualTo(404);
        }
        List<MockHttpServletRequestBuilder> posts = List.of(
                post("/campaigns/" + id + "/edit/name").param("name", "Taken"),
                post("/campaigns/" + id + "/edit/audience").param("included", listB),
                post("/campaigns/" + id + "/edit/audience/count").param("included", listB),
                post("/campaigns/" + id + "/edit/content").param("templateId", templateB).param("subject", "Taken"),
                post("/campaigns/" + id + "/edit/content/preview").param("templateId", templateB),
                post("/campaigns/" + id + "/edit/test").param("to", "thief@alder.example"),
                post("/campaigns/" + id + "/edit/schedule").param("timing", "now"),
                post("/campaigns/" + id + "/edit/send"),
                post("/campaigns/" + id + "/cancel"),
                post("/campaigns/" + id + "/clone"));
        int campaignsOfA = catalog.all(a.accountId()).size();
        for (MockHttpServletRequestBuilder request : posts) {
            MockHttpServletResponse response = send(a, request);
            assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(404);
        }
        Campaign unchanged = catalog.find(b.accountId(), id).orElseThrow();
        assertThat(unchanged.name()).isEqualTo("Beech sale");
        assertThat(unchanged.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(unchanged.message().subject()).isEqualTo("Sale");
        assertThat(catalog.all(a.accountId())).hasSize(campaignsOfA);
        assertThat(catalog.all(b.accountId())).hasSize(1);
        assertThat(LocalSmtp.inbox().orElseThrow().all()).noneMatch(mail -> mail.to().contains("thief@alder.example"));
    }

    @Test
    void anotherAccountsListsSegmentsTemplatesAndProfilesAreRefused() throws Exception {
        for (String audience : List.of(listB, segmentB)) {
            String included = send(a, post("/campaigns/" + draftA + "/edit/audience").param("included", audience))
                .getContentAsString();
            assertThat(included).contains("id=\"audience-error\"").contains("no list or segment with id");
            String excluded = send(a, post("/campaigns/" + draftA + "/edit/audience").param("excluded", audience))
                .getContentAsString();
            assertThat(excluded).contains("id=\"audience-error\"");
            String count = send(a, post("/campaigns/" + draftA + "/edit/audience/count").param("included", audience))
                .getContentAsString();
            assertThat(count).contains("id=\"audience-count-error\"").doesNotContain("data-count");
        }
        String content = send(a, post("/campaigns/" + draftA + "/edit/content").param("templateId", templateB)
            .param("subject", "Hi")).getContentAsString();
        assertThat(content).contains("id=\"templateId-error\"");
        String preview = send(a, post("/campaigns/" + draftA + "/edit/content/preview").param("templateId", templateB))
            .getContentAsString();
        assertThat(preview).contains("id=\"preview-problem\"").doesNotContain("preview-frame");
        // B's profile is no profile of A's: the test is refused by the field
        String test = send(a, post("/campaigns/" + draftA + "/edit/test").param("to", "qa@alder.example")
            .param("profileEmail", emailB)).getContentAsString();
        assertThat(test).contains("id=\"profileEmail-error\"");

        Campaign unchanged = catalog.find(a.accountId(), draftA).orElseThrow();
        assertThat(unchanged.included()).isEmpty();
        assertThat(unchanged.excluded()).isEmpty();
        assertThat(unchanged.message().templateId()).isNull();
        assertThat(unchanged.message().subject()).isNull();
        assertThat(LocalSmtp.inbox().orElseThrow().all()).noneMatch(mail -> mail.to().contains("qa@alder.example"));
    }

    private MockHttpServletResponse send(Marketer marketer, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.session(marketer.session()).with(csrf())).andReturn().getResponse();
    }
}
