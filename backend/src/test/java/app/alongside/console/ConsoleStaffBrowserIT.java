package app.alongside.console;

import app.alongside.fixtures.Console;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.TestServer;
import app.alongside.fixtures.YoungPersonApp;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19's staff pages in a real browser: deactivating behind a confirmation and reactivating, never oneself; a
 * first password changed before anything else; the audit log in words with its filters; and the message that made
 * a conversation urgent, marked with its phrase.
 */
class ConsoleStaffBrowserIT {
    @Order(1)
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    @Order(2)
    @RegisterExtension
    static final ConsoleBrowserExtension BROWSER = new ConsoleBrowserExtension(SERVER);
    private final ConsoleBrowser browser = BROWSER.get();
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();

    @Test
    void deactivatingIsConfirmedFirstReactivatingLetsThemBackAndNobodyIsOfferedTheirOwn() {
        String dana = addStaff("Dana Leaving", "dana@example.test");
        Console.firstSignIn(http, "dana@example.test", Platform.FIRST_PASSWORD, Platform.PASSWORD);
        browser.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        browser.go("#/staff");
        browser.heading("Staff");
        WebElement me = browser.waitUntil(d -> d.findElements(By.cssSelector("ul.cards > li")).stream()
                .filter(li -> li.getText().contains("This is you.")).findFirst().orElse(null));
        assertTrue(me.findElements(By.tagName("a")).isEmpty() && me.findElements(By.tagName("button")).isEmpty(),
                "nothing to deactivate or reset on one's own row: " + me.getText());

        browser.driver.findElement(By.linkText("Deactivate Dana Leaving")).click();
        browser.heading("Are you sure you want to deactivate Dana Leaving?");
        browser.waitForText("main", "will be signed out at once");
        browser.check("staff-deactivate-confirm");
        browser.driver.findElement(By.linkText("Cancel and go back to staff")).click();
        browser.heading("Staff");
        assertEquals(200, Console.login(http, "dana@example.test", Platform.PASSWORD).status(),
                "cancel changes nothing");

        browser.driver.findElement(By.linkText("Deactivate Dana Leaving")).click();
        browser.button("Yes, deactivate Dana Leaving").click();
        browser.heading("Staff");
        browser.waitForText(".notice.success", "Dana Leaving is deactivated and signed out.");
        assertEquals(401, Console.login(http, "dana@example.test", Platform.PASSWORD).status());
        browser.check("staff-deactivated");

        browser.button("Reactivate Dana Leaving").click();
        browser.waitForText(".notice.success", "Dana Leaving can sign in again");
        assertEquals(200, Console.login(http, "dana@example.test", Platform.PASSWORD).status());
        browser.waitUntil(d -> !d.findElements(By.linkText("Deactivate Dana Leaving")).isEmpty());
        browser.check("staff-reactivated");

        String myId = (String) browser.script(
                "return JSON.parse(sessionStorage.getItem('alongside.session')).staff.id");
        browser.go("#/staff/" + myId + "/deactivate");
        browser.heading("Nothing to deactivate");
        browser.waitForText("main", "You cannot deactivate your own account.");
        assertFalse(dana.isBlank());
    }

    @Test
    void aFirstPasswordMustBeChangedBeforeAnythingElse() {
        addStaff("Finn First", "finn@example.test");
        browser.signIn("finn@example.test", Platform.FIRST_PASSWORD);
        browser.heading("Choose your own password");
        browser.waitForText(".notice.info", "set by someone else");
        assertTrue(browser.driver.findElements(By.linkText("Invite")).isEmpty(), "the menu offers nothing else");
        browser.check("password-change-required");
        browser.go("#/invite");
        browser.heading("Choose your own password");
        assertEquals("#/password", browser.hash());

        browser.field("Password you were given").sendKeys(Platform.FIRST_PASSWORD);
        browser.field("New password").sendKeys(Platform.FIRST_PASSWORD);
        browser.button("Change password").click();
        assertTrue(browser.errorFor(browser.field("New password")).contains("other than your current one"));
        browser.field("Password you were given").clear();
        browser.field("Password you were given").sendKeys(Platform.FIRST_PASSWORD);
        browser.field("New password").clear();
        browser.field("New password").sendKeys("a kettle of quiet mornings");
        browser.button("Change password").click();
        browser.waitForText(".notice.success", "Your password has been changed. You can now use the console.");
        assertEquals("#/", browser.hash());
        browser.driver.findElement(By.linkText("Invite")).click();
        browser.heading("Invite a young person");
    }

