package dev.magpie.tracking.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.Event;
import dev.magpie.audiences.ListDirectory;
import dev.magpie.campaigns.CampaignDeliveries;
import dev.magpie.campaigns.CampaignEngagement;
import dev.magpie.campaigns.CampaignEngagement.Engagement;
import dev.magpie.campaigns.CampaignEngagement.LinkClicks;
import dev.magpie.devengines.CapturedMailbox;
import dev.magpie.devengines.LocalSmtp;
import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.Profiles;
import dev.magpie.sending.SendJob;
import dev.magpie.sending.SendQueue;
import dev.magpie.shared.Ids;
import dev.magpie.testing.ApiStores;
import dev.magpie.testing.ApiStores.Response;
import dev.magpie.testing.ApiStores.Store;
import dev.magpie.testing.Marketers;
import dev.magpie.testing.Marketers.Marketer;
import dev.magpie.tracking.internal.TrackingTokens.Claim;
import dev.magpie.tracking.internal.TrackingTokens.Kind;
import dev.magpie.web.Browser;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Opens and clicks end to end: a campaign sent through the real pipeline (API, launcher, RabbitMQ, SMTP) carries a
 * pixel and rewritten links, and leaves unsubscribe, mailto, tel, anchor and marked links alone; loading the pixel
 * and following a link record events on the profile and the report's figures, machine hits flagged and left out;
 * an altered or foreign token records nothing and redirects nowhere; the report page shows the numbers and the
 * chart, to its own account only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "magpie.sending.launcher.poll-interval=1s")
@AutoConfigureMockMvc
class TrackingTests {

    static final Duration WAIT = Duration.ofSeconds(60);

    static final String BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.5 Safari/605.1.15";

    static final String IMAGE_PROXY = "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 "
            + "(via ggpht.com GoogleImageProxy)";

    static final String SCANNER = "Mozilla/5.0 (compatible; Barracuda Sentinel link scanner)";

    static final String TEAS = "https://shop.example/teas?utm_source=magpie&b=c";

    static final String CUPS = "https://shop.example/cups";

    static final String HTML = "<html><body><p>Hi {{ first_name }}</p>"
            + "<a id=\"teas\" href=\"https://shop.example/teas?utm_source=magpie&amp;b=c\">Teas</a>"
            + "<a id=\"cups\" href=\"" + CUPS + "\">Cups</a>"
            + "<a id=\"mail\" href=\"mailto:help@shop.example\">Mail us</a>"
            + "<a id=\"call\" href=\"tel:+15551234\">Call us</a>"
            + "<a id=\"top\" href=\"#top\">Top</a>"
            + "<a id=\"raw\" data-magpie-no-track href=\"https://shop.example/raw\">Raw</a>"
            + "<a id=\"unsubscribe\" href=\"{{ unsubscribe_url }}\">Unsubscribe</a></body></html>";

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    Profiles profiles;

    @Autowired
    ListDirectory lists;

    @Autowired
    SendQueue queue;

    @Autowired
    ActivityQueries activity;

    @Autowired
    CampaignDeliveries deliveries;

    @Autowired
    CampaignEngagement engagement;

    @Autowired
    TrackingSecrets secrets;

    ApiStores api;

    Marketers marketers;

    CapturedMailbox inbox;

    @BeforeEach
    void fixtures() {
        api = new ApiStores(mvc, json);
        marketers = new Marketers(mvc);
        inbox = LocalSmtp.inbox().orElseThrow();
    }

