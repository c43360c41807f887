package dev.servicebot.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and ChromeDriver, headless, for browser tests. A missing browser fails the
 * test (never skips it); nothing is downloaded.
 */
public final class HeadlessChromium {
    private HeadlessChromium() {
    }

    public static WebDriver start() {
        String browser = System.getenv().getOrDefault("SERVICEBOT_CHROMIUM", "/usr/bin/chromium");
        String driver = System.getenv().getOrDefault("SERVICEBOT_CHROMEDRIVER", "/usr/bin/chromedriver");
        assertThat(new File(browser)).as("Chromium (apt-get install chromium chromium-driver)").exists();
        assertThat(new File(driver)).as("ChromeDriver (apt-get install chromium-driver)").exists();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1200,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver)).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Saves a screenshot under target/screenshots/ (kept as a test artifact). */
    public static Path screenshot(WebDriver browser, String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        return file;
    }
}
