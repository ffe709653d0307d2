package app.alongside.console;

import app.alongside.fixtures.Console;
import app.alongside.fixtures.OpportunityOps;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.TestServer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GOV.UK patterns the console's shared modules give every page, in a real browser: the error summary and its
 * links, the date input's errors, the success banner, a table that reflows at 320 px, the home pages' work queues
 * (and who must not see an item) and the moderation preview of an opportunity as the app renders it.
 */
class ConsolePatternsBrowserIT {
    @Order(1)
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    @Order(2)
    @RegisterExtension
    static final ConsoleBrowserExtension BROWSER = new ConsoleBrowserExtension(SERVER);
    private static final String YOUNG_PEOPLE = "{ youngPeople(first: 100) { edges { node { firstName } } } }";
    private final ConsoleBrowser browser = BROWSER.get();
    private final Platform platform = SERVER.platform();

    @Test
    void errorSummaryLinksMoveFocusToTheirFields() {
        browser.signIn("laworkera@example.test", Platform.PASSWORD);
        browser.go("#/invite");
        WebElement title = browser.heading("Invite a young person");
        browser.waitUntil(d -> title.equals(d.switchTo().activeElement()));
        assertEquals("none", title.getCssValue("box-shadow"), "a heading focused by script shows no focus box");
        assertEquals("none", title.getCssValue("outline-style"));
        browser.field("First name").sendKeys("Ola");
        browser.button("Create invite").click();
        WebElement summary = browser.waitUntil(d -> d.findElement(By.cssSelector(".error-summary:not([hidden])")));
        assertEquals("There is a problem", summary.findElement(By.tagName("h2")).getText());
        assertEquals(summary, browser.driver.switchTo().activeElement(), "the summary takes focus when it appears");
        assertEquals(List.of("Date of birth: Enter their date of birth.", "Legal status: Choose their legal status."),
                summary.findElements(By.cssSelector("li a")).stream().map(WebElement::getText).toList());
        browser.check("pattern-error-summary");
        summary.findElement(By.linkText("Legal status: Choose their legal status.")).click();
        assertEquals(browser.field("Legal status"), browser.driver.switchTo().activeElement());
        summary.findElement(By.linkText("Date of birth: Enter their date of birth.")).click();
        assertEquals(browser.field("Day"), browser.driver.switchTo().activeElement(), "a date's link goes to its day");
        assertEquals("#/invite", browser.hash(), "the links leave the address alone");
    }

    @Test
    void dateInputSaysWhatIsWrongAndSendsNothing() {
        browser.signIn("laworkera@example.test", Platform.PASSWORD);
        browser.go("#/invite");
        browser.heading("Invite a young person");
        WebElement day = browser.field("Day");
        assertEquals("numeric", day.getDomAttribute("inputmode"));
        assertEquals("text", day.getDomAttribute("type"), "no browser date picker");
        browser.field("First name").sendKeys("Pia");
        new Select(browser.field("Legal status")).selectByVisibleText("Relevant");
        String[][] cases = {
            {"31-02-2008", "Error: Date of birth must be a real date"},
            {"14--", "Error: Date of birth must include a month and year"},
            {"14-3-08", "Error: Year must include 4 numbers"},
            {"aa-3-2008", "Error: Date of birth must be a real date"},
        };
        for (String[] c : cases) {
            String[] parts = c[0].split("-", -1);
            type("Day", parts[0]);
            type("Month", parts[1]);
            type("Year", parts[2]);
            browser.button("Create invite").click();
            assertEquals(c[1], browser.dateError("Date of birth"), c[0]);
        }
        assertEquals(1, browser.driver.findElements(By.cssSelector("fieldset.date .field-error:not([hidden])"))
                .size(), "one error for the three inputs");
        assertEquals("true", browser.field("Day").getDomAttribute("aria-invalid"), "the part in error is marked");
        assertEquals(null, browser.field("Year").getDomAttribute("aria-invalid"), "the year was right");
        browser.check("pattern-date-input-error");
        String names = SERVER.platform().as("laWorkerA").graphql(YOUNG_PEOPLE).body();
        assertFalse(names.contains("Pia"), "nothing was sent: " + names);

        browser.fillDate("Date of birth", "2008-03-14");
        browser.button("Create invite").click();
        browser.text("[data-invite-code]");
        assertTrue(SERVER.platform().as("laWorkerA").graphql(YOUNG_PEOPLE).body().contains("Pia"));
    }

    @Test
    void moderationPreviewsTheRenderedDescriptionAndABannerConfirmsTheApproval() {
        String id = ConsoleAllPagesBrowserIT.submitted(platform.as("corporate"), "Preview apprenticeship");
        browser.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        browser.go("#/moderation");
        browser.heading("Moderation queue");
        WebElement card = browser.waitUntil(d -> d.findElement(By.cssSelector("li[data-opportunity='" + id + "']")));
        WebElement preview = card.findElement(By.cssSelector(".app-preview"));
        assertEquals("friendly", preview.findElement(By.cssSelector(".preview-description strong")).getText());
        assertEquals(List.of("Paid training", "Flexible hours"), preview.findElements(By.cssSelector(
                ".preview-description ul li")).stream().map(WebElement::getText).toList());
        assertFalse(card.getText().contains("**"), "no Markdown source: " + card.getText());
        assertFalse(card.getText().contains("- Paid"), "no Markdown list: " + card.getText());
        browser.check("pattern-moderation-preview");

        card.findElement(By.xpath(".//button[normalize-space()='Approve']")).click();
        WebElement banner = browser.waitUntil(d -> d.findElement(By.cssSelector(".notification-banner")));
        browser.waitForText(".notification-banner", "Approved: Preview apprenticeship.");
        assertEquals("Success", banner.findElement(By.tagName("h2")).getText());
        assertEquals(banner, browser.driver.switchTo().activeElement(), "the banner takes focus");
        assertEquals("APPROVED", Ops.at(platform.admin.graphql(OpportunityOps.NODE,
                Map.of("id", id)), "node", "status"));
        browser.check("pattern-success-banner");
    }