    @Test
    void opensAndClicksAreRecordedCountedAndReported() throws Exception {
        Marketer owner = marketers.signUp("Plover Teas");
        Store store = keyOf(owner);
        List<String> recipients = List.of(profile(store, "ana", "Ana", true), profile(store, "ben", "Ben", true),
                profile(store, "cai", "Cai", true));
        Sent sent = sendCampaign(store, recipients);
        String campaign = sent.campaignId();
        String template = sent.templateId();
        // Jobs of the campaign for recipients ineligible when their turn comes: skipped, each with its reason
        queue.enqueue(SendJob.of(store.accountId(), campaign, profile(store, "dee", "Dee", false), template));
        queue.enqueue(SendJob.of(store.accountId(), campaign, Ids.newId(), template));

        Map<String, Document> mails = new HashMap<>();
        for (String profile : recipients) {
            mails.put(profile, Jsoup.parse(inbox.awaitMessageTo(email(store, profile), WAIT).htmlBody()));
        }
        Document ana = mails.get(recipients.get(0));
        assertThat(ana.getElementById("teas").attr("href")).contains("/t/c/");
        assertThat(ana.getElementById("cups").attr("href")).contains("/t/c/");
        assertThat(ana.getElementById("mail").attr("href")).isEqualTo("mailto:help@shop.example");
        assertThat(ana.getElementById("call").attr("href")).isEqualTo("tel:+15551234");
        assertThat(ana.getElementById("top").attr("href")).isEqualTo("#top");
        assertThat(ana.getElementById("raw").attr("href")).isEqualTo("https://shop.example/raw");
        assertThat(ana.getElementById("raw").hasAttr("data-magpie-no-track")).isFalse();
        assertThat(ana.getElementById("unsubscribe").attr("href")).contains("/unsubscribe/");
        assertThat(ana.select("img[src*=/t/o/]")).hasSize(1);
        // A scanner that follows links as the message arrives is told from a reader by its timing
        Thread.sleep(2500);

        // Ana opens twice and clicks the teas twice and the cups once
        assertThat(open(ana, BROWSER)).isEqualTo(200);
        assertThat(open(ana, BROWSER)).isEqualTo(200);
        MvcResult redirect = click(ana, "teas", BROWSER);
        assertThat(redirect.getResponse().getStatus()).isEqualTo(302);
        assertThat(redirect.getResponse().getHeader("Location")).isEqualTo(TEAS);
        assertThat(redirect.getResponse().getHeader("Cache-Control")).contains("no-store");
        click(ana, "teas", BROWSER);
        assertThat(click(ana, "cups", BROWSER).getResponse().getHeader("Location")).isEqualTo(CUPS);
        // Ben's mailbox fetched the pixel through an image proxy; then he clicked the teas himself
        Document ben = mails.get(recipients.get(1));
        open(ben, IMAGE_PROXY);
        click(ben, "teas", BROWSER);
        // Cai's mail gateway scanned his links and pixel, and he unsubscribed
        Document cai = mails.get(recipients.get(2));
        open(cai, SCANNER);
        click(cai, "cups", SCANNER);
        assertThat(mvc.perform(head(path(cai.getElementById("teas").attr("href"))).header("User-Agent", BROWSER))
            .andReturn().getResponse().getStatus()).isEqualTo(302);
        int unsubscribed = mvc.perform(post(path(cai.getElementById("unsubscribe").attr("href")))
            .param("List-Unsubscribe", "One-Click")).andReturn().getResponse().getStatus();
        assertThat(unsubscribed).isEqualTo(200);

        Event opened = only(events(store, recipients.get(0), EngagementRecorder.OPENED_METRIC), 2);
        assertThat(opened.properties()).containsEntry("$message", campaign)
            .containsEntry("bot", false)
            .containsEntry("prefetch", false)
            .containsEntry("user_agent", BROWSER);
        assertThat((String) opened.properties().get("message_id")).startsWith("<" + campaign.toLowerCase(Locale.ROOT));
        assertThat(events(store, recipients.get(0), EngagementRecorder.CLICKED_METRIC)).hasSize(3)
            .allSatisfy(event -> assertThat(event.properties()).containsEntry("bot", false)
                .containsEntry("prefetch", false))
            .extracting(event -> event.properties().get("url"))
            .containsExactlyInAnyOrder(TEAS, TEAS, CUPS);
        assertThat(only(events(store, recipients.get(1), EngagementRecorder.OPENED_METRIC), 1).properties())
            .containsEntry("prefetch", true);
        assertThat(only(events(store, recipients.get(2), EngagementRecorder.OPENED_METRIC), 1).properties())
            .containsEntry("bot", true);
        assertThat(events(store, recipients.get(2), EngagementRecorder.CLICKED_METRIC)).hasSize(2)
            .allSatisfy(event -> assertThat(event.properties()).containsEntry("bot", true));

        // Readers only: Ana and Ben (his click shows he read it; his proxied open does not count)
        Engagement engaged = engagement.engagement(store.accountId(), campaign);
        assertThat(engaged.uniqueOpens()).isEqualTo(2);
        assertThat(engaged.uniqueClicks()).isEqualTo(2);
        assertThat(engaged.unsubscribes()).isEqualTo(1);
        assertThat(engaged.links()).containsExactly(new LinkClicks(TEAS, 2, 3), new LinkClicks(CUPS, 1, 1));
        assertThat(engaged.hours().stream().mapToLong(CampaignEngagement.Hour::opens).sum()).isEqualTo(2);
        assertThat(engaged.hours().stream().mapToLong(CampaignEngagement.Hour::clicks).sum()).isEqualTo(4);
        CampaignDeliveries.Breakdown outcomes = awaitOutcomes(store, campaign);
        assertThat(outcomes.sent()).isEqualTo(3);
        assertThat(outcomes.skippedByReason()).containsEntry("no email marketing consent", 1L)
            .containsEntry("unknown profile", 1L)
            .hasSize(2);

        // The report page, as the owner sees it
        MvcResult report = mvc.perform(get("/campaigns/" + campaign + "/report").session(owner.session()))
            .andReturn();
        assertThat(report.getResponse().getStatus()).isEqualTo(200);
        assertThat(report.getModelAndView().getModel()).containsEntry("recipients", 3L)
            .containsEntry("openRate", "66.7%")
            .containsEntry("clickRate", "66.7%")
            .containsEntry("unsubscribeRate", "33.3%");
        assertThat(report.getResponse().getContentAsString()).contains("data-reason=\"unknown profile\"")
            .contains(">https://shop.example/cups<");
        assertThat(marketers.page(owner, "/campaigns/" + campaign)).contains("id=\"campaign-report-link\"");
        Marketer stranger = marketers.signUp("Stranger Teas");
        assertThat(marketers.status(stranger, "/campaigns/" + campaign + "/report")).isEqualTo(404);

        // In a browser: the figures and the chart
        WebDriver browser = Browser.start();
        try {
            browser.get("http://localhost:" + port + "/signin");
            browser.findElement(By.id("email")).sendKeys(owner.email());
            browser.findElement(By.id("password")).sendKeys(Marketers.PASSWORD);
            browser.findElement(By.id("signin-submit")).click();
            Browser.awaitHeading(browser, "Welcome, Owner of Plover Teas");
            browser.get("http://localhost:" + port + "/campaigns/" + campaign);
            browser.findElement(By.id("campaign-report-link")).click();
            Browser.awaitHeading(browser, "Report: Autumn teas");
            assertThat(Browser.textOf(browser, By.id("report-recipients"))).isEqualTo("3");
            assertThat(Browser.textOf(browser, By.id("report-delivered"))).isEqualTo("3");
            assertThat(Browser.textOf(browser, By.id("report-opens"))).isEqualTo("2");
            assertThat(Browser.textOf(browser, By.id("report-open-rate"))).isEqualTo("66.7% of delivered");
            assertThat(Browser.textOf(browser, By.id("report-clicks"))).isEqualTo("2");
            assertThat(Browser.textOf(browser, By.id("report-unsubscribes"))).isEqualTo("1");
            assertThat(Browser.textOf(browser, By.id("report-skip-reasons"))).contains("no email marketing consent");
            assertThat(Browser.textOf(browser, By.id("report-links"))).contains(TEAS).contains(CUPS);
            Browser.awaitText(browser, By.cssSelector("#report-links tbody tr:first-child .report-link-total"), "3");
            assertThat(Browser.attributeOf(browser, By.id("report-chart"), "data-drawn")).isEqualTo("true");
            assertThat(browser.findElements(By.cssSelector("#report-chart canvas"))).isNotEmpty();
        }
        finally {
            browser.quit();
        }
    }

