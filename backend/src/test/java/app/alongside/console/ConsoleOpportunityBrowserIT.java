package app.alongside.console;

import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A corporate parent posts an opportunity and an admin approves it (or sends it back with a reason), and a council
 * worker invites a young person, in a real browser; script typed into every text field comes back as text.
 */
class ConsoleOpportunityBrowserIT {
    @Order(1)
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    @Order(2)
    @RegisterExtension
    static final ConsoleBrowserExtension BROWSER = new ConsoleBrowserExtension(SERVER);
    private final ConsoleBrowser browser = BROWSER.get();
    private static final String SCRIPT = "<script>window.hacked=1</script><img src=x onerror=\"window.hacked=2\">";
    private final Platform platform = SERVER.platform();

    @Test
    void corporateParentPostsAndAnAdminApproves() {
        String title = "Summer internship " + SCRIPT;
        post(title);
        browser.button("Submit for review").click();
        browser.waitForText(".notice.success", "Submitted for review.");
        browser.waitForText("dl", "Submitted");
        browser.check("corporate-opportunity");
        browser.go("#/opportunities");
        browser.heading("Your opportunities");
        browser.waitForText("table", title);
        browser.check("corporate-opportunities");
        assertNull(browser.script("return window.hacked"));
        browser.signOut();

        browser.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        browser.go("#/moderation");
        browser.heading("Moderation queue");
        browser.waitForText("ul.cards", title);
        browser.waitForText("ul.cards dd", "jobs@nhs.test " + SCRIPT);
        browser.check("admin-moderation-waiting");
        browser.button("Approve").click();
        browser.waitForText(".notice.success", "Approved: " + title + ".");
        browser.waitForText("main", "Nothing is waiting for review.");
        assertNull(browser.script("return window.hacked"), "nothing typed ran as script");
        Reply posted = platform.as("corporate").graphql("{ postedOpportunities { edges { node { title status } } } }");
        assertTrue(Ops.<List<Map<String, Object>>>at(posted, "postedOpportunities", "edges")
                .contains(Map.of("node", Map.of("title", title, "status", "APPROVED"))), posted.body());
    }

    @Test
    void anAdminSendsAnOpportunityBackWithAReasonThePosterSees() {
        post("Weekend course");
        browser.button("Submit for review").click();
        browser.waitForText(".notice.success", "Submitted for review.");
        browser.signOut();
        browser.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        browser.go("#/moderation");
        browser.heading("Moderation queue");
        WebElement card = browser.waitUntil(d -> d.findElements(By.cssSelector("ul.cards > li")).stream()
                .filter(e -> e.getText().contains("Weekend course")).findFirst().orElse(null));
        card.findElement(By.tagName("summary")).click();
        card.findElements(By.tagName("button")).stream().filter(b -> b.getText().equals("Send back")).findFirst()
                .orElseThrow().click();
        WebElement reason = card.findElement(By.tagName("textarea"));
        assertTrue(!browser.errorFor(reason).isBlank(), "an empty reason is refused next to the field");
        reason.sendKeys("Say who it is for " + SCRIPT);
        card.findElements(By.tagName("button")).stream().filter(b -> b.getText().equals("Send back")).findFirst()
                .orElseThrow().click();
        browser.waitForText(".notice.success", "Sent back: Weekend course.");
        browser.signOut();
        browser.signIn("corporate@example.test", Platform.PASSWORD);
        browser.go("#/opportunities");
        browser.heading("Your opportunities");
        browser.waitUntil(d -> d.findElement(By.linkText("Weekend course"))).click();
        browser.heading("Weekend course");
        browser.waitForText("dl", "Say who it is for " + SCRIPT);
        assertNull(browser.script("return window.hacked"));
        browser.check("corporate-opportunity-rejected");

        browser.driver.findElement(By.xpath("//summary[text()='Change this opportunity']")).click();
        browser.field("Title").clear();
        browser.field("Title").sendKeys("Weekend course for 16 to 25 year olds");
        browser.button("Save changes").click();
        browser.heading("Weekend course for 16 to 25 year olds");
        browser.waitForText(".notice.success", "Your changes have been saved.");
        browser.button("Submit for review").click();
        browser.waitForText(".notice.success", "Submitted for review.");
        browser.button("Close early").click();
        browser.waitForText(".notice.success", "The opportunity is closed.");
        browser.waitForText("dl", "Closed");
    }

