package dev.magpie.web;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A marketer keeps the suppression list in a real browser: is told when an address is not one, suppresses an
 * address by hand, finds it listed and by search, and removes it again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SuppressionsBrowserTests {

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
    void suppressAnAddressByHandFindItAndRemoveIt() {
        String email = "gone-" + UUID.randomUUID().toString().substring(0, 8) + "@wren.example";
        signUp();

        Browser.navigate(browser, "nav-suppressions");
        Browser.awaitHeading(browser, "Suppressions");
        assertThat(Browser.textOf(browser, By.id("suppressions-empty"))).isEqualTo("No address is suppressed.");
        assertThat(Browser.textOf(browser, By.id("suppressions-lift-note")))
            .contains("does not subscribe its profile again");

        browser.findElement(By.id("email")).sendKeys("wren at example");
        browser.findElement(By.id("suppression-add-submit")).click();
        assertThat(Browser.textOf(browser, By.id("email-error"))).isEqualTo("This is not an email address.");
        assertThat(browser.findElement(By.id("email")).getAttribute("value")).isEqualTo("wren at example");

        browser.findElement(By.id("email")).clear();
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("suppression-add-submit")).click();
        assertThat(Browser.textOf(browser, By.id("flash-code"))).isEqualTo("The address is suppressed.");
        assertThat(Browser.textOf(browser, By.id("suppressions-table"))).contains(email)
            .contains("Added by hand")
            .contains("suppressions page");

        browser.findElement(By.id("q")).sendKeys(email.toUpperCase());
        browser.findElement(By.id("suppression-search-submit")).click();
        assertThat(browser.findElements(By.className("suppression-row"))).hasSize(1);

        browser.findElement(By.className("suppression-remove")).click();
        assertThat(Browser.textOf(browser, By.id("flash-code")))
            .isEqualTo("The address is no longer suppressed. Its profile's consent is unchanged.");
        assertThat(Browser.textOf(browser, By.id("suppressions-empty"))).isEqualTo("No address is suppressed.");
    }

    private void signUp() {
        browser.get(url("/signup"));
        browser.findElement(By.id("accountName")).sendKeys("Wren Wares");
        browser.findElement(By.id("name")).sendKeys("Wynn Owner");
        browser.findElement(By.id("email")).sendKeys("owner-" + UUID.randomUUID() + "@store.example");
        browser.findElement(By.id("password")).sendKeys("correct horse battery");
        browser.findElement(By.id("signup-submit")).click();
        Browser.awaitHeading(browser, "Welcome, Wynn Owner");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