    @Test
    void alteredAndForeignTokensRecordNothingAndRedirectNowhere() throws Exception {
        Marketer owner = marketers.signUp("Dunlin Teas");
        Store a = keyOf(owner);
        Store b = keyOf(marketers.signUp("Knot Teas"));
        String reader = profile(a, "eve", "Eve", true);
        String other = profile(b, "fay", "Fay", true);
        String campaign = sendCampaign(a, List.of(reader)).campaignId();
        Document mail = Jsoup.parse(inbox.awaitMessageTo(email(a, reader), WAIT).htmlBody());
        Thread.sleep(2500);
        String clickToken = token(mail.getElementById("teas").attr("href"));
        String openToken = token(mail.select("img[src*=/t/o/]").attr("src"));

        // Altered: the target swapped for another site, or the account and profile for another store's
        String payload = payload(clickToken);
        String signature = clickToken.substring(clickToken.indexOf('.'));
        List<String> forged = new ArrayList<>();
        forged.add(encode(payload.replace(TEAS, "https://evil.example/")) + signature);
        forged.add(encode(payload.replace(a.accountId(), b.accountId()).replace(reader, other)) + signature);
        // Signed with A's secret but naming B: checked with B's secret, so refused
        secrets.of(b.accountId());
        forged.add(TrackingTokens.sign(new Claim(Kind.CLICK, b.accountId(), campaign, other, null, Instant.EPOCH,
                "https://evil.example/"), secrets.of(a.accountId())));
        forged.add("not-a-token");
        forged.add(clickToken.substring(0, clickToken.length() - 2));
        for (String token : forged) {
            assertRefusedClick(token);
        }
        // An open token is no click token, and a click token no open token
        assertRefusedClick(openToken);
        forged.add(clickToken);
        for (String token : forged) {
            MvcResult pixel = mvc.perform(get("/t/o/" + token).header("User-Agent", BROWSER)).andReturn();
            assertThat(pixel.getResponse().getStatus()).isEqualTo(200);
            assertThat(pixel.getResponse().getContentType()).isEqualTo("image/gif");
            assertThat(pixel.getResponse().getContentAsByteArray()).isEqualTo(TrackingController.PIXEL);
        }
        String forgedOpen = encode(payload(openToken).replace(a.accountId(), b.accountId()).replace(reader, other))
                + openToken.substring(openToken.indexOf('.'));
        assertThat(mvc.perform(get("/t/o/" + forgedOpen)).andReturn().getResponse().getStatus()).isEqualTo(200);

        assertThat(events(a, reader, EngagementRecorder.OPENED_METRIC)).isEmpty();
        assertThat(events(a, reader, EngagementRecorder.CLICKED_METRIC)).isEmpty();
        assertThat(events(b, other, EngagementRecorder.OPENED_METRIC)).isEmpty();
        assertThat(events(b, other, EngagementRecorder.CLICKED_METRIC)).isEmpty();
        assertThat(engagement.engagement(a.accountId(), campaign)).isEqualTo(Engagement.NONE);
        assertThat(engagement.engagement(b.accountId(), campaign)).isEqualTo(Engagement.NONE);

        // The genuine token still works, and only for its own account
        MvcResult pixel = mvc.perform(get("/t/o/" + openToken).header("User-Agent", BROWSER)).andReturn();
        assertThat(pixel.getResponse().getHeader("Cache-Control")).contains("no-store");
        assertThat(pixel.getResponse().getHeader("Pragma")).isEqualTo("no-cache");
        assertThat(events(a, reader, EngagementRecorder.OPENED_METRIC)).hasSize(1);
        assertThat(engagement.engagement(a.accountId(), campaign).uniqueOpens()).isEqualTo(1);
        assertThat(engagement.engagement(b.accountId(), campaign).uniqueOpens()).isZero();
        assertThat(events(b, other, EngagementRecorder.OPENED_METRIC)).isEmpty();
    }

