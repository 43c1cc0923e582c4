package dev.magpie.sending.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.campaigns.CampaignTestSends;
import dev.magpie.campaigns.CampaignTestSends.TestSendException;
import dev.magpie.campaigns.UnknownCampaignException;
import dev.magpie.devengines.CapturedMailbox;
import dev.magpie.devengines.LocalSmtp;
import dev.magpie.engines.CapturedMail;
import dev.magpie.profiles.Profiles;
import dev.magpie.shared.Ids;
import dev.magpie.testing.ApiStores;
import dev.magpie.testing.ApiStores.Response;
import dev.magpie.testing.ApiStores.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A campaign's test send goes through the real rendering, assembly and SMTP path: it arrives personalised for the
 * chosen profile (or a sample), with the campaign's sender, reply-to and subject prefixed "[Test]"; it is no delivery
 * of the campaign (nothing in the message log, no event on the profile); and it refuses a malformed address, a
 * campaign without a template, and another account's campaign.
 */
@SpringBootTest
@AutoConfigureMockMvc
class TestSendDeliveryTests {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    Profiles profiles;

    @Autowired
    CampaignTestSends testSends;

    @Autowired
    MessageLog messageLog;

    @Autowired
    ActivityQueries activity;

    ApiStores api;

    SendingFixtures fixtures;

    CapturedMailbox inbox;

    @BeforeEach
    void fixtures() {
        api = new ApiStores(mvc, json);
        fixtures = new SendingFixtures(api, profiles);
        inbox = LocalSmtp.inbox().orElseThrow();
    }

    @Test
    void aTestArrivesRenderedForTheProfileAndIsNotADelivery() throws Exception {
        Store store = api.open("Plover Teas", "templates:write", "profiles:write", "campaigns:write", "lists:write");
        String template = fixtures.template(store, "Template subject");
        String profile = fixtures.profile(store, "pia", "Pia", true);
        String campaign = campaign(store, template, "Leaves for {{ first_name | default: 'you' }}");
        String to = "tester-" + Ids.newId().toLowerCase(Locale.ROOT) + "@qa.example";

        testSends.send(store.accountId(), campaign, profile, to);

        CapturedMail mail = inbox.awaitMessageTo(to, WAIT);
        assertThat(mail.subject()).isEqualTo("[Test] Leaves for Pia");
        assertThat(mail.from()).isEqualTo("Plover Teas <news@plover.example>");
        assertThat(mail.header("Reply-To")).containsExactly("help@plover.example");
        assertThat(mail.htmlBody()).contains("Hi Pia, tea from Plover Teas.");
        assertThat(mail.htmlBody()).as("no open pixel in a test").doesNotContain("/t/o/");
        assertThat(mail.header("Message-ID").get(0)).startsWith("<test-");
        assertThat(String.join("", mail.header("List-Unsubscribe"))).contains("unsubscribe.invalid");
        // Not a delivery: the campaign's log and the profile's timeline know nothing of it
        assertThat(messageLog.countByState(store.accountId(), campaign)).isEmpty();
        assertThat(activity.timeline(store.accountId(), profile, Optional.empty(), 20).events())
            .filteredOn(event -> event.metricName().equals(EmailDelivery.RECEIVED_METRIC)).isEmpty();
    }

    @Test
    void withoutAProfileOrWithAnotherAccountsTheSampleStandsIn() throws Exception {
        Store store = api.open("Sample Teas", "templates:write", "profiles:write", "campaigns:write", "lists:write");
        Store other = api.open("Other Teas", "templates:write", "profiles:write");
        String template = fixtures.template(store, "Template subject");
        String othersProfile = fixtures.profile(other, "oz", "Ozzie", true);
        String campaign = campaign(store, template, "");
        String to = "sample-" + Ids.newId().toLowerCase(Locale.ROOT) + "@qa.example";

        testSends.send(store.accountId(), campaign, null, to);
        CapturedMail first = inbox.awaitMessageTo(to, WAIT);
        assertThat(first.subject()).as("the template's own subject, prefixed").isEqualTo("[Test] Template subject");
        assertThat(first.htmlBody()).contains("Hi Jane");

        String second = "other-" + Ids.newId().toLowerCase(Locale.ROOT) + "@qa.example";
        testSends.send(store.accountId(), campaign, othersProfile, second);
        assertThat(inbox.awaitMessageTo(second, WAIT).htmlBody()).contains("Hi Jane").doesNotContain("Ozzie");
    }

    @Test
    void refusesAMalformedAddressAMissingTemplateAndAnotherAccountsCampaign() throws Exception {
        Store store = api.open("Refusing Teas", "templates:write", "profiles:write", "campaigns:write",
                "lists:write");
        Store other = api.open("Stranger Teas", "templates:write", "profiles:write");
        String template = fixtures.template(store, "Subject");
        String campaign = campaign(store, template, "Hello");
        String bare = campaign(store, null, "Hello");

        assertThatThrownBy(() -> testSends.send(store.accountId(), campaign, null, "not an address"))
            .isInstanceOf(TestSendException.class).hasMessageContaining("not an email address");
        assertThatThrownBy(() -> testSends.send(store.accountId(), bare, null, "qa@qa.example"))
            .isInstanceOf(TestSendException.class).hasMessageContaining("no template");
        assertThatThrownBy(() -> testSends.send(other.accountId(), campaign, null, "qa@qa.example"))
            .isInstanceOf(UnknownCampaignException.class);
    }

    /** A draft through the API, with the template assigned when given. */
    private String campaign(Store store, String template, String subject) throws Exception {
        Response list = api.post(store, "/api/lists", """
                {"data": {"type": "list", "attributes": {"name": "Everyone"}}}""");
        assertThat(list.status()).as(list.text()).isEqualTo(201);
        Response created = api.post(store, "/api/campaigns", """
                {"data": {"type": "campaign", "attributes": {"name": "Test me",
                  "audiences": {"included": ["%s"]},
                  "campaign-messages": {"data": [{"type": "campaign-message", "attributes": {"definition": {
                    "channel": "email", "content": {"subject": %s, "from_email": "news@plover.example",
                    "from_label": "Plover Teas", "reply_to_email": "help@plover.example"}}}}]}}}}"""
            .formatted(list.body().at("/data/id").asString(), subject.isEmpty() ? "null" : SendingFixtures.quote(subject)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.body().at("/data/id").asString();
        if (template != null) {
            String message = created.body().at("/data/relationships/campaign-messages/data/0/id").asString();
            Response assigned = api.post(store, "/api/campaign-message-assign-template", """
                    {"data": {"type": "campaign-message", "id": "%s", "relationships": {"template": {"data":
                      {"type": "template", "id": "%s"}}}}}""".formatted(message, template));
            assertThat(assigned.status()).as(assigned.text()).isEqualTo(201);
        }
        return id;
    }
}
