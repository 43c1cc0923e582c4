package dev.magpie.web;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.magpie.activity.EventRecorder;
import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.Profiles;
import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.tenancy.AccountUsage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A marketer whose store has started sending data finds a customer, reads their timeline (scrolling loads
 * more), opens an event, looks at a metric's chart and watches the activity feed update by itself — in a real
 * browser, with the page's Content-Security-Policy in force.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StoreDataBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    Profiles profiles;

    @Autowired
    EventRecorder recorder;

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
    void findACustomerReadTheirTimelineSeeAChartAndWatchTheFeed() {
        String storeName = "Wren Outfitters " + UUID.randomUUID();
        signUp(storeName);
        String accountId = accounts.usage().stream().map(AccountUsage::account)
            .filter(account -> account.name().equals(storeName)).findFirst().orElseThrow().id();
        String email = "maya-" + UUID.randomUUID() + "@example.com";
        profiles.upsert(accountId, new ProfileAttributes(new Identifiers(email, "+15125241234", null, null), "Maya",
                "Wren", null, null, null, new Location(null, null, "Austin", "United States", "TX", null,
                        "America/Chicago", null, null), Map.of("loyalty", Map.of("tier", "Gold")), null));
        Instant start = Instant.now().minus(Duration.ofDays(3));
        for (int i = 0; i < 30; i++) {
            record(accountId, email, "Viewed Product", start.plus(Duration.ofMinutes(i)), null,
                    Map.of("ProductName", "Trail Runner " + i));
        }
        record(accountId, email, "Placed Order", Instant.now().minus(Duration.ofMinutes(1)), "129.00",
                Map.of("OrderId", "W-1001", "Items", List.of(Map.of("ProductName", "Down Sleeping Bag", "Quantity", 1))));

        Browser.navigate(browser, "nav-profiles");
        browser.findElement(By.id("q")).sendKeys(email);
        browser.findElement(By.id("profile-search-submit")).click();
        assertThat(browser.findElements(By.cssSelector("#profiles-table tbody tr"))).hasSize(1);
        browser.findElement(By.cssSelector("#profiles-table .profile-link")).click();

        assertThat(Browser.textOf(browser, By.id("profile-name"))).isEqualTo("Maya Wren · " + email);
        assertThat(Browser.textOf(browser, By.id("profile-properties"))).contains("loyalty", "Gold");
        List<WebElement> events = browser.findElements(By.cssSelector("#timeline .timeline-event"));
        assertThat(events).hasSize(20);
        WebElement order = events.get(0);
        assertThat(order.getText()).contains("Placed Order", "$129.00");
        WebElement orderDetails = order.findElement(By.cssSelector(".event-properties"));
        assertThat(orderDetails.isDisplayed()).isFalse();
        order.findElement(By.tagName("summary")).click();
        assertThat(orderDetails.isDisplayed()).isTrue();
        assertThat(orderDetails.getText()).contains("OrderId", "W-1001", "Down Sleeping Bag");

        scrollToBottom();
        wait(10).until(driver -> driver.findElements(By.cssSelector("#timeline .timeline-event")).size() == 31);
        List<WebElement> all = browser.findElements(By.cssSelector("#timeline .timeline-event"));
        assertThat(all.get(30).getText()).contains("Viewed Product");
        assertThat(browser.findElements(By.cssSelector("#timeline .timeline-more"))).isEmpty();

        // The link sits in the event's <summary>: a script click follows it without toggling the event
        ((JavascriptExecutor) browser).executeScript("arguments[0].click()",
                order.findElement(By.linkText("Placed Order")));
        assertThat(Browser.textOf(browser, By.id("metric-name"))).contains("Placed Order");
        WebElement canvas = wait(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#metric-chart canvas")));
        assertThat(canvas.getSize().getHeight()).isGreaterThan(100);
        assertThat(Browser.textOf(browser, By.id("metric-total-value"))).isEqualTo("$129.00");
        browser.findElement(By.id("range-7")).click();
        assertThat(browser.getCurrentUrl()).endsWith("days=7");
        wait(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#metric-chart canvas")));

        Browser.navigate(browser, "nav-activity");
        assertThat(browser.findElements(By.cssSelector("#feed-rows .feed-event"))).hasSize(31);
        record(accountId, email, "Started Checkout", Instant.now(), "59.00", Map.of("CheckoutURL", "https://wren.example/c/1"));
        wait(15).until(driver -> driver.findElement(By.cssSelector("#feed-rows .feed-event")).getText()
            .contains("Started Checkout"));
        assertThat(browser.findElements(By.cssSelector("#feed-rows .feed-event"))).hasSize(32);
    }

    private void signUp(String storeName) {
        browser.get("http://localhost:" + port + "/signup");
        browser.findElement(By.id("accountName")).sendKeys(storeName);
        browser.findElement(By.id("name")).sendKeys("Wren Owner");
        browser.findElement(By.id("email")).sendKeys("owner-" + UUID.randomUUID() + "@store.example");
        browser.findElement(By.id("password")).sendKeys("correct horse battery");
        browser.findElement(By.id("signup-submit")).click();
        Browser.awaitHeading(browser, "Welcome, Wren Owner");
    }

    private void record(String accountId, String email, String metric, Instant time, String value,
            Map<String, Object> properties) {
        recorder.record(accountId, new NewEvent(metric, MetricSource.API,
                ProfileAttributes.of(new Identifiers(email, null, null, null)), time,
                value == null ? null : new BigDecimal(value), value == null ? null : "USD", properties, null));
    }

    private void scrollToBottom() {
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, document.body.scrollHeight)");
    }

    private WebDriverWait wait(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }
}
