package dev.magpie.audiences.internal.segments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.EventRecorder;
import dev.magpie.profiles.Profiles;
import dev.magpie.shared.Ids;
import dev.magpie.testing.Marketers;
import dev.magpie.testing.Marketers.Marketer;
import dev.magpie.web.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a real browser: a marketer opens a segment while its full evaluation waits and sees the progress card; once the
 * evaluation has run the page reloads itself with the size, the members and the chart; on a member's profile the
 * segments section lists the segment and explains, condition by condition with the actual values, why the profile
 * is in it and why it is not in another.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "magpie.audiences.segments.background=false")
@AutoConfigureMockMvc
@Import(SegmentPagesBrowserTests.Config.class)
class SegmentPagesBrowserTests {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    Profiles profiles;

    @Autowired
    EventRecorder recorder;

    @Autowired
    ActivityQueries activity;

    @Autowired
    Segments segments;

    @Autowired
    FullEvaluator fullEvaluator;

    private WebDriver browser;

    @BeforeEach
    void openBrowser() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            Assumptions.abort("Browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build(), options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void sizeMembersChartAndWhy() throws Exception {
        Marketer owner = new Marketers(mvc).signUp("Wren Wares");
        String account = owner.accountId();
        SegmentFixtures fixtures = new SegmentFixtures(profiles, recorder, activity, segments, json);
        String run = Ids.newId().toLowerCase(Locale.ROOT);
        String annEmail = "ann-" + run + "@example.com";
        String ann = fixtures.profile(account, annEmail, null, "Ann", "silver");
        String bob = fixtures.profile(account, "bob-" + run + "@example.com", null, "Bob", "gold");
        Instant now = Instant.now();
        fixtures.order(account, ann, now.minus(Duration.ofDays(1)));
        fixtures.order(account, ann, now.minus(Duration.ofDays(4)));
        fixtures.order(account, bob, now.minus(Duration.ofDays(2)));
        String repeat = fixtures.repeatBuyers(account);
        String gold = fixtures.tier(account, "Gold tier", "gold");

        browser.get(url("/signin"));
        browser.findElement(By.id("email")).sendKeys(owner.email());
        browser.findElement(By.id("password")).sendKeys(Marketers.PASSWORD);
        browser.findElement(By.id("signin-submit")).click();
        awaitHeading("Welcome, Owner of Wren Wares");

        // The evaluation has not run: the card shows it waiting, and keeps asking
        browser.get(url("/segments/" + repeat));
        awaitHeading("Repeat buyers");
        assertThat(Browser.textOf(browser, By.id("segment-progress-text")))
            .isEqualTo("Waiting for the evaluation to start…");

        fullEvaluator.runPending();
        // The card's next poll sees the evaluation done and the page reloads with the size, members and chart
        wait(30).until(ExpectedConditions.invisibilityOfElementLocated(By.id("segment-progress")));
        wait(10).until(ExpectedConditions.textToBe(By.id("segment-size"), "1"));
        assertThat(Browser.textOf(browser, By.id("segment-last-evaluated"))).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d");
        assertThat(Browser.textOf(browser, By.id("members-table"))).contains(annEmail).contains("Ann Tester");
        wait(10).until(ExpectedConditions.attributeToBe(By.id("segment-chart"), "data-drawn", "true"));
        assertThat(browser.findElements(By.cssSelector("#segment-chart canvas"))).isNotEmpty();
        assertThat(Browser.textOf(browser, By.id("segment-definition")))
            .contains("at least 2 times in the last 30 days").contains("email is set");
        assertThat(Browser.attributeOf(browser, By.id("segment-edit"), "href"))
            .endsWith("/segments/" + repeat + "/edit");

        // Ann's profile: in Repeat buyers, not in Gold tier
        click(browser.findElement(By.linkText(annEmail)));
        wait(15).until(ExpectedConditions.presenceOfElementLocated(By.id("profile-segments")));
        assertThat(Browser.textOf(browser, By.id("profile-segment-" + repeat))).contains("Repeat buyers")
            .contains("since");
        assertThat(browser.findElements(By.id("profile-segment-" + gold))).isEmpty();

        click(browser.findElement(By.cssSelector("#profile-segment-" + repeat + " .why-link")));
        wait(10).until(ExpectedConditions.attributeToBe(By.id("why"), "data-segment", repeat));
        assertThat(Browser.attributeOf(browser, By.id("why-verdict"), "data-member")).isEqualTo("true");
        assertThat(Browser.textOf(browser, By.id("why-verdict"))).contains("In the segment");
        assertThat(Browser.textOf(browser, By.id("why-condition-0-0")))
            .contains("at least 2 times in the last 30 days").contains("Actual value: 2").contains("Held");
        assertThat(Browser.textOf(browser, By.id("why-condition-1-0")))
            .contains("Actual value: " + annEmail).contains("Held");
        assertThat(Browser.textOf(browser, By.id("why-stored"))).startsWith("Stored membership: in the segment");

        new Select(browser.findElement(By.id("why-segment"))).selectByVisibleText("Gold tier");
        click(browser.findElement(By.id("segment-why-submit")));
        wait(10).until(ExpectedConditions.attributeToBe(By.id("why"), "data-segment", gold));
        assertThat(Browser.attributeOf(browser, By.id("why-verdict"), "data-member")).isEqualTo("false");
        assertThat(Browser.textOf(browser, By.id("why-verdict"))).contains("Not in the segment");
        assertThat(Browser.attributeOf(browser, By.id("why-group-0"), "data-held")).isEqualTo("false");
        assertThat(Browser.textOf(browser, By.id("why-condition-0-0")))
            .contains("tier is “gold”").contains("Actual value: silver").contains("Did not hold");
        assertThat(Browser.textOf(browser, By.id("why-stored"))).isEqualTo("Stored membership: not in the segment.");
    }

    /** Clicks the element once scrolled (at once: Bootstrap scrolls smoothly) into the middle of the window. */
    private void click(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element);
        element.click();
    }

    /** A wait that looks again when an htmx swap replaced the element it was reading. */
    private WebDriverWait wait(int seconds) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(seconds));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private void awaitHeading(String text) {
        wait(15).until(ExpectedConditions.textToBe(By.tagName("h1"), text));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    /**
     * The system clock to the millisecond, as Cassandra keeps time: a full evaluation compares the time it
     * started with the times it wrote, which must not lose their microseconds on the way.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class Config {

        @Bean
        @Primary
        Clock millisecondClock() {
            return Clock.tickMillis(ZoneOffset.UTC);
        }
    }
}