    @Test
    void councilWorkerInvitesAYoungPersonAndSeesTheCodeOnce() {
        browser.signIn("laworkera@example.test", Platform.PASSWORD);
        browser.go("#/invite");
        browser.heading("Invite a young person");
        browser.check("la-invite");
        browser.field("First name").sendKeys("Dee" + SCRIPT);
        browser.button("Create invite").click();
        assertEquals("Error: Enter their date of birth.", browser.dateError("Date of birth"));
        browser.fillDate("Date of birth", "2008-03-14");
        new Select(browser.field("Legal status")).selectByVisibleText("Relevant");
        browser.button("Create invite").click();
        assertTrue(!browser.errorFor(browser.field("First name")).isBlank(), "script is not a name");
        browser.field("First name").clear();
        browser.field("First name").sendKeys("Dee");
        browser.button("Create invite").click();
        String code = browser.text("[data-invite-code]");
        assertTrue(code.replace("-", "").length() >= 12, code);
        browser.check("la-invite-code");
        Reply people = platform.as("laWorkerA").graphql("{ youngPeople { edges { node { firstName } } } }");
        assertTrue(Ops.<List<Map<String, Map<String, String>>>>at(people, "youngPeople", "edges").stream()
                .anyMatch(e -> e.get("node").get("firstName").equals("Dee")), people.body());

        browser.go("#/young-people");
        browser.heading("Your council's young people");
        browser.waitForText("ul.cards", "Dee");
        browser.check("la-young-people");
        browser.driver.findElement(By.xpath("//summary[text()='Transfer Dee to another council']")).click();
        WebElement council = browser.field("Id of the council to move to");
        council.sendKeys("nowhere");
        browser.button("Transfer").click();
        assertTrue(!browser.errorFor(council).isBlank(), "a bad council id is named by the field");
        council.clear();
        council.sendKeys(platform.councilB);
        browser.button("Transfer").click();
        browser.waitForText(".notice.success", "Dee has moved to Southvale Borough Council.");
        browser.waitUntil(d -> !d.findElement(By.tagName("main")).getText().contains("Transfer Dee"));
        browser.go("#/invite");
        browser.heading("Invite a young person");
        assertTrue(browser.driver.findElements(By.cssSelector("[data-invite-code]")).isEmpty(),
                "the code is not shown again");
        browser.go("#/moderation");
        browser.heading("Moderation queue");
        browser.check("la-moderation");
        browser.go("#/staff");
        browser.heading("Not available for your role");
    }

    /** The corporate parent signs in and saves a draft, first with a missing closing date. */
    private void post(String title) {
        browser.signIn("corporate@example.test", Platform.PASSWORD);
        browser.go("#/opportunities/new");
        browser.heading("Post an opportunity");
        browser.check("corporate-new-opportunity");
        browser.field("Title").sendKeys(title);
        browser.field("Description").sendKeys("Six weeks in our finance team. " + SCRIPT);
        new Select(browser.field("Kind")).selectByVisibleText("Work experience");
        new Select(browser.field("Missions")).selectByVisibleText("Work");
        browser.field("How to apply").sendKeys("Email us " + SCRIPT);
        browser.field("Contact").sendKeys("jobs@nhs.test " + SCRIPT);
        browser.button("Save draft").click();
        assertTrue(!browser.dateError("Closing date").isBlank(), "the missing date is named");
        browser.fillDate("Closing date", LocalDate.now().plusMonths(2).toString());
        browser.button("Save draft").click();
        browser.heading(title);
        browser.waitForText(".notice.success", "The draft has been saved.");
    }
}
