package dev.magpie.campaigns.internal;

import dev.magpie.audiences.ListDirectory;
import dev.magpie.profiles.Profiles;
import dev.magpie.testing.ApiStores;
import dev.magpie.testing.ApiStores.Response;
import dev.magpie.testing.ApiStores.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Store A's key holding store B's campaign and message ids gets a 404 on every campaign route; A cannot send to
 * B's list nor use B's template; and B's campaign and message stay exactly as they were.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CampaignsCrossTenantTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    Profiles profiles;

    @Autowired
    ListDirectory listDirectory;

    @Autowired
    ApplicationContext context;

    ApiStores api;

    Store a;

    Store b;

    String aList;

    String aCampaign;

    String aMessage;

    String bList;

    String bTemplate;

    String bCampaign;

    String bMessage;

    JsonNode bCampaignBefore;

    JsonNode bMessageBefore;

    @BeforeEach
    void twoStores() throws Exception {
        api = new ApiStores(mvc, json);
        CampaignFixtures fixtures = new CampaignFixtures(api, profiles, listDirectory, context);
        a = api.open("Alder Campaigns", CampaignFixtures.ACCESS);
        b = api.open("Beech Campaigns", CampaignFixtures.ACCESS);
        aList = fixtures.list(a, "Alder news");
        JsonNode aCreated = api.post(a, "/api/campaigns", CampaignFixtures.campaign("Alder sale", aList, ""))
            .body().at("/data");
        aCampaign = aCreated.at("/id").asString();
        aMessage = aCreated.at("/relationships/campaign-messages/data/0/id").asString();
        bList = fixtures.list(b, "Beech news");
        bTemplate = fixtures.template(b, "Beech look");
        JsonNode bCreated = api.post(b, "/api/campaigns", CampaignFixtures.campaign("Beech sale", bList, ""))
            .body().at("/data");
        bCampaign = bCreated.at("/id").asString();
        bMessage = bCreated.at("/relationships/campaign-messages/data/0/id").asString();
        assertThat(api.post(b, "/api/campaign-recipient-estimation-jobs", estimationJob(bCampaign)).status())
            .isEqualTo(202);
        bCampaignBefore = api.get(b, "/api/campaigns/" + bCampaign).body();
        bMessageBefore = api.get(b, "/api/campaign-messages/" + bMessage).body();
    }

    @Test
    void everyRouteAnswers404ForAnotherStoresCampaign() throws Exception {
        assertThat(api.get(a, "/api/campaigns/" + bCampaign).status()).isEqualTo(404);
        assertThat(api.patch(a, "/api/campaigns/" + bCampaign, """
                {"data": {"type": "campaign", "id": "%s", "attributes": {"name": "Hijacked"}}}"""
            .formatted(bCampaign)).status()).isEqualTo(404);
        assertThat(api.delete(a, "/api/campaigns/" + bCampaign).status()).isEqualTo(404);
        assertThat(api.get(a, "/api/campaign-messages/" + bMessage).status()).isEqualTo(404);
        assertThat(api.patch(a, "/api/campaign-messages/" + bMessage, """
                {"data": {"type": "campaign-message", "id": "%s", "attributes": {"definition": {
                  "content": {"subject": "Hijacked"}}}}}""".formatted(bMessage)).status()).isEqualTo(404);
        assertThat(api.post(a, "/api/campaign-message-assign-template",
                CampaignsApiTests.assign(bMessage, bTemplate)).status()).isEqualTo(404);
        assertThat(api.post(a, "/api/campaign-clone", """
                {"data": {"type": "campaign", "id": "%s"}}""".formatted(bCampaign)).status()).isEqualTo(404);
        assertThat(api.post(a, "/api/campaign-recipient-estimation-jobs", estimationJob(bCampaign)).status())
            .isEqualTo(404);
        assertThat(api.get(a, "/api/campaign-recipient-estimation-jobs/" + bCampaign).status()).isEqualTo(404);
        assertThat(api.get(a, "/api/campaign-recipient-estimations/" + bCampaign).status()).isEqualTo(404);
        Response listed = api.get(a, "/api/campaigns?filter=equals(messages.channel,'email')");
        assertThat(listed.body().at("/data")).hasSize(1);
        assertThat(listed.text()).contains(aCampaign).doesNotContain(bCampaign);

        assertThat(api.get(b, "/api/campaigns/" + bCampaign).body()).isEqualTo(bCampaignBefore);
        assertThat(api.get(b, "/api/campaign-messages/" + bMessage).body()).isEqualTo(bMessageBefore);
    }

    @Test
    void anotherStoresListsAndTemplatesCannotBeUsed() throws Exception {
        Response created = api.post(a, "/api/campaigns", CampaignFixtures.campaign("To B's list", aList, bList));
        assertThat(created.status()).isEqualTo(400);
        assertThat(created.error().at("/source/pointer").asString()).isEqualTo("/data/attributes/audiences/excluded/0");
        Response included = api.post(a, "/api/campaigns", CampaignFixtures.campaign("To B's list", bList, ""));
        assertThat(included.status()).isEqualTo(400);
        assertThat(included.error().at("/source/pointer").asString())
            .isEqualTo("/data/attributes/audiences/included/0");
        Response patched = api.patch(a, "/api/campaigns/" + aCampaign, """
                {"data": {"type": "campaign", "id": "%s", "attributes": {"audiences": {"included": ["%s"]}}}}"""
            .formatted(aCampaign, bList));
        assertThat(patched.status()).isEqualTo(400);
        Response template = api.post(a, "/api/campaign-message-assign-template",
                CampaignsApiTests.assign(aMessage, bTemplate));
        assertThat(template.status()).isEqualTo(400);
        assertThat(template.error().at("/source/pointer").asString()).isEqualTo("/data/relationships/template/data/id");

        JsonNode aNow = api.get(a, "/api/campaigns/" + aCampaign).body();
        assertThat(aNow.at("/data/attributes/audiences/included")).hasSize(1);
        assertThat(aNow.at("/data/attributes/audiences/included/0").asString()).isEqualTo(aList);
        assertThat(api.get(a, "/api/campaign-messages/" + aMessage).body()
            .at("/data/relationships/template/data").isMissingNode()).isTrue();
        assertThat(api.get(a, "/api/campaigns?filter=equals(messages.channel,'email')").body().at("/data"))
            .hasSize(1);
        assertThat(api.get(b, "/api/campaigns/" + bCampaign).body()).isEqualTo(bCampaignBefore);
    }

    private static String estimationJob(String campaignId) {
        return """
                {"data": {"type": "campaign-recipient-estimation-job", "id": "%s"}}""".formatted(campaignId);
    }
}
