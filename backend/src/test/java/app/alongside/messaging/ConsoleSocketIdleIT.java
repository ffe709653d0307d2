package app.alongside.messaging;

import app.alongside.fixtures.Console;
import app.alongside.fixtures.GraphqlSocket;
import app.alongside.fixtures.MutableClock;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A console tab left open on a live page is not activity: the socket's periodic credential check must not keep
 * the session alive, so the session still ends after its idle time (30 minutes) and the socket closes with 4403.
 */
class ConsoleSocketIdleIT {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform(Map.of("GRAPHQL_WS_RECHECK_SECONDS", "1"),
            CLOCK);

    @Test
    void anOpenSocketAloneDoesNotKeepASessionAlive() throws InterruptedException {
        Console session = Console.signIn(SERVER.http(), "advocate@example.test", Platform.PASSWORD);
        try (GraphqlSocket socket = MessagingOps.staffSocket(SERVER.server().baseUrl(), session)) {
            MessagingOps.subscribe(socket, "i", MessagingOps.INBOX_CHANGED, Map.of());
            // Ten minutes at a time, each longer than the session's touch interval, with re-checks in between:
            // had a re-check counted as activity, every step would have pushed the idle end 30 minutes on.
            for (int step = 0; step < 2; step++) {
                CLOCK.advance(Duration.ofMinutes(10));
                Thread.sleep(1_500);
            }
            assertEquals(200, session.graphql("{ viewer { __typename } }").status(), "20 idle minutes: still on");
            for (int step = 0; step < 4; step++) {
                CLOCK.advance(Duration.ofMinutes(10));
                Thread.sleep(1_500);
            }
            assertEquals(4403, socket.closeCode(), "over 30 minutes after the last request, the socket is closed");
            assertEquals("UNAUTHENTICATED", session.graphql("{ viewer { __typename } }").errorCodes().getFirst());
        }
    }
}
