package dev.magpie.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store owner imports a CSV file in a real browser: uploads it, checks the guessed mapping and the preview,
 * starts the import, watches the progress bar reach 100 % on its own, and downloads the error report.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CsvImportBrowserTests {

    @LocalServerPort
    int port;

    @TempDir
    Path directory;

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
    void uploadMapImportAndDownloadTheErrorReport() throws Exception {
        String domain = "browser-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        Path csv = directory.resolve("newsletter.csv");
        Files.writeString(csv, """
                Email,First Name,Country,Points
                ana@%1$s,Ana,Portugal,10
                ben@%1$s,Ben,Norway,25
                not-an-email,Nobody,Nowhere,3
                """.formatted(domain));
        signUp();

        Browser.navigate(browser, "nav-imports");
        browser.findElement(By.id("new-import")).click();
        browser.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
        browser.findElement(By.id("upload-submit")).click();

        Browser.awaitHeading(browser, "Map the columns");
        assertThat(new Select(browser.findElement(By.id("columns0.target"))).getFirstSelectedOption().getText())
            .isEqualTo("Email");
        assertThat(new Select(browser.findElement(By.id("columns3.type"))).getFirstSelectedOption().getText())
            .isEqualTo("Number");
        assertThat(Browser.textOf(browser, By.id("preview-table"))).contains("ana@" + domain).contains("Points: 10");
        new Select(browser.findElement(By.id("columns1.target"))).selectByVisibleText("Skip this column");
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions
            .not(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-table"), "Ana")));
        new Select(browser.findElement(By.id("columns1.target"))).selectByVisibleText("First name");
        browser.findElement(By.id("consent-subscribe")).click();
        new WebDriverWait(browser, Duration.ofSeconds(5))
            .until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-table"), "subscribed"));
        assertThat(Browser.textOf(browser, By.id("preview-table"))).contains("Ana");
        WebElement start = browser.findElement(By.id("start-import"));
        // Bootstrap scrolls smoothly: a click while the page still moves lands elsewhere
        ((JavascriptExecutor) browser).executeScript(
                "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", start);
        start.click();

        new WebDriverWait(browser, Duration.ofSeconds(60))
            .until(ExpectedConditions.textToBe(By.id("progress-percent"), "100 %"));
        assertThat(Browser.textOf(browser, By.id("progress-status"))).isEqualTo("Complete");
        assertThat(Browser.textOf(browser, By.id("count-created"))).isEqualTo("2");
        assertThat(Browser.textOf(browser, By.id("count-failed"))).isEqualTo("1");
        String report = browser.findElement(By.id("error-report")).getAttribute("href");
        assertThat(download(report)).contains("4,Email,not-an-email,Invalid email address");

        Browser.navigate(browser, "nav-imports");
        assertThat(Browser.textOf(browser, By.id("imports-table"))).contains("newsletter.csv").contains("Complete");
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

    /** The file behind a link, fetched with the browser's session. */
    private String download(String link) throws Exception {
        Cookie session = browser.manage().getCookieNamed("JSESSIONID");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link))
            .header("Cookie", "JSESSIONID=" + session.getValue())
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
