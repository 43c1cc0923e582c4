package dev.magpie.sending.internal;

import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.magpie.audiences.ListDirectory;
import dev.magpie.audiences.SegmentMemberships;
import dev.magpie.audiences.internal.segments.SegmentEvaluations;
import dev.magpie.campaigns.CampaignStatus;
import dev.magpie.campaigns.Campaigns;
import dev.magpie.profiles.Profiles;
import dev.magpie.sending.DkimKeys;
import dev.magpie.shared.Ids;
import dev.magpie.testing.ApiStores;
import dev.magpie.testing.ApiStores.Response;
import dev.magpie.testing.ApiStores.Store;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A campaign to a segment of a thousand profiles, end to end: the segment evaluated in full, the campaign sent through
 * the API, launched, and delivered through RabbitMQ into GreenMail — one message per member, personalised, signed and
 * with every header a mailbox provider looks for — and a member who follows the one-click unsubscribe of that message
 * gets nothing from the next campaign.
 */
@SpringBootTest(properties = {"magpie.sending.launcher.background=false",
    "magpie.deliverability.public-url=https://magpie.example.com"})
@AutoConfigureMockMvc
class CampaignToSegmentTests {

    static final int MEMBERS = 1000;

    /** Profiles of the account outside the segment, who must get nothing. */
    static final int OTHERS = 25;

    static final Duration WAIT = Duration.ofMinutes(2);

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    CqlSession session;

    @Autowired
    Profiles profiles;

    @Autowired
    Campaigns campaigns;

    @Autowired
    CampaignLauncher launcher;

    @Autowired
    SegmentMemberships memberships;

    @Autowired
    DkimKeys dkimKeys;

    @Autowired
    ListDirectory lists;

    @Autowired
    ApplicationContext context;

