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