    @Test
    void organisationsTableReflowsAt320WithWholeWords() {
        browser.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        browser.go("#/organisations");
        browser.heading("Organisations");
        browser.waitForText("table", "Northshire County Council");
        Dimension desktop = browser.driver.manage().window().getSize();
        browser.driver.manage().window().setSize(new Dimension(320, 800));
        try {
            browser.waitUntil(d -> ((Number) browser.script("return window.innerWidth")).intValue() <= 400);
            assertFalse("table-cell".equals(browser.driver.findElement(By.cssSelector("table.reflow td"))
                    .getCssValue("display")), "cells stack, each labelled with its column");
            assertEquals(0L, browser.script("return document.documentElement.scrollWidth - "
                    + "document.documentElement.clientWidth"), "nothing scrolls sideways");
            assertEquals(List.of(), browser.script(BROKEN_WORDS), "words broken into fragments");
            browser.screenshot("pattern-organisations-reflow-320px");
        } finally {
            browser.driver.manage().window().setSize(desktop);
        }
    }

    /** Every word in the table's cells whose letters fall on more than one line. */
    private static final String BROKEN_WORDS = """
            const broken = [];
            for (const cell of document.querySelectorAll('table.reflow td')) {
              const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                if (node.parentElement.closest('.visually-hidden')) continue;
                for (const match of node.textContent.matchAll(/\\S+/g)) {
                  const range = document.createRange();
                  range.setStart(node, match.index);
                  range.setEnd(node, match.index + match[0].length);
                  const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                  if (tops.size > 1) broken.push(match[0]);
                }
              }
            }
            return broken;""";

    @Test
    void homeQueuesShowWhatIsWaitingWithItsAgeAndOnlyToThoseWhoMaySeeIt() {
        String[] amara = ConsoleAllPagesBrowserIT.onboard(SERVER.http(), platform, "Amara",
                "Can someone call me back?");
        String[] bea = ConsoleAllPagesBrowserIT.onboard(SERVER.http(), platform, "Bea", "I feel unsafe at home");
        platform.invite("Cal");
        browser.signIn("advocate@example.test", Platform.PASSWORD);
        browser.heading("Welcome, advocate");
        WebElement waiting = queue("unanswered");
        assertTrue(waiting.findElement(By.cssSelector("[data-count]")).getText().matches("[2-9]\\d*( or more)?"),
                waiting.getText());
        WebElement item = waiting.findElement(By.cssSelector("li[data-thread='" + amara[1] + "']"));
        assertEquals("Conversation with Amara", item.findElement(By.tagName("a")).getText());
        assertEquals("#/threads/" + amara[1], item.findElement(By.tagName("a")).getDomAttribute("href"));
        assertTrue(item.findElement(By.cssSelector(".age")).getText().matches("waiting \\d+ minutes?.*"),
                item.getText());
        WebElement urgent = queue("urgent");
        assertEquals("Conversation with Bea", urgent.findElement(By.cssSelector("li[data-thread='" + bea[1] + "'] a"))
                .getText());
        assertTrue(urgent.findElements(By.cssSelector("li[data-thread='" + amara[1] + "']")).isEmpty());
        browser.check("pattern-advocate-home-queues");
        browser.signOut();

        browser.signIn("otheradvocate@example.test", Platform.PASSWORD);
        browser.heading("Welcome, otherAdvocate");
        assertEquals("0", queue("unanswered").findElement(By.cssSelector("[data-count]")).getText(),
                "another service's advocate sees none of them");
        assertTrue(browser.driver.findElements(By.cssSelector("li[data-thread]")).isEmpty());
        browser.signOut();

        browser.signIn("manager@example.test", Platform.PASSWORD);
        browser.heading("Welcome, manager");
        queue("allocations").findElement(By.xpath(".//li[contains(., 'Amara')]"));
        browser.waitForText("[data-queue=figures]", "within 1 working day");
        browser.check("pattern-manager-home-queues");
        browser.signOut();

        browser.signIn("laworkera@example.test", Platform.PASSWORD);
        browser.heading("Welcome, laWorkerA");
        WebElement invites = queue("invites");
        assertTrue(invites.getText().contains("Cal"), invites.getText());
        assertFalse(invites.getText().contains("Amara"), "Amara has redeemed hers");
        browser.signOut();
        browser.signIn("laworkerb@example.test", Platform.PASSWORD);
        browser.heading("Welcome, laWorkerB");
        assertEquals("0", queue("invites").findElement(By.cssSelector("[data-count]")).getText(),
                "another council's worker sees none of them");
        browser.signOut();

        for (int i = 0; i < 5; i++) {
            Console.login(SERVER.http(), "corporate@example.test", "not the password " + i);
        }
        browser.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        browser.heading("Welcome, Platform admin");
        WebElement locked = queue("locked");
        browser.waitForText("[data-queue=locked]", "corporate (corporate parent)");
        assertEquals("1", locked.findElement(By.cssSelector("[data-count]")).getText(), locked.getText());
        queue("moderation");
        queue("push");
        browser.driver.findElement(By.linkText("Push delivery"));
        browser.check("pattern-admin-home-queues");
    }

    private WebElement queue(String id) {
        return browser.waitUntil(d -> d.findElement(By.cssSelector("section[data-queue='" + id + "']")));
    }

    private void type(String label, String text) {
        WebElement input = browser.field(label);
        input.clear();
        input.sendKeys(text);
    }
}
