package app.alongside.console;

import app.alongside.fixtures.Console;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.OpportunityOps;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.TestServer;
import app.alongside.fixtures.YoungPersonApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every page in each role's navigation, and the detail pages (a conversation, what a young person shared, an
 * opportunity), signed in as that role: each passes axe-core with no violation of any impact at 1280 and 320 px,
 * does not scroll sideways at 320 px, and leaves its screenshots in admin-console/target/screenshots/, listed in
 * index.md there.
 */
class ConsoleAllPagesBrowserIT {
    @Order(1)
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    @Order(2)
    @RegisterExtension
    static final ConsoleBrowserExtension BROWSER = new ConsoleBrowserExtension(SERVER);
    static final String MY_ADVOCACY = "{ myAdvocacy { thread { id } } }";
    static final String SEND = """
            mutation Send($input: SendMessageInput!) { sendMessage(input: $input) {
              message { sequence } userErrors { field message code } } }""";
    private static String amaraThread;
    private static String amaraId;
    private static String opportunity;
    private final ConsoleBrowser browser = BROWSER.get();

    @BeforeAll
    static void aPlatformWithWorkWaiting() {
        Platform platform = SERVER.platform();
        String[] amara = onboard(SERVER.http(), platform, "Amara", "Hi, can you come to my review meeting?");
        amaraId = amara[0];
        amaraThread = amara[1];
        platform.invite("Cal");
        opportunity = submitted(platform.as("corporate"), "Finance apprenticeship");
    }

    /** A young person invited, in the app, and writing to their advocate; returns {youngPersonId, threadId}. */
    static String[] onboard(Http http, Platform platform, String name, String message) {
        String[] invite = platform.invite(name);
        YoungPersonApp app = YoungPersonApp.signUp(http);
        Reply redeemed = app.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", invite[1])));
        assertEquals(invite[0], Ops.at(redeemed, "redeemInvite", "youngPerson", "id"), redeemed.body());
        String thread = Ops.at(app.graphql(MY_ADVOCACY), "myAdvocacy", "thread", "id");
        Reply sent = app.graphql(SEND, Map.of("input", Map.of("threadId", thread, "body", message,
                "clientMessageId", UUID.randomUUID().toString())));
        assertEquals(List.of(), Ops.at(sent, "sendMessage", "userErrors"), sent.body());
        return new String[] {invite[0], thread};
    }

    /** A corporate parent's opportunity, its description in Markdown, submitted for review; returns its id. */
    static String submitted(Console corporate, String title) {
        Reply created = corporate.graphql(OpportunityOps.CREATE,
                Ops.input(OpportunityOps.job(title, LocalDate.now().plusMonths(2).toString())));
        String id = Ops.at(created, "createOpportunity", "opportunity", "id");
        Reply submit = corporate.graphql(OpportunityOps.action("submitOpportunity"), Ops.input(Map.of("id", id)));
        assertEquals("SUBMITTED", Ops.at(submit, "submitOpportunity", "opportunity", "status"), submit.body());
        return id;
    }

    private void visit(String hash, String heading, String name) {
        browser.go(hash);
        browser.heading(heading);
        browser.check(name);
    }

    @Test
    void everyAdminPage() {
        browser.signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        visit("#/", "Welcome, Platform admin", "admin-home");
        visit("#/organisations", "Organisations", "admin-organisations");
        visit("#/staff", "Staff", "admin-staff");
        visit("#/moderation", "Moderation queue", "admin-moderation");
        visit("#/phrases", "Safeguarding phrases", "admin-phrases");
        visit("#/audit", "Audit log", "admin-audit");
        visit("#/push", "Push delivery", "admin-push");
        visit("#/corrections", "Correction requests", "admin-corrections");
        visit("#/erasure", "Erasure requests", "admin-erasure");
        visit("#/privacy", "Privacy notice", "admin-privacy");
        visit("#/retention", "Retention", "admin-retention");
        visit("#/password", "Change your password", "admin-password");
    }

    @Test
    void everyCouncilWorkerPage() {
        browser.signIn("laworkera@example.test", Platform.PASSWORD);
        visit("#/", "Welcome, laWorkerA", "la-home");
        visit("#/invite", "Invite a young person", "la-invite");
        visit("#/young-people", "Your council's young people", "la-young-people");
        visit("#/moderation", "Moderation queue", "la-moderation");
        visit("#/corrections", "Correction requests", "la-corrections");
        visit("#/erasure", "Erasure requests", "la-erasure");
        visit("#/password", "Change your password", "la-password");
    }

    @Test
    void everyAdvocatePage() {
        browser.signIn("advocate@example.test", Platform.PASSWORD);
        visit("#/", "Welcome, advocate", "advocate-home");
        visit("#/inbox", "Inbox", "advocate-inbox");
        visit("#/threads/" + amaraThread, "Conversation with Amara", "advocate-thread");
        visit("#/shared/" + amaraId, "What Amara has shared with you", "advocate-shared");
        visit("#/password", "Change your password", "advocate-password");
    }

    @Test
    void everyManagerPage() {
        browser.signIn("manager@example.test", Platform.PASSWORD);
        visit("#/", "Welcome, manager", "manager-home");
        visit("#/inbox", "Inbox", "manager-inbox");
        visit("#/threads/" + amaraThread, "Conversation with Amara", "manager-thread");
        visit("#/allocations", "Allocations due", "manager-allocations");
        visit("#/figures", "Response times", "manager-figures");
        visit("#/password", "Change your password", "manager-password");
    }

    @Test
    void everyCorporateParentPage() {
        browser.signIn("corporate@example.test", Platform.PASSWORD);
        visit("#/", "Welcome, corporate", "corporate-home");
        visit("#/opportunities", "Your opportunities", "corporate-opportunities");
        visit("#/opportunities/new", "Post an opportunity", "corporate-new-opportunity");
        visit("#/opportunities/" + opportunity, "Finance apprenticeship", "corporate-opportunity");
        visit("#/password", "Change your password", "corporate-password");
    }

    @Test
    void signInAndPagesThatAreNotThere() {
        visit("#/sign-in", "Sign in", "sign-in");
        browser.signIn("corporate@example.test", Platform.PASSWORD);
        visit("#/no-such-page", "Page not found", "not-found");
        visit("#/staff", "Not available for your role", "not-your-role");
    }
}
