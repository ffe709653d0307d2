package app.alongside.console;

import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.TestServer;
import app.alongside.fixtures.YoungPersonApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An advocate answers a young person live in a real browser: the young person writes from their app (through the
 * API with a Firebase emulator token), the inbox and the open conversation update over the WebSocket, the advocate
 * replies and the young person reads it. Also the advocacy manager's pages.
 */
class ConsoleAdvocateBrowserIT {
    @Order(1)
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    @Order(2)
    @RegisterExtension
    static final ConsoleBrowserExtension BROWSER = new ConsoleBrowserExtension(SERVER);
    private final ConsoleBrowser browser = BROWSER.get();
    private static final String MY_ADVOCACY = "{ myAdvocacy { thread { id } } }";
    private static final String SEND = """
            mutation Send($input: SendMessageInput!) { sendMessage(input: $input) {
              message { sequence } userErrors { field message code } } }""";
    private static final String MESSAGES = """
            query Messages($threadId: ID!) { messages(threadId: $threadId) { edges { node {
              body author { kind name } } } } }""";
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();

    @Test
    void advocateAnswersAMessageThatArrivesLive() {
        Person amara = onboard("Amara");
        browser.signIn("advocate@example.test", Platform.PASSWORD);
        browser.go("#/inbox");
        browser.heading("Inbox");
        browser.waitUntil(d -> "on".equals(browser.script("return document.documentElement.dataset.live")));

        send(amara, "Hi, can you come to my review meeting?");
        WebElement item = browser.waitUntil(d -> d.findElements(By.cssSelector("li[data-thread='" + amara.thread
                + "']")).stream().filter(e -> e.getText().contains("Unanswered")).findFirst().orElse(null));
        assertTrue(item.getText().contains("Amara"), item.getText());
        browser.waitForText("[role=status]", "The inbox has been updated.");
        browser.check("advocate-inbox");

        item.findElement(By.tagName("a")).click();
        browser.heading("Conversation with Amara");
        assertEquals("#/threads/" + amara.thread, browser.hash(), "only the opaque id is in the address");
        browser.waitForText("ol.messages", "Hi, can you come to my review meeting?");
        browser.waitUntil(d -> "on".equals(browser.script("return document.documentElement.dataset.live")));

        String script = "<script>window.hacked=1</script><img src=x onerror=\"window.hacked=2\">";
        send(amara, "Also " + script);
        browser.waitForText("ol.messages li[data-sequence='2']", "Also " + script);
        assertNull(browser.script("return window.hacked"), "a message is shown as text, never run");

        browser.field("Reply to Amara").sendKeys("Yes, I'll be there.");
        browser.button("Send reply").click();
        browser.waitForText("ol.messages li[data-sequence='3']", "Yes, I'll be there.");
        assertEquals("", browser.field("Reply to Amara").getDomProperty("value"));
        browser.check("advocate-thread");

        Reply read = amara.app.graphql(MESSAGES, Map.of("threadId", amara.thread));
        List<Map<String, Map<String, Object>>> edges = Ops.at(read, "messages", "edges");
        Map<String, Object> last = edges.get(edges.size() - 1).get("node");
        assertEquals("Yes, I'll be there.", last.get("body"), read.body());
        assertEquals("STAFF", ((Map<?, ?>) last.get("author")).get("kind"));

        browser.button("Send reply").click();
        assertEquals("Error: Write a reply before sending.", browser.errorFor(browser.field("Reply to Amara")));

        browser.go("#/inbox");
        browser.heading("Inbox");
        browser.field("Unanswered").click();
        browser.waitUntil(d -> d.findElements(By.cssSelector("li[data-thread='" + amara.thread + "']")).isEmpty());
        browser.waitForText("main", "No conversations match.");
        browser.check("advocate-inbox-filtered");
    }

