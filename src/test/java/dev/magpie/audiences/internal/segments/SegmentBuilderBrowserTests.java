package dev.magpie.audiences.internal.segments;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.EventRecorder;
import dev.magpie.activity.Metric;
import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.Profiles;
import dev.magpie.testing.Marketers;
import dev.magpie.web.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A marketer builds a segment in a real browser: a metric condition AND a property condition picked from the
 * store's own metrics and properties, read back as a sentence and estimated while being built, then saved, stored
 * with the definition built and listed; and a draft the server refuses comes back with the message next to the
 * field at fault and nothing of the draft lost; and a definition using every kind of condition opens in the
 * builder and saves meaning the same.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class SegmentBuilderBrowserTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    Profiles profiles;

    @Autowired
    EventRecorder recorder;

    @Autowired
    ActivityQueries activity;

    @Autowired
    Segments segments;

    @Autowired
    SegmentPickers pickers;

    private WebDriver browser;

    private Marketers.Marketer marketer;

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void buildSeeTheSentenceAndEstimateAndSave() throws Exception {
        String accountId = signIn("Wren Wares");
        String ann = profile(accountId, "ann@wren.example", true);
        String bob = profile(accountId, "bob@wren.example", false);
        String cid = profile(accountId, "cid@wren.example", true);
        profile(accountId, "dee@wren.example", true);
        order(accountId, ann, 1);
        order(accountId, ann, 2);
        order(accountId, bob, 1);
        order(accountId, bob, 3);
        order(accountId, cid, 1);
        String placedOrder = metricId(accountId, "Placed Order");

        Browser.navigate(browser, "nav-segments");
        Browser.awaitHeading(browser, "Segments");
        assertThat(Browser.textOf(browser, By.id("segments-empty"))).contains("No segments yet");
        browser.findElement(By.id("segment-create")).click();
        Browser.awaitHeading(browser, "Create a segment");
        browser.findElement(By.id("name")).sendKeys("VIP repeat buyers");

        WebElement metric = browser.findElement(By.id("condition-0-0"));
        assertThat(new Select(metric.findElement(By.cssSelector(".metric-select"))).getFirstSelectedOption().getText())
            .isEqualTo("Placed Order");
        new Select(metric.findElement(By.cssSelector(".count-op"))).selectByValue("greater-than-or-equal");
        WebElement count = browser.findElement(By.cssSelector("#condition-0-0 .count-value"));
        count.clear();
        count.sendKeys("2");
        new Select(browser.findElement(By.cssSelector("#condition-0-0 .tf-op"))).selectByValue("in-the-last");
        browser.findElement(By.cssSelector("#condition-0-0 .tf-quantity")).sendKeys("30");

        browser.findElement(By.id("add-group")).click();
        WebElement property = browser.findElement(By.cssSelector("#condition-1-0 .property-input"));
        assertThat(browser.findElements(By.cssSelector("#profile-properties option")))
            .extracting(option -> option.getAttribute("value")).contains("vip", "email");
        property.sendKeys("vip");
        new Select(browser.findElement(By.cssSelector("#condition-1-0 .filter-op"))).selectByValue("boolean:true");

        await("segment-sentence", "Placed Order at least 2 times in the last 30 days AND vip is true");
        await("segment-estimate", "1 of 4 profiles");

        save();
        Browser.awaitHeading(browser, "Segments");
        assertThat(Browser.textOf(browser, By.id("flash-code"))).contains("The segment is saved");
        assertThat(Browser.textOf(browser, By.id("segments-table"))).contains("VIP repeat buyers")
            .contains("Placed Order at least 2 times in the last 30 days AND vip is true");

        List<Segment> saved = segments.all(accountId);
        assertThat(saved).singleElement().satisfies(segment -> assertThat(segment.name()).isEqualTo("VIP repeat buyers"));
        JsonNode definition = JSON.readTree(saved.get(0).definition());
        assertThat(definition.at("/condition_groups")).hasSize(2);
        JsonNode counted = definition.at("/condition_groups/0/conditions/0");
        assertThat(counted.at("/type").asString()).isEqualTo("profile-metric");
        assertThat(counted.at("/metric_id").asString()).isEqualTo(placedOrder);
        assertThat(counted.at("/measurement").asString()).isEqualTo("count");
        assertThat(counted.at("/measurement_filter/operator").asString()).isEqualTo("greater-than-or-equal");
        assertThat(counted.at("/measurement_filter/value").asInt()).isEqualTo(2);
        assertThat(counted.at("/timeframe_filter/operator").asString()).isEqualTo("in-the-last");
        assertThat(counted.at("/timeframe_filter/quantity").asInt()).isEqualTo(30);
        assertThat(counted.at("/timeframe_filter/unit").asString()).isEqualTo("day");
        JsonNode vip = definition.at("/condition_groups/1/conditions/0");
        assertThat(vip.at("/type").asString()).isEqualTo("profile-property");
        assertThat(vip.at("/property").asString()).isEqualTo("vip");
        assertThat(vip.at("/filter/type").asString()).isEqualTo("boolean");
        assertThat(vip.at("/filter/value").asBoolean()).isTrue();

        // The saved definition opens again in the builder as it was built
        browser.findElement(By.cssSelector(".segment-edit")).click();
        Browser.awaitHeading(browser, "Edit segment");
        assertThat(browser.findElement(By.cssSelector("#condition-0-0 .count-value")).getAttribute("value"))
            .isEqualTo("2");
        assertThat(browser.findElement(By.cssSelector("#condition-1-0 .property-input")).getAttribute("value"))
            .isEqualTo("vip");
        await("segment-sentence", "Placed Order at least 2 times in the last 30 days AND vip is true");
    }

    @Test
    void aRefusedDraftShowsTheMessageNextToTheFieldAndKeepsTheDraft() throws Exception {
        String accountId = signIn("Finch Fabrics");
        String ann = profile(accountId, "ann@finch.example", true);
        order(accountId, ann, 1);

        browser.get(url("/segments/new"));
        Browser.awaitHeading(browser, "Create a segment");
        browser.findElement(By.id("name")).sendKeys("Half-built");
        new Select(browser.findElement(By.cssSelector("#condition-0-0 .tf-op"))).selectByValue("in-the-last");
        browser.findElement(By.cssSelector("#condition-0-0 .tf-quantity")).sendKeys("14");
        browser.findElement(By.cssSelector("#condition-0-0 .count-value")).clear();
        await("segment-sentence", "Not complete yet");

        save();
        WebElement error = new WebDriverWait(browser, Duration.ofSeconds(15))
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("definition-field-error")));
        assertThat(error.getText()).isEqualTo("value must be a number.");
        WebElement field = error.findElement(By.xpath("preceding-sibling::*[1]"));
        assertThat(field.getAttribute("class")).contains("count-value").contains("is-invalid");
        assertThat(Browser.textOf(browser, By.id("definition-error"))).contains("value must be a number.");
        assertThat(browser.findElement(By.id("name")).getAttribute("value")).isEqualTo("Half-built");
        assertThat(new Select(browser.findElement(By.cssSelector("#condition-0-0 .tf-op"))).getFirstSelectedOption()
            .getAttribute("value")).isEqualTo("in-the-last");
        assertThat(browser.findElement(By.cssSelector("#condition-0-0 .tf-quantity")).getAttribute("value"))
            .isEqualTo("14");
        assertThat(segments.all(accountId)).isEmpty();

        // Fixing the field saves the draft as it was kept
        browser.findElement(By.cssSelector("#condition-0-0 .count-value")).sendKeys("1");
        save();
        Browser.awaitHeading(browser, "Segments");
        assertThat(segments.all(accountId)).singleElement().satisfies(segment -> {
            assertThat(segment.name()).isEqualTo("Half-built");
            assertThat(JSON.readTree(segment.definition()).at("/condition_groups/0/conditions/0/timeframe_filter/quantity")
                .asInt()).isEqualTo(14);
        });
    }

    @Test
    void aDefinitionOfEveryKindOpensAndSavesUnchanged() throws Exception {
        String accountId = signIn("Lark Linens");
        String ann = profile(accountId, "ann@lark.example", true);
        order(accountId, ann, 1);
        String placedOrder = metricId(accountId, "Placed Order");
        MvcResult list = mvc.perform(post("/lists").session(marketer.session()).with(csrf()).param("name", "Newsletter")
            .param("optInProcess", "SINGLE_OPT_IN")).andReturn();
        String listId = list.getResponse().getRedirectedUrl().substring("/lists/".length());
        Segment other = segments.create(accountId, "Others", JSON.readTree("""
                {"condition_groups": [{"conditions": [{"type": "profile-property", "property": "email",
                  "filter": {"type": "existence", "operator": "is-set"}}]}]}"""), false);
        String everyKind = """
                {"condition_groups": [
                  {"conditions": [
                    {"type": "profile-metric", "metric_id": "%1$s", "measurement": "sum",
                     "measurement_filter": {"type": "numeric", "operator": "between", "value": 10, "end": 100},
                     "timeframe_filter": {"type": "date", "operator": "between", "start": 30, "end": 7, "unit": "day"},
                     "metric_filters": [
                       {"property": "Brand", "filter": {"type": "string", "operator": "in", "value": ["Acme", "Zed"]}},
                       {"property": "Price", "filter": {"type": "numeric", "operator": "greater-than", "value": 20}}]},
                    {"type": "profile-metric", "metric_id": "%1$s", "measurement": "count",
                     "measurement_filter": {"type": "numeric", "operator": "equals", "value": 0},
                     "timeframe_filter": {"type": "date", "operator": "before", "date": "2026-01-31"}}]},
                  {"conditions": [
                    {"type": "profile-property", "property": "location['country']",
                     "filter": {"type": "string", "operator": "not-in", "value": ["DE", "AT"]}},
                    {"type": "profile-property", "property": "properties['Birthday']",
                     "filter": {"type": "date", "operator": "anniversary-next", "quantity": 1, "unit": "week"}},
                    {"type": "profile-property", "property": "created",
                     "filter": {"type": "date", "operator": "between-static", "start": "2026-01-01", "end": "2026-02-01"}},
                    {"type": "profile-property", "property": "properties['vip']",
                     "filter": {"type": "boolean", "operator": "equals", "value": false}}]},
                  {"conditions": [
                    {"type": "profile-group-membership", "is_member": true, "group_ids": ["%2$s"],
                     "timeframe_filter": {"type": "date", "operator": "at-least", "quantity": 7, "unit": "day"}},
                    {"type": "profile-group-membership", "is_member": false, "group_ids": ["%3$s"]}]},
                  {"conditions": [
                    {"type": "profile-marketing-consent", "consent": {"channel": "sms", "can_receive_marketing": false,
                     "consent_status": {"subscription": "unsubscribed"}}},
                    {"type": "profile-region", "in_region": false, "region": "european_union"},
                    {"type": "profile-location-distance", "latitude": 52.52, "longitude": 13.405, "unit": "miles",
                     "filter": {"type": "numeric", "operator": "less-than", "value": 10}}]}]}"""
            .formatted(placedOrder, listId, other.id());
        Segment segment = segments.create(accountId, "Every kind", JSON.readTree(everyKind), false);
        String before = sentence(accountId, segment.definition());

        browser.get(url("/segments/" + segment.id() + "/edit"));
        Browser.awaitHeading(browser, "Edit segment");
        await("segment-sentence", before);
        save();
        Browser.awaitHeading(browser, "Segments");

        Segment saved = segments.find(accountId, segment.id()).orElseThrow();
        assertThat(sentence(accountId, saved.definition())).isEqualTo(before);
        assertThat(JSON.readTree(saved.definition()).at("/condition_groups/1/conditions/0/filter/value"))
            .hasSize(2);
    }

    private String sentence(String accountId, String definition) {
        return new DefinitionSentence(pickers.names(accountId), java.time.ZoneOffset.UTC)
            .describe(new DefinitionParser(java.time.ZoneOffset.UTC).parse(JSON.readTree(definition)));
    }

    /** Signs a new store's owner up, then in through the browser; answers the account. */
    private String signIn(String store) throws Exception {
        String email = "owner-" + UUID.randomUUID() + "@store.example";
        marketer = new Marketers(mvc).signUp(store, email);
        String accountId = marketer.accountId();
        browser.get(url("/signin"));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(Marketers.PASSWORD);
        browser.findElement(By.id("signin-submit")).click();
        Browser.awaitHeading(browser, "Welcome, Owner of " + store);
        return accountId;
    }

    /** Saves the draft; the button may sit below the fold (and Bootstrap scrolls smoothly, so jump). */
    private void save() {
        WebElement button = browser.findElement(By.id("segment-save"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button);
        button.click();
    }

    private void await(String id, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(20))
            .until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    }

    private String profile(String accountId, String email, boolean vip) {
        return profiles.upsert(accountId, new ProfileAttributes(new Identifiers(email, null, null, null), null, null,
                null, null, null, null, Map.of("vip", vip), null)).profile().id();
    }

    private void order(String accountId, String profileId, int daysAgo) {
        Instant time = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(daysAgo));
        recorder.recordFor(accountId, profileId, new NewEvent("Placed Order", MetricSource.API,
                ProfileAttributes.of(Identifiers.NONE), time, BigDecimal.TEN, "USD", Map.of("Brand", "Acme"),
                profileId + "-" + daysAgo));
    }

    private String metricId(String accountId, String name) {
        return activity.metrics(accountId).stream().filter(metric -> metric.name().equals(name)).map(Metric::id)
            .findFirst().orElseThrow();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
