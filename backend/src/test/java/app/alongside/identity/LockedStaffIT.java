package app.alongside.identity;

import app.alongside.fixtures.Console;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.MutableClock;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Admins see the staff accounts whose sign-in is locked now (the admin's home page lists them), and when each
 * lock ends; nobody else sees either, and a lock that has run out is no longer listed.
 */
class LockedStaffIT {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform(CLOCK);
    private static final String LOCKED = "query($first: Int) { lockedStaff(first: $first) { edges { node { "
            + "id name lockedUntil } } pageInfo { hasNextPage } } }";
    private static final String STAFF = "{ staff(first: 100) { edges { node { id name lockedUntil } } } }";
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();

    private void lock(String email) {
        for (int i = 0; i < 5; i++) {
            assertEquals(401, Console.login(http, email, "wrong password " + i).status());
        }
    }

    private static List<Map<String, Object>> nodes(Reply reply, String field) {
        List<Map<String, Map<String, Object>>> edges = Ops.at(reply, field, "edges");
        assertNotNull(edges, reply.body());
        return edges.stream().map(e -> e.get("node")).toList();
    }

    @Test
    void adminsSeeLockedAccountsUntilTheLockEnds() {
        assertEquals(List.of(), nodes(platform.admin.graphql(LOCKED, Map.of("first", 50)), "lockedStaff"));
        lock("advocate@example.test");
        List<Map<String, Object>> locked = nodes(platform.admin.graphql(LOCKED, Map.of("first", 50)), "lockedStaff");
        assertEquals(List.of(platform.staffIds.get("advocate")), locked.stream().map(n -> n.get("id")).toList());
        Instant until = Instant.parse((String) locked.getFirst().get("lockedUntil"));
        assertTrue(until.isAfter(CLOCK.instant()), "the lock ends later: " + until);

        Reply managers = platform.as("manager").graphql(STAFF);
        Map<String, Object> seenByManager = nodes(managers, "staff").stream()
                .filter(n -> n.get("id").equals(platform.staffIds.get("advocate"))).findFirst().orElseThrow();
        assertNull(seenByManager.get("lockedUntil"), "a manager is not told of the lock: " + managers.body());

        CLOCK.set(until.plusSeconds(1));
        assertEquals(List.of(), nodes(platform.admin.graphql(LOCKED, Map.of("first", 50)), "lockedStaff"),
                "a lock that has run out is not listed");
        Reply staff = platform.admin.graphql(STAFF);
        assertTrue(nodes(staff, "staff").stream().allMatch(n -> n.get("lockedUntil") == null), staff.body());
    }

    @Test
    void nobodyButAdminsMayListThem() {
        for (String who : List.of("manager", "advocate", "laWorkerA", "corporate")) {
            Reply reply = platform.as(who).graphql(LOCKED, Map.of("first", 50));
            assertEquals(List.of("FORBIDDEN"), reply.errorCodes(), who + ": " + reply.body());
            assertTrue(reply.body().contains("\"data\":null"), who + " reads nothing: " + reply.body());
        }
    }

    @Test
    void aPageTooLargeIsRefusedByItsField() {
        Reply reply = platform.admin.graphql(LOCKED, Map.of("first", 1000));
        assertEquals(List.of("BAD_USER_INPUT"), reply.errorCodes(), reply.body());
        Map<?, ?> extensions = (Map<?, ?>) reply.errors().getFirst().get("extensions");
        assertEquals(List.of("lockedStaff", "first"), extensions.get("field"), reply.body());
    }
}
