package dev.magpie.activity.internal.pages;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.magpie.activity.Event;
import dev.magpie.activity.EventRecorder;
import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.Profiles;
import dev.magpie.testing.Marketers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The marketer's pages over a store's data: a profile with its timeline, the metrics with their daily
 * figures, and the live activity feed — each showing one account's data and nobody else's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class ActivityPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Profiles profiles;

    @Autowired
    EventRecorder recorder;

    Marketers marketers;

    @BeforeEach
    void marketers() {
        marketers = new Marketers(mvc);
    }

    @Test
    void aProfilePageShowsWhoTheyAreWhatTheyAgreedToAndWhatTheyDid() throws Exception {
        Marketers.Marketer owner = marketers.signUp("Heron Home");
        Profile ada = ada(owner);
        Event order = record(owner, ada, "Placed Order", Instant.now().minus(Duration.ofHours(2)), "86.50",
                Map.of("OrderId", "1001", "Items", List.of(Map.of("ProductName", "Linen Throw", "Quantity", 2))));
        record(owner, ada, "Viewed Product", Instant.now().minus(Duration.ofHours(3)), null,
                Map.of("ProductName", "Linen Throw"));

        String page = marketers.page(owner, "/profiles/" + ada.id());

        assertThat(page).contains("Ada Lovelace · " + ada.email(), ada.id(), "+14155552671", ada.externalId(),
                "Austin", "United States", "America/Chicago", "30.2672, -97.7431");
        assertThat(page).contains("loyalty", "tier", "Gold", "preferred_categories", "Home, Outdoor");
        assertThat(consentRow(page, "EMAIL_MARKETING")).contains("Subscribed", "2026-03-01", "Double opt-in",
                "Footer form");
        assertThat(consentRow(page, "SMS_MARKETING")).contains("Never subscribed");
        String timeline = page.substring(page.indexOf("id=\"timeline\""));
        assertThat(timeline.indexOf("Placed Order")).as("newest first").isLessThan(timeline.indexOf("Viewed Product"));
        assertThat(timeline).contains("id=\"event-" + order.id() + "\"", "bi-bag", "bi-eye", "$86.50", "<details",
                "OrderId", "1001", "Linen Throw", "Quantity");
        assertThat(page).doesNotContain("hx-trigger=\"revealed\"");
    }

    @Test
    void theTimelineLoadsTheNextPageWhenItsLastRowScrollsIntoView() throws Exception {
        Marketers.Marketer owner = marketers.signUp("Long Story Ltd");
        Profile ada = ada(owner);
        Instant start = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 25; i++) {
            record(owner, ada, "Viewed Product", start.plus(Duration.ofMinutes(i)), null, Map.of("Step", "step-" + i));
        }

        String page = marketers.page(owner, "/profiles/" + ada.id());
        assertThat(count(page, "class=\"timeline-event")).isEqualTo(ProfilePageController.TIMELINE_PAGE);
        assertThat(page).contains("step-24").doesNotContain("step-4<");
        Matcher more = Pattern.compile("hx-get=\"([^\"]+)\"\\s+hx-trigger=\"revealed\"").matcher(page);
        assertThat(more.find()).as("a row that loads more when revealed").isTrue();

        String next = marketers.page(owner, HtmlUtils.htmlUnescape(more.group(1)));
        assertThat(count(next, "class=\"timeline-event")).isEqualTo(5);
        assertThat(next).contains("step-4<", "step-0<").doesNotContain("step-5<", "revealed", "<html");
    }

    @Test
    void metricsListTheirSourceAndChartDailyCountsAndRevenue() throws Exception {
        Marketers.Marketer owner = marketers.signUp("Chart Chandlery");
        Profile ada = ada(owner);
        Instant now = Instant.now();
        record(owner, ada, "Placed Order", now.minus(Duration.ofMinutes(5)), "40.00", Map.of());
        record(owner, ada, "Placed Order", now.minus(Duration.ofMinutes(4)), "2.50", Map.of());
        record(owner, ada, "Placed Order", now.minus(Duration.ofDays(20)), "10.00", Map.of());
        Event viewed = record(owner, ada, "Viewed Product", now.minus(Duration.ofMinutes(3)), null, Map.of());

        String list = marketers.page(owner, "/metrics");
        assertThat(list).contains("Placed Order", "Viewed Product", "bi-bag", "bi-eye", "API");

        String orderMetricId = metricIdOf(list, "Placed Order");
        String month = marketers.page(owner, "/metrics/" + orderMetricId);
        Map<String, Object> chart = chartOf(month);
        assertThat((List<?>) chart.get("days")).hasSize(30);
        assertThat(((List<?>) chart.get("counts")).stream().mapToLong(n -> ((Number) n).longValue()).sum()).isEqualTo(3);
        assertThat((List<?>) chart.get("values")).isNotNull();
        assertThat(month).contains("id=\"metric-total-count\">3<", "$52.50", "/js/metric-chart.js",
                "/dist/echarts.min.js", "range-7", "range-90");

        String week = marketers.page(owner, "/metrics/" + orderMetricId + "?days=7");
        assertThat((List<?>) chartOf(week).get("days")).hasSize(7);
        assertThat(week).contains("id=\"metric-total-count\">2<", "$42.50");
        assertThat((List<?>) chartOf(marketers.page(owner, "/metrics/" + orderMetricId + "?days=90")).get("days")).hasSize(90);
        assertThat((List<?>) chartOf(marketers.page(owner, "/metrics/" + orderMetricId + "?days=12345")).get("days")).hasSize(30);

        String views = marketers.page(owner, "/metrics/" + viewed.metricId());
        assertThat(chartOf(views).get("values")).as("no value line for a metric without values").isNull();
        assertThat(views).doesNotContain("metric-total-value");
    }

    @Test
    void theFeedShowsTheLatestEventsAndPollsForNewerOnes() throws Exception {
        Marketers.Marketer owner = marketers.signUp("Feed Finches");
        Profile ada = ada(owner);
        record(owner, ada, "Active on Site", Instant.now().minus(Duration.ofMinutes(10)), null, Map.of());
        record(owner, ada, "Added to Cart", Instant.now().minus(Duration.ofMinutes(9)), "19.99", Map.of());

        String feed = marketers.page(owner, "/activity");
        assertThat(count(feed, "class=\"feed-event\"")).isEqualTo(2);
        assertThat(feed).contains("Added to Cart", "bi-cart", "$19.99", "Ada Lovelace · " + ada.email(),
                "href=\"/profiles/" + ada.id() + "\"", "hx-trigger=\"every 4s\"");
        String poll = HtmlUtils.htmlUnescape(pollerUrl(feed));
        assertThat(count(marketers.page(owner, poll), "class=\"feed-event\"")).as("nothing new yet").isZero();

        record(owner, ada, "Started Checkout", Instant.now(), "19.99", Map.of());
        String newer = marketers.page(owner, poll);
        assertThat(count(newer, "class=\"feed-event\"")).isEqualTo(1);
        assertThat(newer).contains("Started Checkout", "bi-credit-card", "id=\"feed-poller\"").doesNotContain("<html");
        assertThat(HtmlUtils.htmlUnescape(pollerUrl(newer))).isNotEqualTo(poll);
    }

    @Test
    void aMarketerGetsNotFoundForAnotherAccountsProfileAndMetricPages() throws Exception {
        Marketers.Marketer a = marketers.signUp("Tenant A");
        Marketers.Marketer b = marketers.signUp("Tenant B");
        Profile bProfile = ada(b);
        Event bEvent = record(b, bProfile, "Placed Order", Instant.now(), "99.00", Map.of("Secret", "b-only"));

        assertThat(marketers.status(b, "/profiles/" + bProfile.id())).isEqualTo(200);
        assertThat(marketers.status(b, "/metrics/" + bEvent.metricId())).isEqualTo(200);
        assertThat(marketers.status(a, "/profiles/" + bProfile.id())).isEqualTo(404);
        assertThat(marketers.status(a, "/profiles/" + bProfile.id() + "/timeline")).isEqualTo(404);
        assertThat(marketers.status(a, "/metrics/" + bEvent.metricId())).isEqualTo(404);
        assertThat(marketers.status(a, "/metrics/" + bEvent.metricId() + "?days=7")).isEqualTo(404);
        assertThat(marketers.page(a, "/metrics")).doesNotContain(bEvent.metricId());
        assertThat(marketers.page(a, "/activity")).doesNotContain(bEvent.id(), "b-only", bProfile.email());
        assertThat(marketers.page(a, "/activity/feed?since=2000-01-01T00:00:00Z")).doesNotContain(bEvent.id());
    }

    @Test
    void signedOutVisitorsAreSentToSignIn() throws Exception {
        for (String path : List.of("/profiles", "/profiles/01ABC", "/metrics", "/metrics/01ABC", "/activity",
                "/activity/feed?since=2026-01-01T00:00:00Z")) {
            assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path))
                .andReturn()
                .getResponse()
                .getRedirectedUrl()).as(path).endsWith("/signin");
        }
    }

    private Profile ada(Marketers.Marketer owner) {
        String email = "ada-" + UUID.randomUUID().toString().toLowerCase(Locale.ROOT) + "@example.com";
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("loyalty", Map.of("tier", "Gold", "points", 1200));
        properties.put("preferred_categories", List.of("Home", "Outdoor"));
        Map<Channel, Consent> consent = new EnumMap<>(Channel.class);
        consent.put(Channel.EMAIL_MARKETING, new Consent(Consent.State.SUBSCRIBED,
                Instant.parse("2026-03-01T12:00:00Z"), "Double opt-in", "Footer form"));
        return profiles.upsert(owner.accountId(), new ProfileAttributes(
                new Identifiers(email, "+14155552671", "cust-" + UUID.randomUUID(), null), "Ada", "Lovelace", null,
                null, null, new Location("1 Congress Ave", null, "Austin", "United States", "TX", "78701",
                        "America/Chicago", 30.2672, -97.7431),
                properties, consent)).profile();
    }

    private Event record(Marketers.Marketer owner, Profile profile, String metric, Instant time, String value,
            Map<String, Object> properties) {
        return recorder.record(owner.accountId(), new NewEvent(metric, MetricSource.API,
                ProfileAttributes.of(new Identifiers(profile.email(), null, null, null)), time,
                value == null ? null : new BigDecimal(value), value == null ? null : "USD", properties, null));
    }

    private static String consentRow(String page, String channel) {
        int start = page.indexOf("id=\"consent-" + channel + "\"");
        assertThat(start).as("consent row " + channel).isPositive();
        return page.substring(start, page.indexOf("</tr>", start));
    }

    private static int count(String page, String text) {
        return page.split(Pattern.quote(text), -1).length - 1;
    }

    private static String metricIdOf(String list, String name) {
        Matcher row = Pattern.compile("<tr id=\"metric-([0-9A-Za-z_-]+)\">(?:(?!</tr>).)*" + Pattern.quote(name),
                Pattern.DOTALL).matcher(list);
        assertThat(row.find()).as("a row for " + name).isTrue();
        return row.group(1);
    }

    private static String pollerUrl(String html) {
        Matcher poller = Pattern.compile("id=\"feed-poller\"[^>]*hx-get=\"([^\"]+)\"").matcher(html);
        assertThat(poller.find()).as("the feed's poller").isTrue();
        return poller.group(1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> chartOf(String page) throws Exception {
        Matcher data = Pattern.compile("data-chart=\"([^\"]+)\"").matcher(page);
        assertThat(data.find()).as("chart data").isTrue();
        return tools.jackson.databind.json.JsonMapper.builder().build()
            .readValue(HtmlUtils.htmlUnescape(data.group(1)), Map.class);
    }
}