    private void assertRefusedClick(String token) throws Exception {
        MvcResult refused = mvc.perform(get("/t/c/" + token).header("User-Agent", BROWSER)).andReturn();
        assertThat(refused.getResponse().getStatus()).as(token).isEqualTo(404);
        assertThat(refused.getResponse().getHeader("Location")).isNull();
        assertThat(refused.getResponse().getContentAsString()).contains("id=\"tracking-invalid\"");
    }

    /** A campaign sent, and its template. */
    record Sent(String campaignId, String templateId) {
    }

    /** Sends a campaign to the profiles (a list of them) through the API and the launcher. */
    private Sent sendCampaign(Store store, List<String> profileIds) throws Exception {
        Response list = api.post(store, "/api/lists", """
                {"data": {"type": "list", "attributes": {"name": "Tea lovers"}}}""");
        assertThat(list.status()).as(list.text()).isEqualTo(201);
        String listId = list.body().at("/data/id").asString();
        lists.add(store.accountId(), listId, profileIds);
        Response created = api.post(store, "/api/campaigns", """
                {"data": {"type": "campaign", "attributes": {
                  "name": "Autumn teas",
                  "audiences": {"included": ["%s"], "excluded": []},
                  "send_strategy": {"method": "immediate"},
                  "campaign-messages": {"data": [{"type": "campaign-message", "attributes": {"definition": {
                    "channel": "email", "label": "Autumn",
                    "content": {"subject": "Hello {{ first_name }}", "preview_text": "New teas",
                      "from_email": "news@store.example", "from_label": "The Store"}}}}]}
                }}}""".formatted(listId));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        Response template = api.post(store, "/api/templates", """
                {"data": {"type": "template", "attributes": {"name": "Autumn", "editor_type": "CODE",
                 "subject": "Autumn", "html": %s}}}""".formatted(json.writeValueAsString(HTML)));
        assertThat(template.status()).as(template.text()).isEqualTo(201);
        Response assigned = api.post(store, "/api/campaign-message-assign-template", """
                {"data": {"type": "campaign-message", "id": "%s", "relationships": {"template": {"data":
                  {"type": "template", "id": "%s"}}}}}""".formatted(
                created.body().at("/data/relationships/campaign-messages/data/0/id").asString(),
                template.body().at("/data/id").asString()));
        assertThat(assigned.status()).as(assigned.text()).isEqualTo(201);
        String campaign = created.body().at("/data/id").asString();
        Response sent = api.post(store, "/api/campaign-send-jobs",
                "{\"data\": {\"type\": \"campaign-send-job\", \"id\": \"%s\"}}".formatted(campaign));
        assertThat(sent.status()).as(sent.text()).isEqualTo(202);
        return new Sent(campaign, template.body().at("/data/id").asString());
    }