    /**
     * The "done when", as a new user would: the bootstrap admin creates a council and an advocacy service
     * with staff, the council worker invites a young person, and the new advocate answers them live.
     */
    @Test
    void fromTheBootstrapAdminToALiveAnswer() {
        browser.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        browser.go("#/organisations");
        browser.heading("Organisations");
        browser.field("Name").sendKeys("Westdale Council");
        new Select(browser.field("Kind")).selectByVisibleText("Council (local authority)");
        browser.button("Add organisation").click();
        browser.waitForText(".notice.success", "Added Westdale Council.");
        browser.field("Name").sendKeys("Westdale Advocacy");
        new Select(browser.field("Kind")).selectByVisibleText("Advocacy service");
        new Select(browser.field("Councils served (advocacy services only)")).selectByVisibleText("Westdale Council");
        browser.button("Add organisation").click();
        browser.waitForText(".notice.success", "Added Westdale Advocacy.");
        addStaff("Westdale Council", "Wendy Worker", "wendy@westdale.test", "Council worker");
        addStaff("Westdale Advocacy", "Ali Advocate", "ali@westdale.test", "Advocate");
        browser.signOut();

        browser.firstSignIn("wendy@westdale.test", "a long first password for staff", "a kettle of quiet mornings");
        browser.go("#/invite");
        browser.heading("Invite a young person");
        browser.field("First name").sendKeys("Eve");
        browser.fillDate("Date of birth", "2007-09-02");
        new Select(browser.field("Legal status")).selectByVisibleText("Former relevant");
        browser.button("Create invite").click();
        String code = browser.text("[data-invite-code]");
        browser.signOut();
        YoungPersonApp app = YoungPersonApp.signUp(http);
        Reply redeemed = app.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", code)));
        assertEquals("Eve", Ops.at(redeemed, "redeemInvite", "youngPerson", "firstName"), redeemed.body());
        Person eve = new Person(Ops.at(redeemed, "redeemInvite", "youngPerson", "id"), app,
                Ops.at(app.graphql(MY_ADVOCACY), "myAdvocacy", "thread", "id"));

        browser.firstSignIn("ali@westdale.test", "a long first password for staff", "ali's own passphrase");
        browser.go("#/inbox");
        browser.heading("Inbox");
        browser.waitUntil(d -> "on".equals(browser.script("return document.documentElement.dataset.live")));
        send(eve, "Hello, is anyone there?");
        browser.waitUntil(d -> {
            // A live update may redraw the inbox between finding the link and clicking it: find it again then.
            d.findElement(By.cssSelector("li[data-thread='" + eve.thread + "'] a")).click();
            return true;
        });
        browser.heading("Conversation with Eve");
        browser.waitForText("ol.messages", "Hello, is anyone there?");
        browser.field("Reply to Eve").sendKeys("Hi Eve, I'm Ali, your advocate.");
        browser.button("Send reply").click();
        browser.waitForText("ol.messages li[data-sequence='2']", "Hi Eve, I'm Ali, your advocate.");
        Reply read = app.graphql(MESSAGES, Map.of("threadId", eve.thread));
        assertTrue(read.body().contains("Hi Eve, I'm Ali, your advocate."), read.body());
    }

    private void addStaff(String organisation, String name, String email, String role) {
        browser.go("#/staff");
        browser.heading("Staff");
        new Select(browser.field("Organisation")).selectByVisibleText(organisation);
        browser.field("Name").sendKeys(name);
        browser.field("Email address").sendKeys(email);
        new Select(browser.field("Role")).selectByVisibleText(role);
        browser.field("First password").sendKeys("a long first password for staff");
        browser.button("Add staff member").click();
        browser.waitForText(".notice.success", "Added " + name + ".");
    }

    @Test
    void advocateRaisesASafeguardingConcernAndSeesWhatWasShared() {
        Person bea = onboard("Bea");
        send(bea, "Hello");
        browser.signIn("advocate@example.test", Platform.PASSWORD);
        browser.go("#/threads/" + bea.thread);
        browser.heading("Conversation with Bea");
        browser.driver.findElement(By.cssSelector("details summary")).click();
        browser.field("Referred to").sendKeys("Northshire MASH <b>team</b>");
        browser.button("Record the concern").click();
        assertTrue(browser.errorFor(browser.field("Referred at")).contains("Enter when you referred it."));
        browser.script("arguments[0].value = '2026-11-20T10:30'", browser.field("Referred at"));
        browser.field("Summary").sendKeys("Told me about a risk at home.");
        browser.field("Bea was told first").click();
        browser.button("Record the concern").click();
        browser.waitForText(".notice.success", "The concern has been recorded");
        browser.check("advocate-concern");
        Reply concerns = platform.as("advocate").graphql(
                "query C($t: ID!) { safeguardingConcerns(threadId: $t) { referredTo } }", Map.of("t", bea.thread));
        assertEquals(List.of(Map.of("referredTo", "Northshire MASH <b>team</b>")),
                Ops.at(concerns, "safeguardingConcerns"), concerns.body());

        browser.driver.findElement(By.linkText("What Bea has shared with you")).click();
        browser.heading("What Bea has shared with you");
        browser.waitForText("main", "No goals shared.");
        browser.check("advocate-shared");
    }

