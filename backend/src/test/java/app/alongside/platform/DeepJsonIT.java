package app.alongside.platform;

import app.alongside.fixtures.GraphqlSocket;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * JSON nested 900 deep, wherever the server reads JSON, is refused with 400 {@code BAD_REQUEST} (a socket with
 * 4400) before anything deep is built; the server stays healthy and later bad bodies get their usual answers.
 */
class DeepJsonIT {
    private static final int DEEP = 900;

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.plain();
    private final Http http = SERVER.http();

    private static String arrays(int depth, String inner) {
        return "[".repeat(depth) + inner + "]".repeat(depth);
    }

    private static void assertTooDeep(Reply reply) {
        assertEquals(400, reply.status(), reply.body());
        assertEquals(List.of("BAD_REQUEST"), reply.errorCodes(), reply.body());
        Map<?, ?> extensions = (Map<?, ?>) reply.errors().getFirst().get("extensions");
        assertEquals("jsonDepth", extensions.get("limit"), reply.body());
    }

    @Test
    void deepGraphqlBodiesAndVariablesAreBadRequestsUnderEitherMediaType() {
        String deepVariables = "{\"query\":\"query($v: [String]) { __typename }\",\"variables\":{\"v\":"
                + arrays(DEEP, "\"x\"") + "}}";
        assertTooDeep(http.post("/graphql", "application/json", "application/graphql-response+json",
                deepVariables));
        assertTooDeep(http.post("/graphql", "application/json", "application/json", deepVariables));
        assertTooDeep(http.post("/graphql", "application/json", null, arrays(DEEP, "1")));
        assertTooDeep(http.post("/graphql", "application/json", null, "{\"a\":".repeat(DEEP) + "1"
                + "}".repeat(DEEP)));
        assertTooDeep(http.get("/graphql?query=" + Http.encode("{ __typename }") + "&variables="
                + Http.encode("{\"v\":" + arrays(100, "1") + "}"), "application/json"));
        assertHealthy();
    }

    @Test
    void aDeepSignInBodyIsABadRequest() {
        String body = "{\"email\":" + "{\"e\":".repeat(DEEP) + "\"a@b.c\"" + "}".repeat(DEEP)
                + ",\"password\":\"x\"}";
        assertTooDeep(http.post("/auth/login", "application/json", null, body));
        assertTooDeep(http.post("/auth/login", "application/json", null, arrays(DEEP, "")));
        assertHealthy();
    }

    @Test
    void aDeepSocketMessageClosesWith4400() {
        try (GraphqlSocket socket = GraphqlSocket.open(SERVER.server().baseUrl()).init(Map.of())) {
            socket.send("{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":\"{ __typename }\","
                    + "\"variables\":{\"v\":" + arrays(DEEP, "1") + "}}}");
            assertEquals(4400, socket.closeCode());
        }
        try (GraphqlSocket socket = GraphqlSocket.open(SERVER.server().baseUrl())) {
            socket.send("not json at all");
            assertEquals(4400, socket.closeCode(), "a later non-JSON message still gets the protocol's close");
        }
        assertHealthy();
    }

    @Test
    void justUnderTheLimitIsReadAndAnsweredByGraphql() {
        String deepestAllowed = "{\"query\":\"query($v: ID!) { node(id: $v) { id } }\",\"variables\":{\"v\":"
                + arrays(62, "1") + "}}";
        Reply coerced = http.post("/graphql", "application/json", "application/graphql-response+json",
                deepestAllowed);
        assertEquals(400, coerced.status(), coerced.body());
        assertEquals(List.of("BAD_USER_INPUT"), coerced.errorCodes(), coerced.body());
        assertEquals(List.of("v"), ((Map<?, ?>) coerced.errors().getFirst().get("extensions")).get("field"));
    }

    private void assertHealthy() {
        Reply notJson = http.post("/graphql", "application/json", "application/graphql-response+json", "{nope");
        assertEquals(400, notJson.status(), notJson.body());
        assertEquals(List.of("BAD_REQUEST"), notJson.errorCodes());
        assertEquals("The request body is not valid JSON.", notJson.errors().getFirst().get("message"));
        Reply signIn = http.post("/auth/login", "application/json", null, "not json");
        assertEquals(400, signIn.status(), signIn.body());
        assertEquals(200, http.get("/observe/health", null).status());
        assertEquals(200, http.graphql("{ __typename }").status());
    }
}
