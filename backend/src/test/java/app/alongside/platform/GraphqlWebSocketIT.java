package app.alongside.platform;

import app.alongside.fixtures.AuthEmulator;
import app.alongside.fixtures.Console;
import app.alongside.fixtures.GraphqlSocket;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.TestServer;
import app.alongside.fixtures.YoungPersonApp;
import app.alongside.platform.graphql.PlatformWiring;
import graphql.introspection.IntrospectionQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GraphQL over WebSocket ({@code graphql-transport-ws}) at /graphql against the real server. */
class GraphqlWebSocketIT {
    private static TestServer server;
    private static Http http;
    private static Platform platform;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("GRAPHQL_WS_INIT_TIMEOUT_SECONDS", "2")).ready();
        http = server.http();
        platform = new Platform(http);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void negotiatesTheSubprotocolAndAnswersPings() {
        try (GraphqlSocket socket = GraphqlSocket.open(server.baseUrl())) {
            assertEquals("graphql-transport-ws", socket.subprotocol());
            socket.send(Map.of("type", "ping", "payload", Map.of("t", "1")));
            assertEquals(Map.of("type", "pong", "payload", Map.of("t", "1")), socket.next(), "ping works before init");
            socket.init(Map.of());
        }
        assertEquals(200, http.get("/graphql?query=" + Http.encode("{ __typename }"), null).status(),
                "a GET without an upgrade is still GraphQL over HTTP");
    }

    @Test
    void aQueryIsOneNextThenComplete() {
        try (GraphqlSocket socket = GraphqlSocket.open(server.baseUrl()).init(Map.of())) {
            List<Map<String, Object>> messages = socket.execute("q1", "{ __typename apiInfo { schemaVersion } }");
            assertEquals(List.of("next", "complete"), messages.stream().map(m -> m.get("type")).toList());
            assertEquals(Map.of("__typename", "Query", "apiInfo",
                            Map.of("schemaVersion", PlatformWiring.SCHEMA_VERSION)),
                    data(messages.getFirst()));
        }
    }

    @Test
    void requestErrorsAreOneErrorMessage() {
        try (GraphqlSocket socket = GraphqlSocket.open(server.baseUrl()).init(Map.of())) {
            List<Map<String, Object>> invalid = socket.execute("e1", "{ nope }");
            assertEquals(1, invalid.size());
            assertEquals("error", invalid.getFirst().get("type"));
            assertEquals("GRAPHQL_VALIDATION_FAILED", firstErrorCode(invalid.getFirst()));
            List<Map<String, Object>> subscription = socket.execute("e2", "subscription { nope }");
            assertEquals("GRAPHQL_VALIDATION_FAILED", firstErrorCode(subscription.getFirst()),
                    "the schema has no Subscription type yet");
        }
    }

    @Test
    void aYoungPersonsTokenInTheInitPayloadMakesThemTheViewer() {
        String[] invite = platform.invite("Dana");
        YoungPersonApp app = YoungPersonApp.signUp(http);
        app.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", invite[1])));
        try (GraphqlSocket socket = GraphqlSocket.open(server.baseUrl())
                .init(Map.of("authorization", "Bearer " + app.idToken()))) {
            Map<String, Object> viewer = viewer(socket);
            assertEquals("YoungPerson", viewer.get("__typename"));
            assertEquals("Dana", viewer.get("firstName"));
        }
    }

    @Test
    void anUnlinkedAppUserHasNoViewerAndNoError() {
        YoungPersonApp app = YoungPersonApp.signUp(http);
        try (GraphqlSocket socket = GraphqlSocket.open(server.baseUrl())
                .init(Map.of("Authorization", "Bearer " + app.idToken()))) {
            List<Map<String, Object>> messages = socket.execute("v", Ops.VIEWER);
            assertEquals("next", messages.getFirst().get("type"));
            assertNull(data(messages.getFirst()).get("viewer"));
            assertNull(payload(messages.getFirst()).get("errors"));
        }
    }

    @Test
    void aGarbageOrForgedTokenIsForbidden() {
        String forged = AuthEmulator.forgedToken("someone-elses-project", "uid-1", Instant.now(),
                Instant.now().plusSeconds(3600));
        for (String token : List.of("garbage", forged)) {
            try (GraphqlSocket socket = GraphqlSocket.open(server.baseUrl())) {
                socket.send(Map.of("type", "connection_init", "payload", Map.of("authorization", "Bearer " + token)));
                assertEquals(4403, socket.closeCode());
            }
        }
    }

    @Test
    void staffUseTheSessionCookieAndPutTheCsrfTokenInTheInitPayload() {
        Console advocate = platform.as("advocate");
        try (GraphqlSocket socket = GraphqlSocket.open(server.baseUrl(), Map.of("Cookie", advocate.cookie()))
                .init(Map.of("csrfToken", advocate.csrf()))) {
            Map<String, Object> viewer = viewer(socket);
            assertEquals("StaffMember", viewer.get("__typename"));
            assertEquals("ADVOCATE", viewer.get("role"));
        }
        List<Map<String, Object>> withoutTheRightToken = List.of(Map.of(), Map.of("csrfToken", "x"));
        for (Map<String, Object> payload : withoutTheRightToken) {
            try (GraphqlSocket socket = GraphqlSocket.open(server.baseUrl(), Map.of("Cookie", advocate.cookie()))) {
                socket.send(Map.of("type", "connection_init", "payload", payload));
                assertEquals(4403, socket.closeCode(), "a cookie without the right CSRF token: " + payload);
            }
        }
    }

    @Test
    void aSessionThatEndsEndsTheSocketItOpened() {
        Console worker = Console.signIn(http, "laworkerb@example.test", Platform.PASSWORD);
        try (GraphqlSocket socket = GraphqlSocket.open(server.baseUrl(), Map.of("Cookie", worker.cookie()))
                .init(Map.of("csrfToken", worker.csrf()))) {
            assertEquals("StaffMember", viewer(socket).get("__typename"));
            assertEquals(204, worker.logout().status());
            socket.subscribe("after-logout", "{ youngPeople { edges { node { id } } } }");
            assertEquals(4403, socket.closeCode(), "the next operation finds the session gone");
        }
    }

    @Test
    void noInitWithinTheTimeoutIs4408() {
        try (GraphqlSocket socket = GraphqlSocket.open(server.baseUrl())) {
            assertEquals(4408, socket.closeCode());
        }
    }

    @Test
    void aSecondInitIs4429() {
        try (GraphqlSocket socket = GraphqlSocket.open(server.baseUrl()).init(Map.of())) {
            socket.send(Map.of("type", "connection_init"));
            assertEquals(4429, socket.closeCode());
        }
    }

    @Test
    void subscribingBeforeInitIs4401() {
        try (GraphqlSocket socket = GraphqlSocket.open(server.baseUrl())) {
            socket.subscribe("s1", "{ __typename }");
            assertEquals(4401, socket.closeCode());
        }
    }

    @Test
    void reusingTheIdOfARunningOperationIs4409() {
        // The first operation is a full introspection no cache has seen: it is still running when the second
        // message, already on the wire, arrives. The unit test checks the same rule without any timing.
        String slow = "# " + UUID.randomUUID() + "\n" + IntrospectionQuery.INTROSPECTION_QUERY;
        try (GraphqlSocket socket = GraphqlSocket.open(server.baseUrl()).init(Map.of())) {
            socket.subscribe("same", slow);
            socket.subscribe("same", slow);
            assertEquals(4409, socket.closeCode());
        }
    }

    @Test
    void malformedUnknownOrOversizedMessagesCloseTheSocket() {
        Map<String, Integer> expected = Map.of("{ not json", 4400, "{\"type\":\"hello\"}", 4400,
                "{\"type\":\"subscribe\",\"payload\":{\"query\":\"{ __typename }\"}}", 4400,
                "{\"type\":\"ping\",\"pad\":\"" + "x".repeat(110_000) + "\"}", 1009);
        expected.forEach((message, code) -> {
            try (GraphqlSocket socket = GraphqlSocket.open(server.baseUrl()).init(Map.of())) {
                socket.send(message);
                assertEquals(code, socket.closeCode(), message.substring(0, Math.min(40, message.length())));
            }
        });
    }

    @Test
    void onlyTheServersOwnOriginMayOpenASocketFromABrowser() {
        assertEquals(403, GraphqlSocket.refusedStatus(server.baseUrl(), Map.of("Origin", "https://evil.example")));
        try (GraphqlSocket socket = GraphqlSocket.open(server.baseUrl(), Map.of("Origin", server.baseUrl()))) {
            socket.init(Map.of());
        }
    }

    @Test
    void aClientWithoutTheSubprotocolIsClosedWith4406() {
        try (GraphqlSocket socket = GraphqlSocket.withoutSubprotocol(server.baseUrl())) {
            assertEquals(4406, socket.closeCode());
        }
    }

    @Test
    void anUpgradeOfferingOnlyAnotherSubprotocolIsRefusedWith400() throws IOException {
        for (String offered : List.of("graphql-ws", "graphql-ws, mqtt")) {
            String reply = rawUpgrade(offered);
            assertTrue(reply.startsWith("HTTP/1.1 400"), reply);
            assertTrue(reply.contains("\"code\":\"BAD_REQUEST\"") && reply.contains("graphql-transport-ws"), reply);
        }
        assertTrue(rawUpgrade("graphql-ws, graphql-transport-ws").startsWith("HTTP/1.1 101"),
                "one protocol it speaks is enough");
    }

    private static String rawUpgrade(String protocols) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            String request = "GET /graphql HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: " + protocols
                    + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[4096];
            int read = socket.getInputStream().read(buffer);
            return new String(buffer, 0, Math.max(read, 0), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, Object> viewer(GraphqlSocket socket) {
        List<Map<String, Object>> messages = socket.execute("viewer", Ops.VIEWER);
        assertEquals("next", messages.getFirst().get("type"), messages.toString());
        assertNull(payload(messages.getFirst()).get("errors"), messages.toString());
        return cast(data(messages.getFirst()).get("viewer"));
    }

    private static Map<String, Object> payload(Map<String, Object> message) {
        return cast(message.get("payload"));
    }

    private static Map<String, Object> data(Map<String, Object> message) {
        return cast(payload(message).get("data"));
    }

    @SuppressWarnings("unchecked")
    private static String firstErrorCode(Map<String, Object> errorMessage) {
        Map<String, Object> first = ((List<Map<String, Object>>) errorMessage.get("payload")).getFirst();
        return (String) ((Map<String, Object>) first.get("extensions")).get("code");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }
}
