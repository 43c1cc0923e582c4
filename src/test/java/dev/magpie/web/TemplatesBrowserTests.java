package dev.magpie.web;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.Profiles;
import dev.magpie.testing.Marketers;
import dev.magpie.testing.Marketers.Marketer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A marketer works on an email template in a real browser: creates one from the welcome starter, previews it for
 * a real profile (its first name appears) on a desktop and a phone-width frame, edits it and sees the preview follow,
 * saves it, and is shown where a template that does not parse goes wrong.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class TemplatesBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    Profiles profiles;

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
    void createFromAStarterPreviewForAProfileEditAndSave() throws Exception {
        Marketer owner = new Marketers(mvc).signUp("Wren Teas");
        String email = "mei-" + UUID.randomUUID().toString().substring(0, 8) + "@tea.example";
        profiles.upsert(owner.accountId(), new ProfileAttributes(new Identifiers(email, null, null, null), "Meiling",
                "Lin", null, null, null, null, Map.of(), null));
        signIn(owner);

        Browser.navigate(browser, "nav-templates");
        assertThat(Browser.textOf(browser, By.id("templates-empty"))).contains("No templates yet");
        browser.findElement(By.id("name")).sendKeys("Welcome mail");
        browser.findElement(By.id("starter-welcome")).click();
        browser.findElement(By.id("template-create-submit")).click();
        Browser.awaitHeading(browser, "Welcome mail");
        assertThat(browser.findElement(By.id("html")).getAttribute("value")).contains("{{ first_name");

        // The sample profile first, then the real one
        awaitPreview(frame -> frame.contains("Jane"));
        browser.findElement(By.id("profileEmail")).sendKeys(email);
        awaitPreview(frame -> frame.contains("Welcome, Meiling!"));
        assertThat(Browser.textOf(browser, By.id("preview-profile"))).contains(email);
        assertThat(Browser.textOf(browser, By.id("preview-text"))).contains("Welcome, Meiling!");

        click(By.cssSelector("label[for=frame-phone]"));
        assertThat(browser.findElement(By.id("preview-frame-holder")).getCssValue("max-width")).isEqualTo("375px");
        click(By.cssSelector("label[for=frame-desktop]"));

        WebElement html = browser.findElement(By.id("html"));
        html.clear();
        html.sendKeys("<p>Hello {{ first_name }}, fresh leaves are in.</p>");
        awaitPreview(frame -> frame.contains("Hello Meiling, fresh leaves are in."));
        click(By.id("template-save"));
        assertThat(Browser.textOf(browser, By.id("flash-code"))).isEqualTo("The template is saved.");
        assertThat(Browser.textOf(browser, By.id("template-version"))).isEqualTo("Version 2");
        assertThat(Browser.textOf(browser, By.id("template-versions"))).contains("Version 1");

        html = browser.findElement(By.id("html"));
        html.clear();
        html.sendKeys("<p>Hello</p>\n<p>{% if first_name %}Hi</p>");
        click(By.id("template-save"));
        assertThat(Browser.textOf(browser, By.id("html-error"))).contains("Line 2, column");
        assertThat(browser.findElement(By.id("html")).getAttribute("value")).contains("{% if first_name %}Hi");
    }

    private void awaitPreview(java.util.function.Predicate<String> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> {
            try {
                String srcdoc = driver.findElement(By.id("preview-frame")).getAttribute("srcdoc");
                return srcdoc != null && condition.test(srcdoc);
            }
            catch (org.openqa.selenium.NoSuchElementException | org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
    }

    /**
     * Clicks an element of the editor, which is taller than the window: headless Chromium sometimes reports the
     * element above the window after the preview re-renders, and then the click is the page's own.
     */
    private void click(By locator) {
        WebElement element = browser.findElement(locator);
        try {
            element.click();
        }
        catch (org.openqa.selenium.ElementClickInterceptedException outOfView) {
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].click();", element);
        }
    }

    private void signIn(Marketer owner) {
        browser.get(url("/signin"));
        browser.findElement(By.id("email")).sendKeys(owner.email());
        browser.findElement(By.id("password")).sendKeys(Marketers.PASSWORD);
        browser.findElement(By.id("signin-submit")).click();
        Browser.awaitHeading(browser, "Welcome, Owner of Wren Teas");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