    @Test
    void managerAllocatesAnAdvocateAndSeesResponseTimes() {
        onboard("Cal");
        browser.signIn("manager@example.test", Platform.PASSWORD);
        browser.go("#/allocations");
        browser.heading("Allocations due");
        browser.waitForText("ul.cards", "Cal");
        browser.check("manager-allocations");
        WebElement select = browser.field("Advocate for Cal");
        new Select(select).selectByVisibleText("advocate");
        WebElement card = select.findElement(By.xpath("ancestor::li"));
        card.findElement(By.tagName("button")).click();
        browser.waitForText(".notice.success", "advocate is now Cal's advocate.");
        browser.go("#/figures");
        browser.heading("Response times");
        browser.waitForText("table", "Waiting for an advocate");
        browser.check("manager-figures");
        browser.go("#/inbox");
        browser.heading("Inbox");
        browser.check("manager-inbox");
        browser.go("#/invite");
        browser.heading("Not available for your role");
    }

    /** A conversation longer than a page shows its newest 50 messages, then earlier ones a page at a time. */
    @Test
    void aLongConversationShowsEarlierMessagesAPageAtATime() {
        Person eli = onboard("Eli");
        for (int i = 1; i <= 55; i++) {
            send(eli, "Message number " + i);
        }
        browser.signIn("advocate@example.test", Platform.PASSWORD);
        browser.go("#/threads/" + eli.thread);
        browser.heading("Conversation with Eli");
        browser.waitUntil(d -> messageItems().size() == 50);
        assertEquals("6", messageItems().getFirst().getDomAttribute("data-sequence"), "the newest 50");
        browser.button("Show earlier messages").click();
        browser.waitUntil(d -> messageItems().size() == 55);
        WebElement first = messageItems().getFirst();
        assertEquals("1", first.getDomAttribute("data-sequence"));
        assertTrue(first.getText().contains("Message number 1"), first.getText());
        assertEquals(first, browser.driver.switchTo().activeElement(), "focus moves to the first earlier message");
        browser.waitForText("[role=status]", "5 earlier messages shown. That is the start of the conversation.");
        assertTrue(browser.driver.findElements(By.xpath("//button[text()='Show earlier messages']")).stream()
                .noneMatch(WebElement::isDisplayed), "nothing earlier to show");
        browser.check("advocate-thread-earlier");
    }

    private List<WebElement> messageItems() {
        return browser.driver.findElements(By.cssSelector("ol.messages > li"));
    }