    /** An API key for the marketer's own account, made on the API keys page. */
    private Store keyOf(Marketer marketer) throws Exception {
        var form = MockMvcRequestBuilders.post("/settings/api-keys").with(csrf()).session(marketer.session())
            .param("name", "Tests")
            .param("access[accounts]", "read");
        for (String scope : List.of("templates", "profiles", "campaigns", "lists")) {
            form.param("access[" + scope + "]", "write");
        }
        String key = (String) mvc.perform(form).andReturn().getFlashMap().get("newKey");
        assertThat(key).startsWith("pk_");
        return new Store(marketer.accountId(), key);
    }

    private String profile(Store store, String prefix, String firstName, boolean subscribed) {
        String email = prefix + "-" + Ids.newId().toLowerCase(Locale.ROOT) + "@inbox.example";
        Consent consent = new Consent(subscribed ? Consent.State.SUBSCRIBED : Consent.State.NEVER_SUBSCRIBED,
                Instant.now(), "API", "tests");
        return profiles.upsert(store.accountId(), new ProfileAttributes(new Identifiers(email, null, null, null),
                firstName, "Lee", null, null, null, null, Map.of(), Map.of(Channel.EMAIL_MARKETING, consent)))
            .profile()
            .id();
    }

    private String email(Store store, String profileId) {
        return profiles.find(store.accountId(), profileId).orElseThrow().email();
    }

    private int open(Document mail, String userAgent) throws Exception {
        MvcResult result = mvc.perform(get(path(mail.select("img[src*=/t/o/]").attr("src")))
            .header("User-Agent", userAgent)).andReturn();
        assertThat(result.getResponse().getContentType()).isEqualTo("image/gif");
        return result.getResponse().getStatus();
    }

    private MvcResult click(Document mail, String link, String userAgent) throws Exception {
        return mvc.perform(get(path(mail.getElementById(link).attr("href"))).header("User-Agent", userAgent))
            .andReturn();
    }

    /** The path of a link in a message (its host is the configured public address). */
    private static String path(String url) {
        return java.net.URI.create(url).getRawPath();
    }

    private static String token(String url) {
        String path = path(url);
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String payload(String token) {
        return new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
    }

    private static String encode(String payload) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    }

    private List<Event> events(Store store, String profile, String metric) {
        return activity.timeline(store.accountId(), profile, Optional.empty(), 50)
            .events()
            .stream()
            .filter(event -> event.metricName().equals(metric))
            .toList();
    }

    private static Event only(List<Event> events, int expected) {
        assertThat(events).hasSize(expected);
        return events.get(0);
    }

    private CampaignDeliveries.Breakdown awaitOutcomes(Store store, String campaign) throws InterruptedException {
        long until = System.currentTimeMillis() + WAIT.toMillis();
        CampaignDeliveries.Breakdown outcomes = deliveries.breakdown(store.accountId(), campaign);
        while (outcomes.sent() + outcomes.skipped() < 5) {
            assertThat(System.currentTimeMillis()).as("outcomes " + outcomes).isLessThan(until);
            Thread.sleep(200);
            outcomes = deliveries.breakdown(store.accountId(), campaign);
        }
        return outcomes;
    }
}
