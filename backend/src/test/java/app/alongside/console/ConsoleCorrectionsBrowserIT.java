package app.alongside.console;

import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.YoungPersonApp;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Corrections and disputes in a real browser, each page passing axe-core at 1280 and 320 px: a council worker
 * makes one correction and declines another with a reason (a banner says so), then sees the young person's side
 * of the refusal; an advocate sees a young person's side next to their message on the conversation and answers it.
 */
class ConsoleCorrectionsBrowserIT {
    @Order(1)
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    @Order(2)
    @RegisterExtension
    static final ConsoleBrowserExtension BROWSER = new ConsoleBrowserExtension(SERVER);
    private static final String REQUEST = """
            mutation($input: RequestCorrectionInput!) { requestCorrection(input: $input) {
              correctionRequest { id } userErrors { field message code } } }""";
    private static final String DISPUTE = """
            mutation($input: DisputeStaffEntryInput!) { disputeStaffEntry(input: $input) {
              dispute { id } userErrors { field message code } } }""";
    private static final String MINE = "{ myCorrectionRequests { edges { node { state nextSteps } } } }";
    private final ConsoleBrowser browser = BROWSER.get();
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();

    @Test
    void aCouncilWorkerMakesOneCorrectionAndDeclinesAnotherThenSeesTheYoungPersonsSide() {
        YoungPersonApp gil = onboard("Gill");
        String status = request(gil, "LEGAL_STATUS", "RELEVANT");
        String name = request(gil, "FIRST_NAME", "Gil");
        browser.signIn("laworkera@example.test", Platform.PASSWORD);
        browser.go("#/corrections");
        browser.heading("Correction requests");
        browser.waitForText("ul.cards", "First name to “Gil”");
        browser.check("corrections-pending");

        browser.button("Make the change").click();
        browser.waitForText(".notification-banner", "Changed: Gill's first name.");
        // The list refreshes after the banner shows: the click retries until it lands on the refreshed card.
        browser.waitUntil(d -> {
            d.findElement(By.cssSelector("ul.cards summary")).click();
            return true;
        });
        browser.button("Decline").click();
        assertEquals("Error: Give the young person the reason it is declined.",
                browser.errorFor(browser.field("Reason for declining")), "a reason is needed");
        browser.field("Reason for declining").sendKeys("The court order says former relevant.");
        browser.button("Decline").click();
        browser.waitForText(".notification-banner", "Declined: Gil's request.");
        browser.waitForText("main", "No correction requests here.");
        List<Map<String, Map<String, Object>>> mine = Ops.at(gil.graphql(MINE), "myCorrectionRequests", "edges");
        assertEquals(List.of("MADE", "DECLINED"), mine.stream().map(e -> e.get("node").get("state")).toList());

        Reply side = gil.graphql(DISPUTE, Ops.input(Map.of("entryId", status, "statement",
                "The order changed in May.")));
        assertEquals(List.of(), Ops.at(side, "disputeStaffEntry", "userErrors"), side.body());
        new Select(browser.field("Show")).selectByVisibleText("Declined");
        browser.button("Show").click();
        browser.waitForText("ul.cards", "The order changed in May.");
        browser.check("corrections-declined-with-the-young-persons-side");
        assertEquals(1, browser.driver.findElements(By.cssSelector("ul.cards > li")).size(), name);
    }

    @Test
    void anAdvocateSeesTheYoungPersonsSideNextToTheirMessageAndAnswersIt() {
        YoungPersonApp hal = onboard("Hal");
        String thread = Ops.at(hal.graphql("{ myAdvocacy { thread { id } } }"), "myAdvocacy", "thread", "id");
        Reply sent = platform.as("advocate").graphql("""
                mutation($input: SendMessageInput!) { sendMessage(input: $input) { message { id } } }""",
                Ops.input(Map.of("threadId", thread, "body", "You did not come to the meeting.",
                        "clientMessageId", "c-1")));
        String message = Ops.at(sent, "sendMessage", "message", "id");
        Reply side = hal.graphql(DISPUTE, Ops.input(Map.of("entryId", message, "statement",
                "Nobody told me when it was.")));
        assertEquals(List.of(), Ops.at(side, "disputeStaffEntry", "userErrors"), side.body());

        browser.signIn("advocate@example.test", Platform.PASSWORD);
        browser.go("#/threads/" + thread);
        browser.heading("Conversation with Hal");
        browser.waitForText("ol.messages aside.dispute", "Nobody told me when it was.");
        browser.check("thread-with-the-young-persons-side");
        browser.field("Your answer (once only)").sendKeys("Sorry, I will send the date in writing.");
        browser.button("Send answer").click();
        browser.waitForText("ol.messages aside.dispute", "Sorry, I will send the date in writing.");
        assertEquals(0, browser.driver.findElements(By.cssSelector("aside.dispute form")).size(),
                "it is answered once");
    }

    private YoungPersonApp onboard(String name) {
        String[] invite = platform.invite(name);
        YoungPersonApp app = YoungPersonApp.signUp(http);
        Reply redeemed = app.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", invite[1])));
        assertEquals(invite[0], Ops.at(redeemed, "redeemInvite", "youngPerson", "id"), redeemed.body());
        return app;
    }

    private static String request(YoungPersonApp app, String field, String value) {
        Reply asked = app.graphql(REQUEST, Ops.input(Map.of("field", field, "proposedValue", value)));
        assertEquals(List.of(), Ops.at(asked, "requestCorrection", "userErrors"), asked.body());
        return Ops.at(asked, "requestCorrection", "correctionRequest", "id");
    }
}
