package dev.magpie.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium driven by its chromedriver, with none of Chromium's calls home. */
public final class Browser {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Browser() {
    }

    public static ChromeDriver start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            // .ci/run installs both; say clearly why a developer's run skips the browser tests.
            Assumptions.abort("Browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return driver;
    }

    /**
     * Follows the main navigation's link {@code id}, first opening the menu it sits in when it is in one (the
     * Audience and Analytics menus), as a marketer would.
     */
    public static void navigate(WebDriver driver, String id) {
        WebElement link = driver.findElement(By.id(id));
        if (!link.isDisplayed()) {
            link.findElement(By.xpath("ancestor::li[contains(@class,'dropdown')]/a[contains(@class,'dropdown-toggle')]"))
                .click();
            new WebDriverWait(driver, Duration.ofSeconds(5)).until(ExpectedConditions.visibilityOf(link));
        }
        link.click();
    }

    /**
     * The text of the element {@code by} finds, found again when the page replaced it while it was read (a reload,
     * an htmx swap).
     */
    public static String textOf(WebDriver driver, By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
            .until(current -> current.findElement(by).getText());
    }

    /** The attribute {@code name} of the element {@code by} finds, found again as {@link #textOf} does. */
    public static String attributeOf(WebDriver driver, By by, String name) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
            .until(current -> current.findElement(by).getAttribute(name));
    }

    /** Waits until the element {@code by} finds holds {@code text}, whatever pages load meanwhile. */
    public static void awaitText(WebDriver driver, By by, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
            .until(current -> current.findElement(by).getText().contains(text));
    }

    /**
     * Waits until the page's heading reads {@code text}. After a click the previous page's heading may still be
     * there, and asking it for its text while the next page loads fails on a stale element.
     */
    public static void awaitHeading(WebDriver driver, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.textToBe(By.tagName("h1"), text));
    }
}
