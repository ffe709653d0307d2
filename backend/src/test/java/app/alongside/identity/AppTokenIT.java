package app.alongside.identity;

import app.alongside.fixtures.AuthEmulator;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.TestServer;
import app.alongside.fixtures.YoungPersonApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** App sign-in with Firebase ID tokens: good ones work, every kind of bad one is refused with 401. */
class AppTokenIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.plain();
    private final Http http = SERVER.http();

    @Test
    void aFreshEmulatorTokenSignsInAnUnlinkedAppUser() {
        YoungPersonApp app = YoungPersonApp.signUp(http);
        Reply reply = app.graphql(Ops.VIEWER);
        assertEquals(200, reply.status());
        assertNull(Ops.at(reply, "viewer"), "signed in, but no young person until an invite is redeemed");
    }

    @Test
    void theEmulatorIsRefusedWithARealProjectId() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(app.alongside.platform.config.StartupException.class,
                () -> app.alongside.fixtures.TestServer.start(java.util.Map.of("FIREBASE_PROJECT_ID",
                        "alongside-production")));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("demo-"), e.getMessage());
    }

    @Test
    void noBearerIsAnonymous() {
        assertNull(Ops.at(http.graphql(Ops.VIEWER), "viewer"));
    }

    @Test
    void malformedExpiredAndForeignTokensAreRefused() {
        AuthEmulator.User user = AuthEmulator.get().signUp();
        Instant now = Instant.now();
        String expired = AuthEmulator.forgedToken(AuthEmulator.PROJECT_ID, user.uid(), now.minus(Duration.ofHours(3)),
                now.minus(Duration.ofHours(2)));
        String foreign = AuthEmulator.forgedToken("demo-another-project", user.uid(), now, now.plusSeconds(3600));
        String unknownUser = AuthEmulator.forgedToken(AuthEmulator.PROJECT_ID, "no-such-user", now,
                now.plusSeconds(3600));
        for (String header : List.of("Bearer not-a-token", "Bearer " + expired, "Bearer " + foreign,
                "Bearer " + unknownUser, "Basic dXNlcjpwYXNz", "Bearer ")) {
            Reply reply = http.send(http.request("/graphql").header("Content-Type", "application/json")
                    .header("Accept", "application/graphql-response+json").header("Authorization", header)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ viewer { __typename } }\"}")));
            assertEquals(401, reply.status(), header + " -> " + reply.body());
            assertEquals(List.of("UNAUTHENTICATED"), reply.errorCodes());
        }
    }
}
