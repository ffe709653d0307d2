package app.alongside.identity;

import app.alongside.fixtures.Console;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.TestServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Per-address limits on sign-in and on GraphQL answer 429 with RATE_LIMITED and Retry-After. */
class RateLimitIT {
    @Test
    void signInAttemptsFromOneAddressAreLimited() {
        try (TestServer server = TestServer.start(Map.of("AUTH_SIGN_IN_ATTEMPTS_PER_MINUTE", "3")).ready()) {
            Http http = server.http();
            for (int i = 0; i < 3; i++) {
                assertEquals(401, Console.login(http, "someone@example.test", "wrong password " + i).status());
            }
            Reply limited = Console.login(http, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
            assertEquals(429, limited.status());
            assertEquals(List.of("RATE_LIMITED"), limited.errorCodes());
            assertNotNull(limited.header("Retry-After"));
        }
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnLimit() {
        try (TestServer server = TestServer.start(Map.of("RATE_LIMIT_GRAPHQL_PER_MINUTE", "2",
                "TRUSTED_PROXIES", "127.0.0.1")).ready()) {
            Http http = server.http();
            for (String client : List.of("203.0.113.7", "203.0.113.8")) {
                for (int i = 0; i < 2; i++) {
                    assertEquals(200, forwarded(http, client).status(), client);
                }
            }
            assertEquals(429, forwarded(http, "203.0.113.7").status());
        }
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        try (TestServer server = TestServer.start(Map.of("RATE_LIMIT_GRAPHQL_PER_MINUTE", "2")).ready()) {
            Http http = server.http();
            assertEquals(200, forwarded(http, "203.0.113.1").status());
            assertEquals(200, forwarded(http, "203.0.113.2").status());
            assertEquals(429, forwarded(http, "203.0.113.3").status(), "one peer, one bucket, whatever it claims");
        }
    }

    private static Reply forwarded(Http http, String client) {
        return http.send(http.request("/graphql").header("Content-Type", "application/json")
                .header("Accept", "application/graphql-response+json").header("X-Forwarded-For", client)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"}")));
    }

    @Test
    void graphqlRequestsFromOneAddressAreLimited() {
        try (TestServer server = TestServer.start(Map.of("RATE_LIMIT_GRAPHQL_PER_MINUTE", "5")).ready()) {
            Http http = server.http();
            for (int i = 0; i < 5; i++) {
                assertEquals(200, http.graphql("{ __typename }").status());
            }
            Reply limited = http.graphql("{ __typename }");
            assertEquals(429, limited.status());
            assertEquals(List.of("RATE_LIMITED"), limited.errorCodes());
            assertNotNull(limited.header("Retry-After"));
        }
    }
}
