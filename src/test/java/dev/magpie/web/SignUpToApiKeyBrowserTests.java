package dev.magpie.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store signs up in a real browser, signs out and in again, creates an API key, and calls the API with it:
 * the path every new store takes on its first day.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignUpToApiKeyBrowserTests {

    @LocalServerPort
    int port;

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
    void signUpSignInCreateKeyAndCallTheApi() throws Exception {
        String email = "owner-" + UUID.randomUUID() + "@store.example";

        browser.get(url("/"));
        assertThat(browser.getCurrentUrl()).endsWith("/signin");
        browser.findElement(By.id("signup-link")).click();
        browser.findElement(By.id("accountName")).sendKeys("Acme Outdoor");
        browser.findElement(By.id("name")).sendKeys("Ada Owner");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys("short");
        browser.findElement(By.id("signup-submit")).click();
        assertThat(Browser.textOf(browser, By.cssSelector("#password ~ .invalid-feedback")))
            .contains("at least 10 characters");

        browser.findElement(By.id("password")).sendKeys("correct horse battery");
        browser.findElement(By.id("signup-submit")).click();
        Browser.awaitHeading(browser, "Welcome, Ada Owner");

        browser.findElement(By.id("user-menu")).click();
        browser.findElement(By.id("sign-out")).click();
        // Signing out is a form post: wait for the page it leads to
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/signin"));

        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys("wrong password!");
        browser.findElement(By.id("signin-submit")).click();
        assertThat(Browser.textOf(browser, By.id("signin-error"))).contains("do not match");

        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys("correct horse battery");
        browser.findElement(By.id("signin-submit")).click();
        Browser.awaitHeading(browser, "Welcome, Ada Owner");

        browser.get(url("/settings/api-keys"));
        browser.findElement(By.id("name")).sendKeys("Store backend");
        browser.findElement(By.id("create-key")).click();
        String key = Browser.textOf(browser, By.id("new-key"));
        assertThat(key).startsWith("pk_");
        assertThat(Browser.textOf(browser, By.id("api-keys-table"))).contains("Store backend");

        HttpResponse<String> accounts = getAccounts(key);
        assertThat(accounts.statusCode()).isEqualTo(200);
        assertThat(accounts.body()).contains("\"type\":\"account\"").contains("Acme Outdoor");

        HttpResponse<String> wrongKey = getAccounts("pk_" + "x".repeat(40));
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(wrongKey.body()).contains("\"errors\"").contains("not_authenticated");

        browser.navigate().refresh();
        assertThat(Browser.textOf(browser, By.id("api-keys-table"))).doesNotContain("never");
    }

    private HttpResponse<String> getAccounts(String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/api/accounts")))
            .header("Authorization", "Klaviyo-API-Key " + key)
            .header("revision", "2026-07-15")
            .header("Accept", "application/vnd.api+json")
            .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
