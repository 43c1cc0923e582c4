package dev.magpie.campaigns.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.magpie.audiences.ListDirectory;
import dev.magpie.campaigns.CampaignAudience;
import dev.magpie.campaigns.CampaignStatus;
import dev.magpie.campaigns.Campaigns;
import dev.magpie.deliverability.SuppressionReason;
import dev.magpie.deliverability.Suppressions;
import dev.magpie.profiles.Consent.State;
import dev.magpie.profiles.Profiles;
import dev.magpie.testing.ApiStores;
import dev.magpie.testing.ApiStores.Response;
import dev.magpie.testing.ApiStores.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Campaigns through Klaviyo's API on the real engines: created with their message, listed only with the channel
 * filter, changed and deleted while drafts and refused afterwards, cloned, given a template, and estimated: the
 * union of lists and segments, once each, without excluded, suppressed or non-consenting profiles.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CampaignsApiTests {

    private static final String CHANNEL = "filter=equals(messages.channel,'email')";

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    Profiles profiles;

    @Autowired
    ListDirectory listDirectory;

    @Autowired
    Suppressions suppressions;

    @Autowired
    Campaigns campaigns;

    @Autowired
    ApplicationContext context;

    @Autowired
    CampaignAudience audience;

    ApiStores api;

    CampaignFixtures fixtures;

    Store store;

    @BeforeEach
    void store() throws Exception {
        api = new ApiStores(mvc, json);
        fixtures = new CampaignFixtures(api, profiles, listDirectory, context);
        store = api.open("Campaign Store", CampaignFixtures.ACCESS);
    }

    @Test
    void aCampaignIsCreatedWithItsMessageAndListedWithTheChannelFilter() throws Exception {
        String list = fixtures.list(store, "Newsletter");
        Response created = api.post(store, "/api/campaigns", CampaignFixtures.campaign("Black Friday", list, ""));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode campaign = created.body().at("/data");
        String id = campaign.at("/id").asString();
        assertThat(campaign.at("/type").asString()).isEqualTo("campaign");
        assertThat(campaign.at("/attributes/status").asString()).isEqualTo("Draft");
        assertThat(campaign.at("/attributes/audiences/included/0").asString()).isEqualTo(list);
        assertThat(campaign.at("/attributes/send_strategy/method").asString()).isEqualTo("static");
        assertThat(campaign.at("/attributes/send_strategy/options/is_local").asBoolean()).isTrue();
        assertThat(campaign.at("/attributes/send_strategy/throttle_hours").asInt()).isEqualTo(4);
        assertThat(campaign.at("/attributes/send_options/use_smart_sending").asBoolean()).isTrue();
        assertThat(campaign.at("/attributes/send_options/smart_sending_hours").asInt()).isEqualTo(16);
        String messageId = campaign.at("/relationships/campaign-messages/data/0/id").asString();

        JsonNode message = api.get(store, "/api/campaign-messages/" + messageId).body().at("/data");
        assertThat(message.at("/attributes/definition/channel").asString()).isEqualTo("email");
        assertThat(message.at("/attributes/definition/content/subject").asString())
            .isEqualTo("Hello {{ first_name|default: 'there' }}");
        assertThat(message.at("/attributes/definition/content/from_email").asString())
            .isEqualTo("news@store.example");
        assertThat(message.at("/relationships/campaign/data/id").asString()).isEqualTo(id);

        Response withoutFilter = api.get(store, "/api/campaigns");
        assertThat(withoutFilter.status()).isEqualTo(400);
        assertThat(withoutFilter.error().at("/source/parameter").asString()).isEqualTo("filter");
        Response listed = api.get(store, "/api/campaigns?" + CHANNEL);
        assertThat(listed.status()).as(listed.text()).isEqualTo(200);
        assertThat(listed.body().at("/data")).hasSize(1);
        assertThat(listed.body().at("/data/0/id").asString()).isEqualTo(id);
        assertThat(api.get(store, "/api/campaigns/" + id).body().at("/data/attributes/name").asString())
            .isEqualTo("Black Friday");
    }

    @Test
    void badInputIsRefusedWithItsPointerAndNothingIsStored() throws Exception {
        Response unknownList = api.post(store, "/api/campaigns",
                CampaignFixtures.campaign("Nowhere", "01JZZZZZZZZZZZZZZZZZZZZZZZ", ""));
        assertThat(unknownList.status()).isEqualTo(400);
        assertThat(unknownList.error().at("/source/pointer").asString())
            .isEqualTo("/data/attributes/audiences/included/0");
        Response noAudience = api.post(store, "/api/campaigns", CampaignFixtures.campaign("Nobody", "", ""));
        assertThat(noAudience.status()).isEqualTo(400);
        assertThat(noAudience.error().at("/source/pointer").asString())
            .isEqualTo("/data/attributes/audiences/included");
        String list = fixtures.list(store, "Real list");
        Response badSender = api.post(store, "/api/campaigns", CampaignFixtures.campaign("Bad sender", list, "")
            .replace("news@store.example", "not-an-address"));
        assertThat(badSender.status()).isEqualTo(400);
        assertThat(badSender.error().at("/source/pointer").asString()).isEqualTo(
                "/data/attributes/campaign-messages/data/0/attributes/definition/content/from_email");
        assertThat(api.get(store, "/api/campaigns?" + CHANNEL).body().at("/data")).isEmpty();
    }

    @Test
    void onlyDraftsChangeOrGoAway() throws Exception {
        String list = fixtures.list(store, "VIP");
        String other = fixtures.list(store, "Lapsed");
        JsonNode created = api.post(store, "/api/campaigns", CampaignFixtures.campaign("Spring sale", list, ""))
            .body().at("/data");
        String id = created.at("/id").asString();
        String messageId = created.at("/relationships/campaign-messages/data/0/id").asString();

        Response renamed = api.patch(store, "/api/campaigns/" + id, """
                {"data": {"type": "campaign", "id": "%s", "attributes": {"name": "Spring sale 2",
                  "audiences": {"excluded": ["%s"]}, "send_strategy": {"method": "immediate"},
                  "send_options": {"use_smart_sending": false}}}}""".formatted(id, other));
        assertThat(renamed.status()).as(renamed.text()).isEqualTo(200);
        assertThat(renamed.body().at("/data/attributes/name").asString()).isEqualTo("Spring sale 2");
        assertThat(renamed.body().at("/data/attributes/audiences/included/0").asString()).isEqualTo(list);
        assertThat(renamed.body().at("/data/attributes/audiences/excluded/0").asString()).isEqualTo(other);
        assertThat(renamed.body().at("/data/attributes/send_strategy/method").asString()).isEqualTo("immediate");
        assertThat(renamed.body().at("/data/attributes/send_options/use_smart_sending").asBoolean()).isFalse();

        Response subject = api.patch(store, "/api/campaign-messages/" + messageId, """
                {"data": {"type": "campaign-message", "id": "%s", "attributes": {"definition": {"channel": "email",
                  "content": {"subject": "Spring is here, {{ first_name }}"}}}}}""".formatted(messageId));
        assertThat(subject.status()).as(subject.text()).isEqualTo(200);
        assertThat(subject.body().at("/data/attributes/definition/content/subject").asString())
            .isEqualTo("Spring is here, {{ first_name }}");
        assertThat(subject.body().at("/data/attributes/definition/content/preview_text").asString())
            .isEqualTo("Just for you");

        campaigns.schedule(store.accountId(), id, java.time.Instant.parse("2026-12-01T09:00:00Z"));
        JsonNode scheduled = api.get(store, "/api/campaigns/" + id).body();
        assertThat(scheduled.at("/data/attributes/status").asString()).isEqualTo("Scheduled");
        Response refused = api.patch(store, "/api/campaigns/" + id, """
                {"data": {"type": "campaign", "id": "%s", "attributes": {"name": "Too late"}}}""".formatted(id));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error().at("/detail").asString()).contains("Only a draft campaign can be changed");
        assertThat(api.patch(store, "/api/campaign-messages/" + messageId, """
                {"data": {"type": "campaign-message", "id": "%s", "attributes": {"definition": {
                  "content": {"subject": "Too late"}}}}}""".formatted(messageId)).status()).isEqualTo(409);
        assertThat(api.delete(store, "/api/campaigns/" + id).status()).isEqualTo(409);
        assertThat(api.get(store, "/api/campaigns/" + id).body()).isEqualTo(scheduled);

        campaigns.cancel(store.accountId(), id);
        assertThat(campaigns.find(store.accountId(), id).orElseThrow().status()).isEqualTo(CampaignStatus.CANCELLED);

        String draft = api.post(store, "/api/campaigns", CampaignFixtures.campaign("Throwaway", list, ""))
            .body().at("/data/id").asString();
        assertThat(api.delete(store, "/api/campaigns/" + draft).status()).isEqualTo(204);
        assertThat(api.get(store, "/api/campaigns/" + draft).status()).isEqualTo(404);
    }

    @Test
    void aCampaignIsClonedAndGivenATemplate() throws Exception {
        String list = fixtures.list(store, "Buyers");
        String template = fixtures.template(store, "Summer look");
        JsonNode created = api.post(store, "/api/campaigns", CampaignFixtures.campaign("Summer", list, ""))
            .body().at("/data");
        String id = created.at("/id").asString();
        String messageId = created.at("/relationships/campaign-messages/data/0/id").asString();

        Response unknown = api.post(store, "/api/campaign-message-assign-template", assign(messageId,
                "01JZZZZZZZZZZZZZZZZZZZZZZZ"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.error().at("/source/pointer").asString()).isEqualTo("/data/relationships/template/data/id");
        Response assigned = api.post(store, "/api/campaign-message-assign-template", assign(messageId, template));
        assertThat(assigned.status()).as(assigned.text()).isEqualTo(201);
        assertThat(assigned.body().at("/data/relationships/template/data/id").asString()).isEqualTo(template);
        assertThat(campaigns.find(store.accountId(), id).orElseThrow().message().templateId()).isEqualTo(template);

        campaigns.schedule(store.accountId(), id, java.time.Instant.parse("2026-12-01T09:00:00Z"));
        campaigns.advance(store.accountId(), id, CampaignStatus.SENDING);
        campaigns.advance(store.accountId(), id, CampaignStatus.SENT);
        Response cloned = api.post(store, "/api/campaign-clone", """
                {"data": {"type": "campaign", "id": "%s", "attributes": {"new_name": "Summer again"}}}"""
            .formatted(id));
        assertThat(cloned.status()).as(cloned.text()).isEqualTo(201);
        JsonNode copy = cloned.body().at("/data");
        assertThat(copy.at("/id").asString()).isNotEqualTo(id);
        assertThat(copy.at("/attributes/name").asString()).isEqualTo("Summer again");
        assertThat(copy.at("/attributes/status").asString()).isEqualTo("Draft");
        assertThat(copy.at("/attributes/audiences/included/0").asString()).isEqualTo(list);
        String copyMessage = copy.at("/relationships/campaign-messages/data/0/id").asString();
        assertThat(copyMessage).isNotEqualTo(messageId);
        JsonNode message = api.get(store, "/api/campaign-messages/" + copyMessage).body().at("/data");
        assertThat(message.at("/relationships/template/data/id").asString()).isEqualTo(template);
        assertThat(message.at("/attributes/definition/content/subject").asString())
            .isEqualTo("Hello {{ first_name|default: 'there' }}");
        assertThat(api.get(store, "/api/campaigns/" + id).body().at("/data/attributes/status").asString())
            .isEqualTo("Sent");
    }

    @Test
    void theEstimateCountsEachEligibleRecipientOnce() throws Exception {
        String newsletter = fixtures.list(store, "Newsletter");
        String launch = fixtures.list(store, "Launch");
        String staff = fixtures.list(store, "Staff");
        // Included: the two lists and the gold segment; excluded: staff.
        String ada = fixtures.profile(store, "ada@example.com", State.SUBSCRIBED, "gold");
        String bea = fixtures.profile(store, "bea@example.com", State.SUBSCRIBED, null);
        String cal = fixtures.profile(store, "cal@example.com", State.SUBSCRIBED, "gold");
        String dee = fixtures.profile(store, "dee@example.com", State.UNSUBSCRIBED, null);
        String eve = fixtures.profile(store, "eve@example.com", State.SUBSCRIBED, null);
        String fay = fixtures.profile(store, "fay@example.com", null, null);
        String gil = fixtures.profile(store, "gil@example.com", State.SUBSCRIBED, "gold");
        String hal = fixtures.profile(store, "hal@example.com", State.SUBSCRIBED, null);
        fixtures.add(store, newsletter, ada, bea, dee, eve, fay);
        fixtures.add(store, launch, bea, cal, eve, hal);
        fixtures.add(store, staff, hal);
        suppressions.suppress(store.accountId(), "eve@example.com", SuppressionReason.MANUAL, null, null);
        String gold = fixtures.tierSegment(store, "Gold", "gold");
        String id = api.post(store, "/api/campaigns", CampaignFixtures.campaign("Everyone",
                newsletter + "," + launch + "," + gold, staff)).body().at("/data/id").asString();
        // ada, bea, cal and gil are in; dee unsubscribed, fay never subscribed, eve is suppressed, hal is staff.
        Set<String> expected = Set.of(ada, bea, cal, gil);

        assertThat(api.get(store, "/api/campaign-recipient-estimations/" + id).status()).isEqualTo(404);
        Response job = api.post(store, "/api/campaign-recipient-estimation-jobs", """
                {"data": {"type": "campaign-recipient-estimation-job", "id": "%s"}}""".formatted(id));
        assertThat(job.status()).as(job.text()).isEqualTo(202);
        assertThat(job.body().at("/data/attributes/status").asString()).isEqualTo("complete");
        Response estimation = api.get(store, "/api/campaign-recipient-estimations/" + id);
        assertThat(estimation.status()).as(estimation.text()).isEqualTo(200);
        assertThat(estimation.body().at("/data/attributes/estimated_recipient_count").asLong())
            .isEqualTo(expected.size());

        Set<String> streamed = new HashSet<>();
        audience.forEachRecipient(store.accountId(), id, profileId -> assertThat(streamed.add(profileId)).isTrue());
        assertThat(streamed).isEqualTo(expected);

        // Streamed again after any recipient's position: exactly the recipients that came after it
        List<CampaignAudience.Recipient> all = new ArrayList<>();
        audience.forEachRecipient(store.accountId(), id, CampaignAudience.Position.START, all::add);
        for (int i = 0; i < all.size(); i++) {
            List<String> rest = new ArrayList<>();
            audience.forEachRecipient(store.accountId(), id, all.get(i).position(),
                    recipient -> rest.add(recipient.profileId()));
            assertThat(rest).isEqualTo(all.subList(i + 1, all.size()).stream()
                .map(CampaignAudience.Recipient::profileId).toList());
        }
    }

    static String assign(String messageId, String templateId) {
        return """
                {"data": {"type": "campaign-message", "id": "%s",
                  "relationships": {"template": {"data": {"type": "template", "id": "%s"}}}}}"""
            .formatted(messageId, templateId);
    }
}
