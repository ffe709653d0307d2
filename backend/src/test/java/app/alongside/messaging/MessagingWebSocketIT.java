package app.alongside.messaging;

import app.alongside.fixtures.Console;
import app.alongside.fixtures.GraphqlSocket;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static app.alongside.messaging.MessagingOps.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Subscriptions over graphql-transport-ws: refused at subscribe time when the caller may not see the thread, ended
 * per event when they no longer may (a young person moved to a council the service does not serve; an advocate
 * deactivated), limited per connection, and the protocol's close codes for broken frames.
 */
class MessagingWebSocketIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform(Map.of("GRAPHQL_WS_MAX_OPERATIONS", "2",
            "GRAPHQL_WS_RECHECK_SECONDS", "1"),
            Clock.systemUTC());
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();

    private String baseUrl() {
        return SERVER.server().baseUrl();
    }

    @Test
    void subscribingToAThreadOneMayNotSeeIsAnError() {
        MessagingOps.Person mo = MessagingOps.onboard(http, platform, "Mo");
        MessagingOps.Person ned = MessagingOps.onboard(http, platform, "Ned");
        String thread = MessagingOps.threadOf(mo);
        MessagingOps.threadOf(ned);
        try (GraphqlSocket app = MessagingOps.appSocket(baseUrl(), ned.app());
             GraphqlSocket other = MessagingOps.staffSocket(baseUrl(), platform.as("otherAdvocate"));
             GraphqlSocket council = MessagingOps.staffSocket(baseUrl(), platform.as("laWorkerA"))) {
            assertEquals("NOT_FOUND", errorCode(subscribe(app, MessagingOps.MESSAGE_ADDED, vars("threadId", thread))));
            assertEquals("NOT_FOUND", errorCode(subscribe(other, MessagingOps.MESSAGE_ADDED, vars("threadId",
                    thread))));
            assertEquals("FORBIDDEN", errorCode(subscribe(council, MessagingOps.MESSAGE_ADDED, vars("threadId",
                    thread))));
            assertEquals("FORBIDDEN", errorCode(subscribe(council, MessagingOps.INBOX_CHANGED, Map.of())));
            assertEquals("FORBIDDEN", errorCode(subscribe(app, MessagingOps.INBOX_CHANGED, Map.of())));
        }
    }

    @Test
    void aYoungPersonMovedAwayStopsReachingTheOldService() {
        MessagingOps.Person ola = MessagingOps.onboard(http, platform, "Ola");
        String thread = MessagingOps.threadOf(ola);
        try (GraphqlSocket advocate = MessagingOps.staffSocket(baseUrl(), platform.as("advocate"));
             GraphqlSocket app = MessagingOps.appSocket(baseUrl(), ola.app())) {
            MessagingOps.subscribe(advocate, "a", MessagingOps.MESSAGE_ADDED, vars("threadId", thread));
            MessagingOps.subscribe(app, "y", MessagingOps.MESSAGE_ADDED, vars("threadId", thread));
            ola.app().graphql(MessagingOps.SEND, MessagingOps.send(thread, "before the move"));
            assertEquals("next", advocate.next().get("type"));
            assertEquals("next", app.next().get("type"));

            Reply moved = platform.as("laWorkerA").graphql("""
                    mutation($input: TransferYoungPersonInput!) { transferYoungPerson(input: $input) {
                      youngPerson { id } userErrors { code } } }""", Ops.input(Map.of("youngPersonId", ola.id(),
                    "toLocalAuthorityId", platform.councilB)));
            assertEquals(List.of(), Ops.at(moved, "transferYoungPerson", "userErrors"), moved.body());
            ola.app().graphql(MessagingOps.SEND, MessagingOps.send(thread, "after the move"));
            Map<String, Object> ended = advocate.next();
            assertEquals("error", ended.get("type"), ended.toString());
            assertEquals("FORBIDDEN", errorCode(ended));
            assertEquals("next", app.next().get("type"), "the young person still sees their own thread");
        }
        Reply now = ola.app().graphql(MessagingOps.MY_ADVOCACY);
        assertEquals("South Advocacy", Ops.at(now, "myAdvocacy", "service", "name"), "re-allocated: " + now.body());
    }

    @Test
    void aDeactivatedAdvocateStopsReceiving() {
        Console manager = platform.as("manager");
        Reply created = manager.graphql(Ops.CREATE_STAFF, Ops.input(Map.of("organisationId",
                platform.advocacyService, "name", "Pat", "email", "pat@example.test", "role", "ADVOCATE",
                "password", Platform.PASSWORD)));
        String patId = Ops.at(created, "createStaffMember", "staffMember", "id");
        Console pat = Console.firstSignIn(http, "pat@example.test", Platform.PASSWORD, "pat's own long passphrase");
        MessagingOps.Person pia = MessagingOps.onboard(http, platform, "Pia");
        String thread = MessagingOps.threadOf(pia);
        try (GraphqlSocket socket = MessagingOps.staffSocket(baseUrl(), pat)) {
            MessagingOps.subscribe(socket, "i", MessagingOps.INBOX_CHANGED, Map.of());
            pia.app().graphql(MessagingOps.SEND, MessagingOps.send(thread, "hello"));
            assertEquals("next", socket.next().get("type"));
            Reply off = manager.graphql("mutation($input: DeactivateStaffMemberInput!) { deactivateStaffMember("
                    + "input: $input) { userErrors { code } } }", Ops.input(Map.of("staffMemberId", patId)));
            assertEquals(List.of(), Ops.at(off, "deactivateStaffMember", "userErrors"), off.body());
            pia.app().graphql(MessagingOps.SEND, MessagingOps.send(thread, "anyone there?"));
            assertEquals("FORBIDDEN", errorCode(socket.next()));
        }
    }

    @Test
    void aSubscriptionDoesNotOutliveItsSession() {
        Console session = Console.signIn(http, "advocate@example.test", Platform.PASSWORD);
        try (GraphqlSocket socket = MessagingOps.staffSocket(baseUrl(), session)) {
            MessagingOps.subscribe(socket, "i", MessagingOps.INBOX_CHANGED, Map.of());
            assertEquals(204, session.logout().status());
            assertEquals(4403, socket.closeCode(), "closed within the recheck interval after signing out");
        }
    }

    @Test
    void tooManySubscriptionsOnOneConnection() {
        MessagingOps.Person quin = MessagingOps.onboard(http, platform, "Quin");
        String thread = MessagingOps.threadOf(quin);
        try (GraphqlSocket app = MessagingOps.appSocket(baseUrl(), quin.app())) {
            MessagingOps.subscribe(app, "1", MessagingOps.MESSAGE_ADDED, vars("threadId", thread));
            MessagingOps.subscribe(app, "2", MessagingOps.MESSAGE_ADDED, vars("threadId", thread));
            Map<String, Object> third = subscribe(app, MessagingOps.MESSAGE_ADDED, vars("threadId", thread));
            assertEquals("RATE_LIMITED", errorCode(third), third.toString());
            quin.app().graphql(MessagingOps.SEND, MessagingOps.send(thread, "both still get this"));
            assertEquals(List.of("next", "next"), List.of(app.next().get("type"), app.next().get("type")));
        }
    }

    @Test
    void brokenProtocolClosesWithItsCodes() {
        MessagingOps.Person rae = MessagingOps.onboard(http, platform, "Rae");
        try (GraphqlSocket app = MessagingOps.appSocket(baseUrl(), rae.app())) {
            app.send(Map.of("type", "connection_init", "payload", Map.of()));
            assertEquals(4429, app.closeCode(), "a second connection_init");
        }
        try (GraphqlSocket app = MessagingOps.appSocket(baseUrl(), rae.app())) {
            app.send("{\"type\":\"subscribe\",\"id\":");
            assertEquals(4400, app.closeCode(), "a malformed frame");
        }
        try (GraphqlSocket app = MessagingOps.appSocket(baseUrl(), rae.app())) {
            app.send(Map.of("type", "subscribe", "payload", Map.of("query", MessagingOps.INBOX_CHANGED)));
            assertEquals(4400, app.closeCode(), "a subscribe without an id");
        }
        try (GraphqlSocket early = GraphqlSocket.open(baseUrl())) {
            early.send(Map.of("id", "1", "type", "subscribe", "payload", Map.of("query",
                    MessagingOps.INBOX_CHANGED)));
            assertEquals(4401, early.closeCode(), "subscribing before connection_init");
        }
        String thread = MessagingOps.threadOf(rae);
        try (GraphqlSocket app = MessagingOps.appSocket(baseUrl(), rae.app())) {
            MessagingOps.subscribe(app, "same", MessagingOps.MESSAGE_ADDED, vars("threadId", thread));
            app.send(Map.of("id", "same", "type", "subscribe", "payload", Map.of("query",
                    MessagingOps.MESSAGE_ADDED, "variables", vars("threadId", thread))));
            assertEquals(4409, app.closeCode(), "a second subscription with the same id");
        }
    }

    private static Map<String, Object> subscribe(GraphqlSocket socket, String query, Map<String, Object> variables) {
        String id = java.util.UUID.randomUUID().toString();
        socket.send(Map.of("id", id, "type", "subscribe", "payload", Map.of("query", query, "variables",
                variables)));
        Map<String, Object> answer = socket.next();
        assertEquals(id, answer.get("id"), answer.toString());
        return answer;
    }

    @SuppressWarnings("unchecked")
    private static String errorCode(Map<String, Object> message) {
        assertEquals("error", message.get("type"), message.toString());
        List<Map<String, Object>> errors = (List<Map<String, Object>>) message.get("payload");
        return (String) ((Map<String, Object>) errors.getFirst().get("extensions")).get("code");
    }
}
