package dev.magpie.campaigns.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import dev.magpie.audiences.ListDirectory;
import dev.magpie.campaigns.Campaign;
import dev.magpie.campaigns.CampaignStatus;
import dev.magpie.campaigns.SendStrategy;
import dev.magpie.deliverability.SuppressionReason;
import dev.magpie.deliverability.Suppressions;
import dev.magpie.devengines.CapturedMailbox;
import dev.magpie.devengines.LocalSmtp;
import dev.magpie.engines.CapturedMail;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.Profiles;
import dev.magpie.testing.ApiStores;
import dev.magpie.testing.ApiStores.Store;
import dev.magpie.testing.Marketers;
import dev.magpie.testing.Marketers.Marketer;
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
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A marketer builds a campaign in a real browser, step by step: names it; picks a list and a segment to send to and
 * a list to leave out, the recipient count following each choice and matching who would really get it; chooses a
 * template and a personalised subject (an unparsable one is refused by the field) and sees the preview; sends a test
 * that arrives through the SMTP server; schedules it for tomorrow morning in the account's zone, spread over hours;
 * reviews and schedules it. Then cancels it, and clones it into a new draft.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class CampaignWizardBrowserTests {

    static final Duration WAIT = Duration.ofSeconds(20);

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
    Suppressions suppressions;

    @Autowired
    CampaignCatalog catalog;

    @Autowired
    RecipientStream recipients;

    @Autowired
    WizardSupport wizard;

    @Autowired
    ApplicationContext context;

    private WebDriver browser;

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
    void aMarketerBuildsTestsSchedulesCancelsAndClonesACampaign() throws Exception {
        Marketer owner = new Marketers(mvc).signUp("Heron Teas");
        Store store = WizardAccounts.apiOf(mvc, owner);
        CampaignFixtures fixtures = new CampaignFixtures(new ApiStores(mvc, json), profiles, lists, context);
        String suffix = Long.toString(System.nanoTime(), 36);
        String ann = fixtures.profile(store, "ann-" + suffix + "@heron.example", Consent.State.SUBSCRIBED, "gold");
        String bob = fixtures.profile(store, "bob-" + suffix + "@heron.example", Consent.State.SUBSCRIBED, null);
        String cat = fixtures.profile(store, "cat-" + suffix + "@heron.example", Consent.State.SUBSCRIBED, null);
        String dan = fixtures.profile(store, "dan-" + suffix + "@heron.example", Consent.State.NEVER_SUBSCRIBED, "gold");
        String eve = fixtures.profile(store, "eve-" + suffix + "@heron.example", Consent.State.SUBSCRIBED, "gold");
        suppressions.suppress(store.accountId(), "cat-" + suffix + "@heron.example", SuppressionReason.MANUAL,
                "tests", null);
        String regulars = fixtures.list(store, "Regulars");
        String staff = fixtures.list(store, "Staff");
        fixtures.add(store, regulars, ann, bob, cat, dan);
        fixtures.add(store, staff, bob);
        String gold = fixtures.tierSegment(store, "Gold tier", "gold");
        String template = mvc.perform(post("/templates").session(owner.session()).with(csrf())
            .param("name", "Heron news")).andReturn().getResponse().getRedirectedUrl().substring("/templates/".length());
        // Who may be emailed at all: subscribed and not suppressed
        Set<String> eligible = Set.of(ann, bob, eve);

        signIn(owner);
        browser.get(url("/campaigns"));
        click(By.id("campaign-create"));
        browser.findElement(By.id("name")).sendKeys("Spring harvest");
        click(By.id("wizard-continue"));
        Browser.awaitHeading(browser, "Spring harvest");

        // Audience: the count follows each choice, as the send would count it
        click(By.id("include-" + regulars));
        awaitCount(count(eligible, Set.of(ann, bob, cat, dan), Set.of()));
        click(By.id("include-" + gold));
        awaitCount(count(eligible, union(Set.of(ann, bob, cat, dan), Set.of(ann, dan, eve)), Set.of()));
        click(By.id("exclude-" + staff));
        long expected = count(eligible, union(Set.of(ann, bob, cat, dan), Set.of(ann, dan, eve)), Set.of(bob));
        awaitCount(expected);
        assertThat(recipients.count(store.accountId(), List.of(regulars, gold), List.of(staff))).isEqualTo(expected);
        String draftId = browser.getCurrentUrl().replaceAll(".*/campaigns/([^/]+)/edit/.*", "$1");
        assertThat(catalog.find(store.accountId(), draftId).orElseThrow().included()).as("not saved while choosing")
            .isEmpty();
        click(By.id("wizard-continue"));
        awaitStep("content");
        assertThat(catalog.find(store.accountId(), draftId).orElseThrow().included())
            .containsExactlyInAnyOrder(regulars, gold);

        // Content: an unparsable subject is refused by the field, the rest kept
        new Select(browser.findElement(By.id("templateId"))).selectByVisibleText("Heron news");
        browser.findElement(By.id("subject")).sendKeys("Hi {% if first_name %}");
        browser.findElement(By.id("fromEmail")).sendKeys("news@heron.example");
        browser.findElement(By.id("fromLabel")).sendKeys("Heron Teas");
        click(By.id("wizard-continue"));
        assertThat(Browser.textOf(browser, By.id("subject-error"))).contains("does not parse");
        assertThat(Browser.attributeOf(browser, By.id("fromEmail"), "value")).isEqualTo("news@heron.example");
        WebElement subject = browser.findElement(By.id("subject"));
        subject.clear();
        subject.sendKeys("Fresh leaves for {{ first_name | default: 'you' }}");
        browser.findElement(By.id("previewEmail")).sendKeys("ann-" + suffix + "@heron.example");
        Browser.awaitText(browser, By.id("preview-subject"), "Fresh leaves for");
        click(By.id("wizard-continue"));
        awaitStep("test");

        // Test send, rendered for Ann, to an address that is no profile at all
        String tester = "qa-" + suffix + "@inbox.example";
        WebElement to = browser.findElement(By.id("to"));
        to.clear();
        to.sendKeys(tester);
        browser.findElement(By.id("profileEmail")).sendKeys("ann-" + suffix + "@heron.example");
        click(By.id("test-send"));
        assertThat(Browser.textOf(browser, By.id("test-sent"))).contains(tester);
        CapturedMailbox inbox = LocalSmtp.inbox().orElseThrow();
        CapturedMail mail = inbox.awaitMessageTo(tester, WAIT);
        assertThat(mail.subject()).isEqualTo("[Test] Fresh leaves for you");
        assertThat(mail.from()).isEqualTo("Heron Teas <news@heron.example>");
        click(By.id("wizard-continue"));
        awaitStep("schedule");

        // Schedule: tomorrow at 09:30 in the account's zone, spread over 6 hours, smart sending over 24
        ZoneId zone = wizard.zone(store.accountId());
        assertThat(Browser.textOf(browser, By.id("timing-at-label"))).contains(zone.getId());
        LocalDate tomorrow = LocalDate.now(zone).plusDays(1);
        click(By.id("timing-at"));
        setValue("date", tomorrow.toString());
        setValue("time", "09:30");
        click(By.id("throttle"));
        setValue("throttleHours", "6");
        setValue("smartSendingHours", "24");
        click(By.id("wizard-continue"));
        awaitStep("review");

        // Review: everything on one page, then Schedule
        assertThat(Browser.textOf(browser, By.id("review-recipients"))).isEqualTo(Long.toString(expected));
        assertThat(Browser.textOf(browser, By.id("review-included"))).contains("Regulars").contains("Gold tier");
        assertThat(Browser.textOf(browser, By.id("review-excluded"))).contains("Staff");
        assertThat(Browser.textOf(browser, By.id("review-template"))).isEqualTo("Heron news");
        assertThat(Browser.textOf(browser, By.id("review-throttle"))).contains("6 hours");
        assertThat(Browser.textOf(browser, By.id("review-smart"))).contains("24 hours");
        assertThat(browser.findElements(By.cssSelector("#review-recipients ~ .alert-warning"))).isEmpty();
        assertThat(Browser.textOf(browser, By.id("campaign-send"))).isEqualTo("Schedule");
        click(By.id("campaign-send"));
        Browser.awaitText(browser, By.id("campaign-status"), "Scheduled");
        Campaign scheduled = catalog.find(store.accountId(), draftId).orElseThrow();
        assertThat(scheduled.status()).isEqualTo(CampaignStatus.SCHEDULED);
        assertThat(scheduled.sendStrategy()).isEqualTo(SendStrategy.STATIC);
        assertThat(scheduled.sendTime()).isEqualTo(LocalDateTime.of(tomorrow, LocalTime.of(9, 30)).atZone(zone)
            .toInstant());
        assertThat(scheduled.throttleHours()).isEqualTo(6);
        assertThat(scheduled.smartSendingHours()).isEqualTo(24);
        assertThat(scheduled.message().templateId()).isEqualTo(template);

        // The draft is no longer editable: its steps show the campaign's page
        browser.get(url("/campaigns/" + draftId + "/edit/content"));
        Browser.awaitText(browser, By.id("campaign-status"), "Scheduled");
        assertThat(Browser.textOf(browser, By.id("flash-code"))).contains("Only a draft can be edited");

        // Cancel, confirmed in a dialog
        click(By.id("campaign-cancel"));
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("campaign-cancel-submit")))
            .click();
        Browser.awaitText(browser, By.id("campaign-status"), "Cancelled");
        assertThat(catalog.find(store.accountId(), draftId).orElseThrow().status())
            .isEqualTo(CampaignStatus.CANCELLED);

        // Clone: a new draft in the wizard, with everything copied
        click(By.id("campaign-clone"));
        Browser.awaitHeading(browser, "Copy of Spring harvest");
        String cloneId = browser.getCurrentUrl().replaceAll(".*/campaigns/([^/]+)/edit/.*", "$1");
        assertThat(cloneId).isNotEqualTo(draftId);
        Campaign clone = catalog.find(store.accountId(), cloneId).orElseThrow();
        assertThat(clone.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(clone.included()).containsExactlyInAnyOrder(regulars, gold);
        assertThat(clone.message().subject()).isEqualTo("Fresh leaves for {{ first_name | default: 'you' }}");
    }

    private static long count(Set<String> eligible, Set<String> included, Set<String> excluded) {
        return included.stream().filter(eligible::contains).filter(id -> !excluded.contains(id)).count();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private void awaitCount(long expected) {
        new WebDriverWait(browser, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
            .ignoring(org.openqa.selenium.NoSuchElementException.class)
            .until(driver -> Long.toString(expected)
                .equals(driver.findElement(By.id("audience-count")).getAttribute("data-count")));
    }

    private void awaitStep(String step) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("/edit/" + step));
    }

    private void setValue(String id, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];",
                browser.findElement(By.id(id)), value);
    }

    private void click(By locator) {
        WebElement element = browser.findElement(locator);
        try {
            element.click();
        }
        catch (org.openqa.selenium.ElementClickInterceptedException outOfView) {
            ((JavascriptExecutor) browser).executeScript("arguments[0].click();", element);
        }
    }

    private void signIn(Marketer owner) {
        browser.get(url("/signin"));
        browser.findElement(By.id("email")).sendKeys(owner.email());
        browser.findElement(By.id("password")).sendKeys(Marketers.PASSWORD);
        browser.findElement(By.id("signin-submit")).click();
        Browser.awaitHeading(browser, "Welcome, Owner of Heron Teas");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
