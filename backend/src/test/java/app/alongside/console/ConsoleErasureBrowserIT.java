package app.alongside.console;

import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.PushOps;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.TestServer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The council worker's erasure requests in a real browser, each page passing axe-core at 1280 and 320 px: the
 * list, one request with the young person's reason and what is kept and why, a refusal that needs a reason, and an
 * approval behind a confirmation page that ends on a success banner with what was deleted.
 */
class ConsoleErasureBrowserIT {
    @Order(1)
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    @Order(2)
    @RegisterExtension
    static final ConsoleBrowserExtension BROWSER = new ConsoleBrowserExtension(SERVER);
    private static final String REQUEST = "mutation($input: RequestErasureInput!) { requestErasure(input: $input) {"
            + " erasureRequest { id } userErrors { code } } }";
    private final ConsoleBrowser browser = BROWSER.get();
    private final Platform platform = SERVER.platform();

    @Test
    void aCouncilWorkerReadsTheRequestAndApprovesAfterConfirming() {
        PushOps.Person person = asks("Ola", "I want a fresh start <b>now</b>");
        browser.signIn("laworkera@example.test", Platform.PASSWORD);
        browser.go("#/erasure");
        browser.heading("Erasure requests");
        browser.waitForText("ul.cards", "Ola: Pending");
        browser.check("erasure-list");

        browser.driver.findElement(By.partialLinkText("Ola: Pending")).click();
        browser.heading("Erasure request from Ola");
        browser.waitForText("dl", "I want a fresh start <b>now</b>");
        browser.waitForText("main", "Concerns about your safety");
        assertTrue(browser.text("main").contains("Art 17(3)(b)"), "staff see the legal basis of what is kept");
        browser.check("erasure-request");

        browser.button("Refuse the request").click();
        assertTrue(browser.errorFor(browser.field("Reason for refusing")).contains("Give the reason for refusing"));

        browser.driver.findElement(By.linkText("Approve and delete the data")).click();
        browser.heading("Approve the erasure for Ola?");
        browser.waitForText(".notice.error", "This cannot be undone");
        browser.check("erasure-approve");
        browser.button("Yes, delete Ola's data").click();
        browser.waitForText(".notice.success", "Ola's data was deleted and their app account closed.");
        browser.waitForText("main", "Profile: 1");
        browser.check("erasure-approved");
        assertEquals(List.of("UNAUTHENTICATED"), person.app().graphql(Ops.VIEWER).errorCodes());
    }

    @Test
    void aRefusalWithItsReasonIsShownAndTheAdminSeesEveryCouncil() {
        asks("Bo", null);
        browser.signIn("laworkera@example.test", Platform.PASSWORD);
        browser.go("#/erasure");
        browser.heading("Erasure requests");
        browser.waitUntil(d -> d.findElement(By.partialLinkText("Bo: Pending"))).click();
        browser.heading("Erasure request from Bo");
        browser.field("Reason for refusing").sendKeys("We must keep your records while the court case goes on.");
        browser.button("Refuse the request").click();
        browser.waitForText(".notice.success", "The request was refused.");
        browser.waitForText("dl", "Refused");
        browser.check("erasure-refused");
        browser.signOut();

        browser.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        browser.go("#/erasure");
        browser.heading("Erasure requests");
        new org.openqa.selenium.support.ui.Select(browser.field("Show")).selectByVisibleText("All");
        browser.waitForText("ul.cards", "A young person: Refused");
        assertTrue(!browser.text("ul.cards").contains("Bo"), "admins see no young person's name");
        browser.check("erasure-admin-list");
    }

    private PushOps.Person asks(String name, String reason) {
        PushOps.Person person = PushOps.youngPerson(platform, SERVER.http(), name);
        var reply = person.app().graphql(REQUEST, Ops.input(reason == null ? Map.of("confirm", true)
                : Map.of("confirm", true, "reason", reason)));
        assertEquals(List.of(), Ops.userErrorCodes(reply, "requestErasure"), reply.body());
        return person;
    }
}
