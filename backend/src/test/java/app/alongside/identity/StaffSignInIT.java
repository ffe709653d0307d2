package app.alongside.identity;

import app.alongside.fixtures.Console;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.MutableClock;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Staff sign-in, sessions and CSRF protection over HTTP. Tests move the clock, so each signs in afresh. */
class StaffSignInIT {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform(CLOCK);
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();

    @Test
    void signInSetsAStrictHttpOnlyCookieAndACsrfToken() {
        Reply reply = Console.login(http, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        assertEquals(200, reply.status());
        String cookie = reply.header("Set-Cookie");
        assertTrue(cookie.startsWith("alongside_session="), cookie);
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"));
        assertNotNull(reply.json().get("csrfToken"));
        Reply secure = http.send(http.request("/auth/login").header("Content-Type", "application/json")
                .header("X-Forwarded-Proto", "https").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        Http.toJson(Map.of("email", TestServer.ADMIN_EMAIL, "password", TestServer.ADMIN_PASSWORD)))));
        assertTrue(secure.header("Set-Cookie").contains("Secure"), "Secure behind a TLS-terminating proxy");
    }

    @Test
    void wrongPasswordAndUnknownEmailLookTheSame() {
        Reply wrong = Console.login(http, "advocate@example.test", "not the password at all");
        Reply unknown = Console.login(http, "nobody@example.test", "not the password at all");
        assertEquals(401, wrong.status());
        assertEquals(List.of("UNAUTHENTICATED"), wrong.errorCodes());
        assertEquals(wrong.errors().getFirst().get("message"), unknown.errors().getFirst().get("message"));
    }

    @Test
    void repeatedFailuresLockTheAccountWithoutRevealingIt() {
        String email = "corporate@example.test";
        for (int i = 0; i < 5; i++) {
            assertEquals(401, Console.login(http, email, "wrong password " + i).status());
        }
        Reply locked = Console.login(http, email, Platform.PASSWORD);
        assertEquals(401, locked.status(), "even the right password waits out the lock");
        Reply unknown = Console.login(http, "no-such-person@example.test", Platform.PASSWORD);
        assertEquals(unknown.body(), locked.body(), "a locked account looks like a wrong password");
        CLOCK.advance(Duration.ofMinutes(2));
        assertEquals(200, Console.login(http, email, Platform.PASSWORD).status());
    }

    @Test
    void parallelGuessesCannotGetPastTheLockout() throws Exception {
        String email = "laworkera@example.test";
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<Integer>> guesses = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String guess = "parallel guess " + i;
                guesses.add(executor.submit(() -> Console.login(http, email, guess).status()));
            }
            for (var guess : guesses) {
                assertEquals(401, guess.get());
            }
        }
        assertEquals(401, Console.login(http, email, Platform.PASSWORD).status(), "locked after the guesses");
        CLOCK.advance(Duration.ofHours(2));
        assertEquals(200, Console.login(http, email, Platform.PASSWORD).status());
    }

    @Test
    void cookieWithoutCsrfHeaderIsRefusedAndChangesNothing() {
        Console admin = Console.signIn(http, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        Reply forged = admin.graphqlWithoutCsrf("mutation { createOrganisation(input: {name: \"Forged Council\", "
                + "kind: LOCAL_AUTHORITY}) { organisation { id } } }");
        assertEquals(List.of("FORBIDDEN"), forged.errorCodes());
        Reply list = admin.graphql("{ organisations(first: 100) { edges { node { name } } } }");
        assertTrue(!list.body().contains("Forged Council"), list.body());
    }

    @Test
    void signingOutEndsTheSession() {
        Console console = Console.signIn(http, "laworkerb@example.test", Platform.PASSWORD);
        assertEquals(204, console.logout().status());
        assertEquals(List.of("UNAUTHENTICATED"), console.graphql(Ops.VIEWER).errorCodes());
    }

    @Test
    void idleSessionsExpire() {
        Console console = Console.signIn(http, "otheradvocate@example.test", Platform.PASSWORD);
        CLOCK.advance(Duration.ofMinutes(29));
        assertEquals("StaffMember", Ops.at(console.graphql(Ops.VIEWER), "viewer", "__typename"));
        CLOCK.advance(Duration.ofMinutes(31));
        assertEquals(List.of("UNAUTHENTICATED"), console.graphql(Ops.VIEWER).errorCodes());
    }

    @Test
    void deactivationEndsSessionsAtOnce() {
        Console manager = Console.signIn(http, "manager@example.test", Platform.PASSWORD);
        Reply created = Console.signIn(http, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD).graphql(Ops.CREATE_STAFF, Ops.input(Map.of("organisationId",
                platform.advocacyService, "name", "Temp", "email", "temp@example.test", "role", "ADVOCATE",
                "password", Platform.PASSWORD)));
        String id = Ops.at(created, "createStaffMember", "staffMember", "id");
        Console temp = Console.signIn(http, "temp@example.test", Platform.PASSWORD);
        Reply deactivated = manager.graphql("mutation($id: ID!) { deactivateStaffMember(input: {staffMemberId: $id})"
                + " { staffMember { active } userErrors { code } } }", Map.of("id", id));
        assertEquals(false, Ops.at(deactivated, "deactivateStaffMember", "staffMember", "active"));
        assertEquals(List.of("UNAUTHENTICATED"), temp.graphql(Ops.VIEWER).errorCodes());
        assertEquals(401, Console.login(http, "temp@example.test", Platform.PASSWORD).status());
    }

    @Test
    void changingPasswordEndsOtherSessions() {
        Console first = Console.signIn(http, "advocate@example.test", Platform.PASSWORD);
        Console second = Console.signIn(http, "advocate@example.test", Platform.PASSWORD);
        String change = "mutation($c: String!, $n: String!) { changeMyPassword(input: {currentPassword: $c, "
                + "newPassword: $n}) { changed userErrors { field code } } }";
        Reply weak = first.graphql(change, Map.of("c", Platform.PASSWORD, "n", "short"));
        assertEquals(List.of("BAD_USER_INPUT"), Ops.userErrorCodes(weak, "changeMyPassword"));
        Reply wrong = first.graphql(change, Map.of("c", "not my password", "n", "another long passphrase"));
        assertEquals(List.of("BAD_USER_INPUT"), Ops.userErrorCodes(wrong, "changeMyPassword"));
        Reply ok = first.graphql(change, Map.of("c", Platform.PASSWORD, "n", "another long passphrase"));
        assertEquals(true, Ops.at(ok, "changeMyPassword", "changed"));
        assertEquals("StaffMember", Ops.at(first.graphql(Ops.VIEWER), "viewer", "__typename"));
        assertEquals(List.of("UNAUTHENTICATED"), second.graphql(Ops.VIEWER).errorCodes());
        first.graphql(change, Map.of("c", "another long passphrase", "n", Platform.PASSWORD));
    }

    @Test
    void badLoginRequestsGetTypedErrors() {
        assertEquals(415, http.post("/auth/login", "text/plain", null, "x").status());
        assertEquals(400, http.post("/auth/login", "application/json", null, "{\"email\": {\"$gt\": \"\"}}").status());
        assertEquals(400, http.post("/auth/login", "application/json", null, "not json").status());
        assertEquals(401, http.get("/auth/session", null).status());
    }
}
