package app.alongside.push;

import app.alongside.fixtures.FakeFcm;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.PushOps;
import app.alongside.fixtures.PushOps.Person;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.TestPushSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server as it runs: its background dispatcher on virtual threads delivers a reply without being driven. */
class PushLiveIT {
    private static final FakeFcm FCM = FakeFcm.start();

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPush(Clock.systemUTC(), Map.of(
            "FCM_ENDPOINT", FCM.endpoint(), "PUSH_POLL_INTERVAL_MS", "100"), List.of(new TestPushSource()));
    private final Http http = SERVER.http();

    @AfterAll
    static void stopFcm() {
        FCM.close();
    }

    @Test
    void aRegisteredDeviceGetsTheReplyWithoutAnyoneDrivingTheDispatcher() throws InterruptedException {
        Person person = PushOps.youngPersonNow(http, "Rae");
        PushOps.turnOn(person.app(), "NEW_MESSAGE");
        // Quiet hours would hold the push back at night; this test is about the loop, not the clock.
        person.app().graphql(PushOps.UPDATE_PREFERENCES, Ops.input(Map.of("quietHours", Map.of("enabled", false,
                "start", "22:00", "end", "07:00", "timeZone", "Europe/London"))));
        String token = PushOps.token("live");
        person.app().graphql(PushOps.REGISTER_DEVICE, PushOps.device(token, "ANDROID"));
        TestPushSource.need(SERVER.server().app().store().db(), java.time.Instant.now(), TestPushSource.intent(
                person.key(), PushCategory.NEW_MESSAGE, "message.added", Map.of("threadId", "t", "messageId", "m"),
                "thread-t", 1));
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (FCM.deliveredTo(token).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(1, FCM.deliveredTo(token).size());
        String ready = http.get("/observe/health/ready", "application/json").body();
        assertTrue(ready.contains("\"degraded\":false"), ready);
    }
}
