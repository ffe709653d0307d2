package app.alongside.console;

import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.TestServer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admins' Retention page in a real browser: every rule with its basis, period and action, and the job's last
 * run with its counts, passing axe at 1280 and 320 px; it is in no other role's menu and not available to them.
 */
class ConsoleRetentionBrowserIT {
    @Order(1)
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    @Order(2)
    @RegisterExtension
    static final ConsoleBrowserExtension BROWSER = new ConsoleBrowserExtension(SERVER);
    private final ConsoleBrowser browser = BROWSER.get();

    @Test
    void adminsSeeTheRulesAndTheLastRuns() {
        browser.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        browser.driver.findElement(By.linkText("Retention")).click();
        browser.heading("Retention");
        browser.waitForText("[aria-label='Retention rules']", "safeguardingConcerns");
        String rules = browser.text("[aria-label='Retention rules']");
        assertTrue(rules.contains("30 days from expiresAt"), rules);
        assertTrue(rules.contains("the TTL index on absoluteExpiresAt"), rules);
        assertTrue(rules.contains("Art 9(2)(g)"), rules);
        browser.waitForText("[aria-label='Retention runs']", "invites: 0");
        browser.check("admin-retention");
    }

    @Test
    void otherRolesDoNotHaveThePage() {
        browser.signIn("laworkera@example.test", Platform.PASSWORD);
        browser.heading("Welcome, laWorkerA");
        assertFalse(browser.text("nav").contains("Retention"), "not in a council worker's menu");
        browser.go("#/retention");
        browser.heading("Not available for your role");
        browser.check("la-worker-retention-refused");
    }
}
