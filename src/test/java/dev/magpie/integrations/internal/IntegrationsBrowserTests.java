package dev.magpie.integrations.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import dev.magpie.profiles.IdentifierKind;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.Profiles;
import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.web.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * In a real browser: an owner connects Shopify from the navigation and sees the store's first delivery arrive; a
 * storefront on another origin tracks an event through the browser API, CORS preflight and all.
 */
@IntegrationsTest
class IntegrationsBrowserTests {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @LocalServerPort
    int port;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    Profiles profiles;

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
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void connectShopifyThenTrackFromAStorefront() throws Exception {
        browser.get(url("/signup"));
        browser.findElement(By.id("accountName")).sendKeys("Snowdevil");
        browser.findElement(By.id("name")).sendKeys("Sam Owner");
        browser.findElement(By.id("email")).sendKeys("owner-" + UUID.randomUUID() + "@store.example");
        browser.findElement(By.id("password")).sendKeys("correct horse battery");
        browser.findElement(By.id("signup-submit")).click();

        Browser.navigate(browser, "nav-integrations");
        browser.findElement(By.cssSelector("#integration-shopify a")).click();
        browser.findElement(By.id("name")).sendKeys("Snowdevil on Shopify");
        browser.findElement(By.id("connect")).click();
        String webhookUrl = Browser.textOf(browser, By.id("webhook-url"));
        String secret = Browser.textOf(browser, By.id("signing-secret"));
        assertThat(webhookUrl).startsWith(url("/webhooks/shopify/"));
        assertThat(Browser.textOf(browser, By.id("last-delivery"))).isEqualTo("No delivery yet");

        String customer = "{\"id\": 207119551, \"email\": \"shopper@example.com\", \"first_name\": \"Sam\"}";
        HttpResponse<String> delivered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(webhookUrl))
            .header("Content-Type", "application/json")
            .header("X-Shopify-Topic", "customers/create")
            .header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
            .header("X-Shopify-Hmac-Sha256", Signatures.base64Hmac(customer.getBytes(StandardCharsets.UTF_8), secret))
            .POST(HttpRequest.BodyPublishers.ofString(customer))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(delivered.statusCode()).isEqualTo(200);
        browser.navigate().refresh();
        assertThat(Browser.textOf(browser, By.id("last-delivery"))).contains("customers/create");

        browser.get(url("/integrations/browser"));
        String siteKey = Browser.textOf(browser, By.id("site-key"));
        String accountId = accounts.findByPublicApiKey(siteKey).orElseThrow().id();

        // A page of another origin (127.0.0.1 is not localhost), without a content security policy of Magpie's UI
        browser.get("http://127.0.0.1:" + port + "/client/events");
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {
                  method: 'POST',
                  headers: { 'Content-Type': 'application/json', 'revision': '2026-07-15' },
                  body: JSON.stringify({ data: { type: 'event', attributes: {
                    metric: { data: { type: 'metric', attributes: { name: 'Viewed Product' } } },
                    profile: { data: { type: 'profile', attributes: { anonymous_id: 'browser-visitor-1' } } },
                    properties: { ProductName: 'Winter Jacket' }, value: 89.0 } } })
                }).then(response => done(response.status), error => done('failed: ' + error));""",
                url("/client/events?company_id=" + siteKey));

        assertThat(status).isEqualTo(202L);
        Profile visitor = await().atMost(TestStores.PROCESSING)
            .until(() -> profiles.findBy(accountId, IdentifierKind.ANONYMOUS_ID, "browser-visitor-1"),
                    found -> found.isPresent())
            .orElseThrow();
        assertThat(visitor.anonymousIds()).contains("browser-visitor-1");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
