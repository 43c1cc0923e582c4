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
 * A marketer works with lists in a real browser: creates one (after being told a name is needed), adds a profile
 * by email, sees it on the list and the list on the profile's page, renames the list and deletes it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ListsBrowserTests {

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
    void createAListAddAProfileAndSeeItOnBothPages() {
        String email = "ana-" + UUID.randomUUID().toString().substring(0, 8) + "@tea.example";
        signUp();

        Browser.navigate(browser, "nav-lists");
        assertThat(Browser.textOf(browser, By.id("lists-empty"))).contains("No lists yet");
        browser.findElement(By.id("list-create-submit")).click();
        assertThat(Browser.textOf(browser, By.id("name-error"))).isEqualTo("A list needs a name.");

        browser.findElement(By.id("name")).sendKeys("Tea lovers");
        browser.findElement(By.id("opt-in-double")).click();
        browser.findElement(By.id("list-create-submit")).click();
        assertThat(Browser.textOf(browser, By.id("list-name"))).isEqualTo("Tea lovers");
        assertThat(Browser.textOf(browser, By.id("list-opt-in"))).isEqualTo("Double opt-in");
        assertThat(Browser.textOf(browser, By.id("members-empty"))).contains("Nobody");

        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("member-add-submit")).click();
        assertThat(Browser.textOf(browser, By.id("flash-code"))).isEqualTo("The profile is on the list.");
        assertThat(Browser.textOf(browser, By.id("members-table"))).contains(email).contains("Member");
        assertThat(Browser.textOf(browser, By.id("list-count"))).isEqualTo("1 member");

        browser.findElement(By.id("q")).sendKeys(email);
        browser.findElement(By.id("member-search-submit")).click();
        Browser.awaitText(browser, By.id("members-table"), email);

        browser.findElement(By.linkText(email)).click();
        assertThat(Browser.textOf(browser, By.id("profile-lists"))).contains("Tea lovers");

        Browser.navigate(browser, "nav-lists");
        assertThat(Browser.textOf(browser, By.id("lists-table"))).contains("Tea lovers").contains("1");
        browser.findElement(By.linkText("Tea lovers")).click();
        browser.findElement(By.id("list-delete")).click();
        assertThat(Browser.textOf(browser, By.id("delete-warning"))).contains("Its 1 member will be taken off it");
        browser.findElement(By.id("list-delete-confirm")).click();
        assertThat(Browser.textOf(browser, By.id("flash-code"))).isEqualTo("The list is deleted.");
        assertThat(Browser.textOf(browser, By.id("lists-empty"))).contains("No lists yet");
    }

    private void signUp() {
        browser.get(url("/signup"));
        browser.findElement(By.id("accountName")).sendKeys("Tern Teas");
        browser.findElement(By.id("name")).sendKeys("Tess Owner");
        browser.findElement(By.id("email")).sendKeys("owner-" + UUID.randomUUID() + "@store.example");
        browser.findElement(By.id("password")).sendKeys("correct horse battery");
        browser.findElement(By.id("signup-submit")).click();
        Browser.awaitHeading(browser, "Welcome, Tess Owner");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
