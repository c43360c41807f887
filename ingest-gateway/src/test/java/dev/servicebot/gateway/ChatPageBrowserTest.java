package dev.servicebot.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servicebot.devstack.DevStack;
import dev.servicebot.devstack.DevStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page in a real headless Chromium (Debian's chromium and chromium-driver): pick a
 * customer, send a message, see it acknowledged. Fails, never skips, when the browser is missing.
 * A screenshot is kept in target/screenshots/.
 */
@ExtendWith(DevStackExtension.class)
class ChatPageBrowserTest {

    @Test
    void pickACustomerSendAMessageAndSeeItAcknowledged(DevStack stack) throws Exception {
        try (GatewayServer gateway = GatewayHarness.start(stack)) {
            WebDriver browser = HeadlessChromium.start();
            try {
                browser.get("http://127.0.0.1:" + gateway.publicPort() + "/");
                new Select(browser.findElement(By.id("customer"))).selectByValue("cust_002");
                browser.findElement(By.id("connect")).click();
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
                wait.until(d -> "online".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
                wait.until(d -> d.findElement(By.id("devices")).getText().contains("dev_003"));

                WebElement text = browser.findElement(By.id("text"));
                text.sendKeys("Is my bedroom speaker online?", Keys.ENTER);
                WebElement sent = wait.until(d -> d.findElements(By.cssSelector("#messages li.customer")).stream()
                        .filter(li -> "sent".equals(li.getAttribute("data-state"))).findFirst().orElse(null));
                assertThat(sent.getText()).contains("Is my bedroom speaker online?");
                assertThat(sent.getAttribute("data-message-id")).startsWith("msg-");
                assertThat(browser.findElement(By.id("allowed")).getText()).contains("move devices between rooms");
                assertThat(browser.findElement(By.id("upgrades")).getText()).contains("enterprise");
                Path shot = HeadlessChromium.screenshot(browser, "chat-page-acknowledged.png");
                assertThat(Files.size(shot)).isGreaterThan(1000);
            } finally {
                browser.quit();
            }
        }
    }
}