    @Test
    void theAuditLogReadsAsWordsAndFiltersByPersonActionAndDate() {
        platform.as("laWorkerA").graphql("{ youngPeople(first: 5) { edges { node { id } } } }");
        browser.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        browser.go("#/audit");
        browser.heading("Audit log");
        browser.waitForText("table.audit-table", "Signed in");
        assertReadable();
        WebElement cell = browser.driver.findElement(By.cssSelector("table.audit-table td"));
        assertEquals("break-word", cell.getCssValue("overflow-wrap"), "words break only when longer than the line");

        new Select(browser.field("Who did it")).selectByVisibleText("laWorkerA (Northshire County Council)");
        new Select(browser.field("What they did")).selectByVisibleText("Signed in");
        browser.button("Search").click();
        browser.waitUntil(d -> rows().size() == 1 && rows().getFirst().getText().contains("laWorkerA, Council worker"));
        assertTrue(rows().getFirst().getText().contains("Signed in"), rows().getFirst().getText());
        WebElement about = rows().getFirst().findElement(By.linkText("laWorkerA (staff account)"));
        assertEquals("#/staff", about.getDomAttribute("href"));

        setFrom("31", "2", "2026");
        browser.button("Search").click();
        String error = browser.dateError("From");
        assertTrue(error.contains("From must be a real date"), error);
        LocalDate tomorrow = LocalDate.now().plusDays(1);
        setFrom(tomorrow);
        browser.button("Search").click();
        browser.waitForText("main", "No events match.");
        setFrom(LocalDate.now());
        browser.button("Search").click();
        browser.waitUntil(d -> rows().size() == 1);
        new Select(browser.field("Who did it")).selectByVisibleText("Anyone");
        new Select(browser.field("What they did")).selectByVisibleText("Any action");
        browser.button("Search").click();
        browser.waitUntil(d -> rows().size() > 1);
        assertReadable();
        browser.check("admin-audit-readable");
    }

    @Test
    void theMessageThatMadeAConversationUrgentIsMarkedWithItsPhrase() {
        String[] invite = platform.invite("Ula");
        YoungPersonApp app = YoungPersonApp.signUp(http);
        app.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", invite[1])));
        String thread = Ops.at(app.graphql("{ myAdvocacy { thread { id } } }"), "myAdvocacy", "thread", "id");
        for (String body : List.of("Hello, is this the advocacy service?", "I am not safe at home tonight")) {
            Reply sent = app.graphql("mutation($input: SendMessageInput!) { sendMessage(input: $input) { "
                    + "userErrors { code } } }", Map.of("input", Map.of("threadId", thread, "body", body,
                    "clientMessageId", UUID.randomUUID().toString())));
            assertEquals(List.of(), Ops.at(sent, "sendMessage", "userErrors"), sent.body());
        }
        browser.signIn("advocate@example.test", Platform.PASSWORD);
        browser.go("#/threads/" + thread);
        browser.heading("Conversation with Ula");
        WebElement marked = browser.waitUntil(d -> d.findElements(By.cssSelector("ol.messages li.urgent-match"))
                .stream().findFirst().orElse(null));
        assertTrue(marked.getText().contains("Marked urgent: matched “not safe”"), marked.getText());
        assertTrue(marked.getText().contains("I am not safe at home tonight"), marked.getText());
        assertEquals(1, browser.driver.findElements(By.cssSelector("ol.messages li.urgent-match")).size());
        browser.check("advocate-thread-urgent-mark");
    }

    private void assertReadable() {
        String text = browser.driver.findElement(By.tagName("main")).getText();
        assertFalse(text.matches("(?s).*[A-Za-z0-9_-]{22,}.*"), "no base64 id: " + text);
        assertFalse(text.matches("(?s).*\\b[A-Z]{2,}_[A-Z_]+\\b.*"), "no raw enum value: " + text);
    }

    private void setFrom(LocalDate date) {
        setFrom(String.valueOf(date.getDayOfMonth()), String.valueOf(date.getMonthValue()),
                String.valueOf(date.getYear()));
    }

    /** Types the "From" date's day, month and year (the first of the two date inputs). */
    private void setFrom(String... dayMonthYear) {
        List<WebElement> parts = browser.driver.findElements(By.cssSelector("fieldset.date input"));
        for (int i = 0; i < 3; i++) {
            parts.get(i).clear();
            parts.get(i).sendKeys(dayMonthYear[i]);
        }
    }

    private List<WebElement> rows() {
        return browser.driver.findElements(By.cssSelector("table.audit-table tbody tr"));
    }

    private String addStaff(String name, String email) {
        Reply created = platform.admin.graphql(Ops.CREATE_STAFF, Ops.input(Map.of("organisationId",
                platform.councilA, "name", name, "email", email, "role", "LA_WORKER",
                "password", Platform.FIRST_PASSWORD)));
        assertEquals(List.of(), Ops.at(created, "createStaffMember", "userErrors"), created.body());
        return Ops.at(created, "createStaffMember", "staffMember", "id");
    }
}
