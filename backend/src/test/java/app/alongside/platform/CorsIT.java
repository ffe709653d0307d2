package app.alongside.platform;

import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CORS_ALLOWED_ORIGINS lists the partner web apps that may call the API from a browser; no one else may. */
class CorsIT {
    private static final String PARTNER = "https://partner.example";
    private static final String STRANGER = "https://stranger.example";
    private static TestServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("CORS_ALLOWED_ORIGINS", "https://other.example, " + PARTNER));
        http = server.http();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void listedOriginIsAllowed() {
        Reply reply = query(PARTNER);
        assertEquals(200, reply.status());
        assertEquals(PARTNER, reply.header("Access-Control-Allow-Origin"));
        assertTrue(reply.header("Vary").contains("Origin"));
    }

    @Test
    void unlistedOriginGetsNoAllowOrigin() {
        Reply reply = query(STRANGER);
        assertNull(reply.header("Access-Control-Allow-Origin"));
        assertTrue(reply.header("Vary").contains("Origin"), "caches must not serve one origin's answer to another");
    }

    @Test
    void preflightFromAListedOriginIs204WithTheAllowedMethodsAndHeaders() {
        Reply reply = preflight(PARTNER);
        assertEquals(204, reply.status());
        assertEquals(PARTNER, reply.header("Access-Control-Allow-Origin"));
        assertTrue(reply.header("Access-Control-Allow-Methods").contains("POST"));
        assertEquals("content-type", reply.header("Access-Control-Allow-Headers"));
    }

    @Test
    void preflightAnswersTheRequestedHeadersThatAreOnTheAllowList() {
        Reply reply = http.send(http.request("/graphql").header("Origin", PARTNER)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,apollographql-client-name,"
                        + "apollographql-client-version,x-evil-header")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, reply.status());
        assertEquals("content-type, apollographql-client-name, apollographql-client-version",
                reply.header("Access-Control-Allow-Headers"));
        assertTrue(String.join(",", reply.headers().get("vary")).contains("Access-Control-Request-Headers"),
                reply.headers().toString());
    }

    @Test
    void aListedOriginMayReadTheRequestIdAndRetryAfter() {
        assertEquals("X-Request-Id, Retry-After", query(PARTNER).header("Access-Control-Expose-Headers"));
        assertNull(query(STRANGER).header("Access-Control-Expose-Headers"));
    }

    @Test
    void preflightFromAnUnlistedOriginIs403() {
        Reply reply = preflight(STRANGER);
        assertEquals(403, reply.status());
        assertNull(reply.header("Access-Control-Allow-Origin"));
    }

    @Test
    void noOriginIsAllowedByDefault() {
        try (TestServer closed = TestServer.start()) {
            Http other = closed.http();
            Reply reply = other.send(other.request("/graphql?query=%7B__typename%7D").header("Origin", PARTNER));
            assertNull(reply.header("Access-Control-Allow-Origin"));
            Reply preflight = other.send(other.request("/graphql").header("Origin", PARTNER)
                    .header("Access-Control-Request-Method", "POST")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            assertEquals(403, preflight.status());
        }
    }

    private static Reply query(String origin) {
        return http.send(http.request("/graphql").header("Origin", origin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"}")));
    }

    private static Reply preflight(String origin) {
        return http.send(http.request("/graphql").header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }
}