    @Test
    void aCampaignToAThousandMemberSegmentSendsEachMemberOnePersonalisedSignedMessage() throws Exception {
        ApiStores api = new ApiStores(mvc, json);
        Store store = api.open("Segment Teas", "templates:write", "profiles:write", "campaigns:write",
                "segments:write", "lists:write");
        String domain = "r" + Ids.newId().toLowerCase(Locale.ROOT) + ".example";
        Map<String, String> firstNames = new HashMap<>();
        Map<String, String> profileIds = new HashMap<>();
        ProfileSeeder seeder = new ProfileSeeder(session, store.accountId());
        long seeding = System.nanoTime();
        for (int i = 0; i < MEMBERS; i++) {
            String email = "fay" + i + "@" + domain;
            String firstName = "Fay" + i;
            profileIds.put(email, seeder.profile(email, firstName, "gold"));
            firstNames.put(email, firstName);
        }
        for (int i = 0; i < OTHERS; i++) {
            seeder.profile("sil" + i + "@" + domain, "Sil" + i, "silver");
        }
        seeder.await();
        System.out.printf("Seeded %d profiles in %d ms%n", MEMBERS + OTHERS, (System.nanoTime() - seeding) / 1_000_000);

        String segment = goldSegment(api, store);
        assertThat(memberships.count(store.accountId(), segment)).isEqualTo(MEMBERS);

        KeyPair keys = rsaKeys();
        dkimKeys.set(store.accountId(), "segment-teas.example", "mag1", pem(keys));
        SendingFixtures fixtures = new SendingFixtures(api, profiles);
        String template = fixtures.template(store, "Template subject");

        String first = sendCampaign(fixtures, store, segment, template);
        Map<String, CampaignMail> mails = awaitMessages(store, first, domain, MEMBERS);

        assertThat(mails.keySet()).isEqualTo(firstNames.keySet());
        for (Map.Entry<String, CampaignMail> delivered : mails.entrySet()) {
            String email = delivered.getKey();
            String firstName = firstNames.get(email);
            CampaignMail mail = delivered.getValue();
            assertThat(mail.subject()).isEqualTo("Hello " + firstName);
            assertThat(mail.html()).contains("Hi " + firstName + ", tea from Segment Teas.");
            assertThat(mail.text()).contains("Hi " + firstName + ", tea from Segment Teas.");
            assertThat(mail.messageId()).isEqualTo("<" + first.toLowerCase(Locale.ROOT) + "."
                    + profileIds.get(email).toLowerCase(Locale.ROOT) + "." + store.accountId().toLowerCase(Locale.ROOT)
                    + "@magpie.local>");
            assertThat(mail.header("List-Unsubscribe")).singleElement().asString()
                .matches("<https://magpie\\.example\\.com/unsubscribe/[^>]+>, <mailto:unsubscribe@[^>]+>");
            assertThat(mail.html()).contains(unsubscribeUrl(mail));
            assertThat(mail.header("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
            assertThat(mail.header("Feedback-ID")).containsExactly(first.toLowerCase(Locale.ROOT) + ":"
                    + store.accountId().toLowerCase(Locale.ROOT) + ":magpie");
            DkimVerifier.Result dkim = DkimVerifier.verify(mail.raw(), keys.getPublic());
            assertThat(dkim.tags()).containsEntry("d", "segment-teas.example").containsEntry("s", "mag1");
            assertThat(dkim.bodyHashMatches()).as("body hash of " + email).isTrue();
            assertThat(dkim.signatureValid()).as("signature of " + email).isTrue();
        }
        awaitSent(store, first);
        // Sent means every job settled: nothing more may arrive, and nothing arrived twice
        Map<String, Integer> perRecipient = CampaignMail.countsBySource(domain, first);
        assertThat(perRecipient).hasSize(MEMBERS);
        assertThat(perRecipient.values()).as("messages per recipient").containsOnly(1);

        // One member unsubscribes with one click, as a mailbox provider does from the List-Unsubscribe header
        String leaver = "fay7@" + domain;
        mvc.perform(post(URI.create(unsubscribeUrl(mails.get(leaver))).getPath())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("List-Unsubscribe=One-Click"))
            .andExpect(status().isOk());

        // The next campaign goes to a list of the leaver and twenty other members (the thousand again would only
        // take longer): the leaver is no longer among its recipients. Smart sending is off in these campaigns, or
        // it would rightly skip the twenty, mailed minutes ago
        Response list = api.post(store, "/api/lists", """
                {"data": {"type": "list", "attributes": {"name": "Regulars"}}}""");
        assertThat(list.status()).as(list.text()).isEqualTo(201);
        String regulars = list.body().at("/data/id").asString();
        List<String> regularIds = new ArrayList<>(List.of(profileIds.get(leaver)));
        for (int i = 100; i < 120; i++) {
            regularIds.add(profileIds.get("fay" + i + "@" + domain));
        }
        lists.add(store.accountId(), regulars, regularIds);
        String second = sendCampaign(fixtures, store, regulars, template);
        Map<String, CampaignMail> next = awaitMessages(store, second, domain, 20);
        awaitSent(store, second);
        assertThat(next).hasSize(20).doesNotContainKey(leaver);
        Map<String, Integer> nextPerRecipient = CampaignMail.countsBySource(domain, second);
        assertThat(nextPerRecipient).hasSize(20);
        assertThat(nextPerRecipient.values()).as("messages per recipient").containsOnly(1);
        assertThat(CampaignMail.countsBySource(domain, first)).as("the first campaign's, again").hasSize(MEMBERS);
        assertThat(CampaignMail.receivedAt(domain)).filteredOn(mail -> mail.to().startsWith("sil")).isEmpty();
    }

    private String goldSegment(ApiStores api, Store store) throws Exception {
        Response created = api.post(store, "/api/segments", """
                {"data": {"type": "segment", "attributes": {"name": "Gold", "definition": {"condition_groups": [
                  {"conditions": [{"type": "profile-property", "property": "properties['tier']",
                    "filter": {"type": "string", "operator": "equals", "value": "gold"}}]}]}}}}""");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.body().at("/data/id").asString();
        long until = System.currentTimeMillis() + WAIT.toMillis();
        SegmentEvaluations.runPending(context);
        while (api.get(store, "/api/segments/" + id).body().at("/data/attributes/is_processing").asBoolean()) {
            assertThat(System.currentTimeMillis()).as("evaluation of the segment").isLessThan(until);
            Thread.sleep(100);
            SegmentEvaluations.runPending(context);
        }
        return id;
    }

    /** Creates a campaign to the segment or list, assigns the template and sends it; the campaign's id. */
    /** A campaign to the audience, without smart sending (the second one follows the first at once), launched. */
    private String sendCampaign(SendingFixtures fixtures, Store store, String audience, String template)
            throws Exception {
        String campaign = fixtures.campaign(store, audience, template, "Hello {{ first_name }}",
                "news@segment-teas.example", false);
        fixtures.send(store, campaign);
        launcher.launchDue();
        return campaign;
    }

    /**
     * Waits for {@code count} messages of the campaign, as long as they keep coming (a crowded machine sends slowly);
     * by recipient (a second one to an address fails).
     */
    private Map<String, CampaignMail> awaitMessages(Store store, String campaign, String domain, int count)
            throws InterruptedException {
        long until = System.currentTimeMillis() + WAIT.toMillis();
        int received = 0;
        int seen;
        while ((seen = CampaignMail.countsBySource(domain, campaign).size()) < count) {
            if (seen > received) {
                received = seen;
                until = System.currentTimeMillis() + WAIT.toMillis();
            }
            assertThat(System.currentTimeMillis()).as(received + " of " + count + " messages, none for " + WAIT)
                .isLessThan(until);
            Thread.sleep(1000);
            launcher.launchDue();
        }
        String prefix = "<" + campaign.toLowerCase(Locale.ROOT) + ".";
        Map<String, CampaignMail> byRecipient = new HashMap<>();
        for (CampaignMail mail : CampaignMail.receivedAt(domain)) {
            if (mail.messageId().startsWith(prefix)) {
                assertThat(byRecipient.put(mail.to(), mail)).as("a second message to " + mail.to()).isNull();
            }
        }
        return byRecipient;
    }

    private void awaitSent(Store store, String campaign) throws InterruptedException {
        long until = System.currentTimeMillis() + WAIT.toMillis();
        while (campaigns.find(store.accountId(), campaign).orElseThrow().status() != CampaignStatus.SENT) {
            assertThat(System.currentTimeMillis()).as("campaign sent").isLessThan(until);
            Thread.sleep(200);
            launcher.completeSent();
        }
    }

    private static String unsubscribeUrl(CampaignMail mail) {
        String header = mail.header("List-Unsubscribe").get(0);
        return header.substring(1, header.indexOf('>'));
    }

    static KeyPair rsaKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static String pem(KeyPair keys) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
