package dev.magpie.campaigns.internal;

import java.util.List;

import dev.magpie.audiences.ListDirectory;
import dev.magpie.campaigns.Campaign;
import dev.magpie.campaigns.CampaignStatus;
import dev.magpie.campaigns.SendStrategy;
import dev.magpie.profiles.Consent.State;
import dev.magpie.profiles.Profiles;
import dev.magpie.testing.Marketers;
import dev.magpie.testing.Marketers.Marketer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The campaign pages: the list shows each campaign with its status; a campaign's page shows its audiences by name,
 * its send settings and message, and the recipient estimate once computed; another store's campaign is a 404.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CampaignPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    CampaignCatalog catalog;

    @Autowired
    Profiles profiles;

    @Autowired
    ListDirectory lists;

    Marketers marketers;

    Marketer a;

    String list;

    Campaign campaign;

    @BeforeEach
    void store() throws Exception {
        marketers = new Marketers(mvc);
        a = marketers.signUp("Alder Pages");
        String path = mvc.perform(post("/lists").session(a.session()).with(csrf()).param("name", "Regulars")
            .param("optInProcess", "SINGLE_OPT_IN")).andReturn().getResponse().getRedirectedUrl();
        list = path.substring("/lists/".length());
        String subscribed = profiles.upsert(a.accountId(), new dev.magpie.profiles.ProfileAttributes(
                new dev.magpie.profiles.Identifiers("ann@example.com", null, null, null), null, null, null, null, null,
                null, null, java.util.Map.of(dev.magpie.profiles.Channel.EMAIL_MARKETING,
                        new dev.magpie.profiles.Consent(State.SUBSCRIBED, java.time.Instant.now(), "API", "tests"))))
            .profile().id();
        String never = profiles.upsert(a.accountId(), dev.magpie.profiles.ProfileAttributes.of(
                new dev.magpie.profiles.Identifiers("nat@example.com", null, null, null))).profile().id();
        lists.add(a.accountId(), list, List.of(subscribed, never));
        campaign = catalog.create(a.accountId(), new CampaignSettings("Autumn news", List.of(list), List.of(),
                SendStrategy.IMMEDIATE, null, 6, true, 16), new MessageContent("Autumn", "Autumn is here",
                        "Leaves", "news@alder.example", "Alder", null), null);
    }

    @Test
    void theListAndTheCampaignPageShowItsSettingsAndEstimate() throws Exception {
        String index = marketers.page(a, "/campaigns");
        assertThat(index).contains("Autumn news").contains("Draft").contains("nav-campaigns");

        String page = marketers.page(a, "/campaigns/" + campaign.id());
        assertThat(page).contains("Regulars").contains("Immediately when sent").contains("Spread over 6 hours")
            .contains("skip anyone emailed in the last 16 hours").contains("Autumn is here")
            .contains("campaign-estimate-none");
        int refreshed = mvc.perform(post("/campaigns/" + campaign.id() + "/estimate").session(a.session())
            .with(csrf())).andReturn().getResponse().getStatus();
        assertThat(refreshed).isEqualTo(302);
        assertThat(marketers.page(a, "/campaigns/" + campaign.id())).contains("id=\"campaign-estimate\"")
            .containsPattern("id=\"campaign-estimate\"[^>]*>1<");
    }

    @Test
    void sendNowNeedsATemplateThenSchedulesTheDraftAndShowsItsProgress() throws Exception {
        String page = marketers.page(a, "/campaigns/" + campaign.id());
        assertThat(page).contains("id=\"campaign-send\"").doesNotContain("id=\"campaign-progress\"");

        String refused = mvc.perform(post("/campaigns/" + campaign.id() + "/send").session(a.session())
            .with(csrf())).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("id=\"campaign-send-error\"").contains("no template");
        assertThat(catalog.find(a.accountId(), campaign.id()).orElseThrow().status())
            .isEqualTo(CampaignStatus.DRAFT);

        String template = mvc.perform(post("/templates").session(a.session()).with(csrf()).param("name", "Autumn"))
            .andReturn().getResponse().getRedirectedUrl().substring("/templates/".length());
        String messageId = campaign.message().id();
        catalog.assignTemplate(a.accountId(), messageId, template);
        int sent = mvc.perform(post("/campaigns/" + campaign.id() + "/send").session(a.session()).with(csrf()))
            .andReturn().getResponse().getStatus();
        assertThat(sent).isEqualTo(302);
        assertThat(catalog.find(a.accountId(), campaign.id()).orElseThrow().status())
            .isIn(CampaignStatus.SCHEDULED, CampaignStatus.SENDING, CampaignStatus.SENT);
        String progress = marketers.page(a, "/campaigns/" + campaign.id());
        assertThat(progress).contains("id=\"campaign-progress\"").containsPattern("of \\d+ sent")
            .doesNotContain("id=\"campaign-send\"");
        assertThat(marketers.page(a, "/campaigns/" + campaign.id() + "/progress"))
            .contains("id=\"campaign-progress-sent\"");
    }

    @Test
    void anotherStoresCampaignIsNotFound() throws Exception {
        Marketer b = marketers.signUp("Beech Pages");
        assertThat(marketers.status(b, "/campaigns/" + campaign.id())).isEqualTo(404);
        int estimate = mvc.perform(post("/campaigns/" + campaign.id() + "/estimate").session(b.session())
            .with(csrf())).andReturn().getResponse().getStatus();
        assertThat(estimate).isEqualTo(404);
        int send = mvc.perform(post("/campaigns/" + campaign.id() + "/send").session(b.session()).with(csrf()))
            .andReturn().getResponse().getStatus();
        assertThat(send).isEqualTo(404);
        assertThat(marketers.status(b, "/campaigns/" + campaign.id() + "/progress")).isEqualTo(404);
        assertThat(catalog.find(a.accountId(), campaign.id()).orElseThrow().status())
            .isEqualTo(CampaignStatus.DRAFT);
        assertThat(marketers.page(b, "/campaigns")).doesNotContain("Autumn news");
        assertThat(catalog.estimate(a.accountId(), campaign.id())).isEmpty();
    }
}