    /**
     * A manager reassigns a conversation to a second advocate of the service, from the advocates the API lists;
     * someone deactivated while the page was open is refused next to the field and nothing changes; it goes back
     * to the shared inbox. An advocate can only take it or give it back; an advocate of another service sees no
     * conversation and no control at all.
     */
    @Test
    void managerReassignsAThreadToASecondAdvocate() {
        Person dee = onboard("Dee");
        send(dee, "Can someone help me with my housing?");
        String rowan = addAdvocate("Rowan Second", "rowan@example.test");
        String tam = addAdvocate("Tam Leaving", "tam@example.test");
        browser.signIn("manager@example.test", Platform.PASSWORD);
        browser.go("#/threads/" + dee.thread);
        browser.heading("Conversation with Dee");
        WebElement assignTo = browser.field("Assign to");
        List<String> choices = new Select(assignTo).getOptions().stream().map(WebElement::getText).toList();
        assertTrue(choices.containsAll(List.of("The shared inbox (nobody)", "advocate", "manager", "Rowan Second",
                "Tam Leaving")), choices.toString());
        assertFalse(choices.contains("otherAdvocate"), "only advocates of the manager's own service: " + choices);
        assertEquals(assigneeOf(dee) == null ? "Not assigned: it is in the service's shared inbox."
                : "Assigned to " + assigneeOf(dee) + ".", browser.text("[data-assignee]"));

        new Select(assignTo).selectByVisibleText("Rowan Second");
        assertEquals(rowan, new Select(assignTo).getFirstSelectedOption().getDomAttribute("value"),
                "the choice is the staff member's id from the API");
        browser.button("Assign").click();
        browser.waitForText(".notice.success", "The conversation is now assigned to Rowan Second.");
        assertEquals("Assigned to Rowan Second.", browser.text("[data-assignee]"));
        assertEquals("Rowan Second", assigneeOf(dee));
        browser.check("manager-thread-assigned");

        new Select(browser.field("Assign to")).selectByVisibleText("Tam Leaving");
        Reply deactivated = platform.admin.graphql("""
                mutation D($input: DeactivateStaffMemberInput!) { deactivateStaffMember(input: $input) {
                  userErrors { message } } }""", Map.of("input", Map.of("staffMemberId", tam)));
        assertEquals(List.of(), Ops.at(deactivated, "deactivateStaffMember", "userErrors"), deactivated.body());
        browser.button("Assign").click();
        assertEquals("Error: No active advocate of the service has that id.",
                browser.errorFor(browser.field("Assign to")));
        assertEquals("Rowan Second", assigneeOf(dee), "nothing changed");
        assertEquals("Assigned to Rowan Second.", browser.text("[data-assignee]"));
        browser.check("manager-thread-assign-error");

        new Select(browser.field("Assign to")).selectByVisibleText("The shared inbox (nobody)");
        browser.button("Assign").click();
        browser.waitForText(".notice.success", "The conversation is back in the shared inbox.");
        assertNull(assigneeOf(dee));
        browser.signOut();

        browser.signIn("advocate@example.test", Platform.PASSWORD);
        browser.go("#/threads/" + dee.thread);
        browser.heading("Conversation with Dee");
        assignTo = browser.field("Assign to");
        assertEquals(List.of("The shared inbox (nobody)", "Me (advocate)"),
                new Select(assignTo).getOptions().stream().map(WebElement::getText).toList());
        new Select(assignTo).selectByVisibleText("Me (advocate)");
        browser.button("Assign").click();
        browser.waitForText(".notice.success", "The conversation is now assigned to advocate.");
        assertEquals("advocate", assigneeOf(dee));
        browser.signOut();

        browser.signIn("otheradvocate@example.test", Platform.PASSWORD);
        browser.go("#/threads/" + dee.thread);
        browser.heading("Conversation not found");
        assertTrue(browser.driver.findElements(By.tagName("select")).isEmpty(), "no control to assign");
        assertEquals("advocate", assigneeOf(dee), "nothing changed");
    }

    private String addAdvocate(String name, String email) {
        Reply created = platform.admin.graphql(Ops.CREATE_STAFF, Ops.input(Map.of("organisationId",
                platform.advocacyService, "name", name, "email", email, "role", "ADVOCATE",
                "password", Platform.PASSWORD)));
        assertEquals(List.of(), Ops.at(created, "createStaffMember", "userErrors"), created.body());
        return Ops.at(created, "createStaffMember", "staffMember", "id");
    }

    /** The name of the thread's assignee as the manager reads it through the API, or null (the shared inbox). */
    private String assigneeOf(Person person) {
        Reply thread = platform.as("manager").graphql(
                "query T($id: ID!) { node(id: $id) { ... on MessageThread { assignedAdvocate { name } } } }",
                Map.of("id", person.thread));
        Map<String, Object> advocate = Ops.at(thread, "node", "assignedAdvocate");
        return advocate == null ? null : (String) advocate.get("name");
    }

    private record Person(String id, YoungPersonApp app, String thread) {
    }

    private Person onboard(String name) {
        String[] invite = platform.invite(name);
        YoungPersonApp app = YoungPersonApp.signUp(http);
        Reply redeemed = app.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", invite[1])));
        assertEquals(invite[0], Ops.at(redeemed, "redeemInvite", "youngPerson", "id"), redeemed.body());
        Reply advocacy = app.graphql(MY_ADVOCACY);
        return new Person(invite[0], app, Ops.at(advocacy, "myAdvocacy", "thread", "id"));
    }

    private static void send(Person person, String body) {
        Reply sent = person.app.graphql(SEND, Map.of("input", Map.of("threadId", person.thread, "body", body,
                "clientMessageId", UUID.randomUUID().toString())));
        assertEquals(List.of(), Ops.at(sent, "sendMessage", "userErrors"), sent.body());
    }
}
