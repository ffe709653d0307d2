package app.alongside.console;

import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.TestServer;
import com.mongodb.client.model.Filters;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.Select;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin's privacy notice page in a real browser: the parts with their versions and how many young people read
 * each, publishing a new version (an error summary and errors at their fields first, then a success banner), axe
 * at desktop width and at 320 px, and the page refused to another role.
 */
class ConsolePrivacyNoticeBrowserIT {
    @Order(1)
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    @Order(2)
    @RegisterExtension
    static final ConsoleBrowserExtension BROWSER = new ConsoleBrowserExtension(SERVER);
    private final ConsoleBrowser browser = BROWSER.get();

    private long versions(String feature) {
        return SERVER.server().app().store().db().getCollection("privacyNotices")
                .countDocuments(Filters.eq("feature", feature));
    }

    private void axeAt320(String name) {
        Dimension desktop = browser.driver.manage().window().getSize();
        browser.driver.manage().window().setSize(new Dimension(320, 800));
        try {
            assertEquals(List.of(), browser.axe(), "axe-core at 320 px on " + name);
        } finally {
            browser.driver.manage().window().setSize(desktop);
        }
    }

    @Test
    void adminSeesEveryPartAndPublishesANewVersionAfterFixingTheErrors() {
        browser.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        browser.go("#/privacy");
        browser.heading("Privacy notice");
        browser.waitForText("table", "Talking to your advocate");
        String table = browser.text("table");
        for (String part : List.of("Account", "Messaging", "Sharing", "Expressing interest", "Push", "Export",
                "Access log")) {
            assertTrue(table.contains(part), part + " is listed: " + table);
        }
        assertTrue(table.contains("0 young people"), table);
        browser.check("admin-privacy-notice");
        axeAt320("admin-privacy-notice");

        new Select(browser.field("Part")).selectByVisibleText("Messaging");
        browser.waitUntil(d -> "Talking to your advocate".equals(browser.field("Title").getDomProperty("value")));
        browser.field("Summary").clear();
        browser.field("Summary").sendKeys("Short");
        browser.field("Points, one a line").clear();
        browser.button("Publish new version").click();
        browser.waitForText(".notice.error", "There is a problem");
        browser.waitForText(".notice.error li a", "Summary: Must be between 10 and 200 characters.");
        assertTrue(browser.errorFor(browser.field("Summary")).contains("between 10 and 200"), "at the summary");
        assertEquals(1, browser.driver.findElements(By.cssSelector(".notice.error li a")).size(),
                "the summary links to the field; the server stops at the first problem");
        browser.check("admin-privacy-notice-errors");
        axeAt320("admin-privacy-notice-errors");
        assertEquals(1, versions("MESSAGING"), "nothing published");

        browser.field("Summary").clear();
        browser.field("Summary").sendKeys("Your messages go only to the advocacy service that helps you.");
        browser.field("Points, one a line").sendKeys("We keep your messages.\nOnly your advocates read them.");
        browser.button("Publish new version").click();
        browser.waitForText(".notice.success", "Published version 2 of “Talking to your advocate”");
        browser.waitForText("tr[data-feature=MESSAGING]", "2 (1 earlier kept)");
        browser.check("admin-privacy-notice-published");
        assertEquals(2, versions("MESSAGING"), "the new version is kept beside the first");
    }

    @Test
    void anotherRoleGetsNoPrivacyNoticePage() {
        browser.signIn("laworkera@example.test", Platform.PASSWORD);
        browser.go("#/privacy");
        browser.waitForText("main", "not available for your role");
        assertTrue(browser.driver.findElements(By.linkText("Privacy notice")).isEmpty(), "not in the menu");
        assertEquals(1, versions("ACCOUNT"), "nothing published");
    }
}
