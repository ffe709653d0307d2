package app.alongside.messaging;

import app.alongside.fixtures.Console;
import app.alongside.fixtures.FakeFcm;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.MutableClock;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.PushOps;
import app.alongside.fixtures.ServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7's journey: a young person's device registered over GraphQL gets a push through the real Admin SDK (to a
 * fake FCM) when their advocate replies, with generic lock-screen text and no content, never in quiet hours, and
 * FCM's {@code UNREGISTERED} removes the device.
 */
class AdvocateReplyPushIT {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    static final FakeFcm FCM = FakeFcm.start();
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPush(CLOCK, Map.of("FCM_ENDPOINT", FCM.endpoint(),
            "PUSH_DISPATCHER_ENABLED", "false"), List.of());
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();

    @AfterAll
    static void stopFcm() {
        FCM.close();
    }

    private void dispatch() {
        SERVER.server().app().push().runOnce();
    }

    private static void reply(Console advocate, String thread, String body) {
        Reply sent = advocate.graphql(MessagingOps.SEND, MessagingOps.send(thread, body));
        assertEquals(List.of(), Ops.userErrorCodes(sent, "sendMessage"), sent.body());
    }

    @Test
    void anAdvocatesReplyReachesTheDeviceOnlyAsGenericTextAndNotInQuietHours() {
        MessagingOps.Person person = MessagingOps.onboard(http, platform, "Wyn");
        String token = PushOps.token("wyn-phone");
        PushOps.turnOn(person.app(), "NEW_MESSAGE");
        Reply registered = person.app().graphql(PushOps.REGISTER_DEVICE, PushOps.device(token, "ANDROID"));
        assertEquals(List.of(), Ops.userErrorCodes(registered, "registerDevice"), registered.body());
        String thread = MessagingOps.threadOf(person);
        person.app().graphql(MessagingOps.SEND, MessagingOps.send(thread, "Can you come to my review on Friday?"));

        reply(platform.as("advocate"), thread, "Yes, Sam from North Advocacy will be there at 10.");
        dispatch();
        List<FakeFcm.Received> pushes = FCM.deliveredTo(token);
        assertEquals(1, pushes.size(), () -> "one push for the reply; notifications: " + platform.admin.graphql(
                PushOps.PUSH_NOTIFICATIONS, Map.of("first", 20)).body());
        FakeFcm.Received push = pushes.getFirst();
        assertEquals("message.added", push.data().get("kind"));
        assertEquals(thread, push.data().get("threadId"));
        assertEquals(Set.of("kind", "notificationId", "sequence", "category", "threadId", "messageId"),
                push.data().keySet(), "ids only in the data");
        assertEquals(Map.of("body", "You have a new message"), push.message().get("notification"));
        assertFalse(push.body().contains("Sam") || push.body().contains("Friday") || push.body().contains("review"),
                "no names or content anywhere in the request: " + push.body());

        CLOCK.set(Instant.parse("2026-11-23T23:00:00Z"));
        Console advocate = Console.signIn(http, "advocate@example.test", Platform.PASSWORD);
        reply(advocate, thread, "Sleep well, we'll talk tomorrow.");
        dispatch();
        assertEquals(1, FCM.deliveredTo(token).size(), "nothing during quiet hours (22:00 to 07:00)");
        CLOCK.set(Instant.parse("2026-11-24T07:01:00Z"));
        dispatch();
        assertEquals(2, FCM.deliveredTo(token).size(), "sent when quiet hours end");

        FCM.answer(token, "UNREGISTERED", null, 1);
        advocate = Console.signIn(http, "advocate@example.test", Platform.PASSWORD);
        reply(advocate, thread, "Morning!");
        dispatch();
        reply(advocate, thread, "Are you there?");
        dispatch();
        assertEquals(2, FCM.deliveredTo(token).size(), "the uninstalled app's token gets nothing more");
        Reply notifications = Console.signIn(http, app.alongside.fixtures.TestServer.ADMIN_EMAIL,
                        app.alongside.fixtures.TestServer.ADMIN_PASSWORD)
                .graphql(PushOps.PUSH_NOTIFICATIONS, Map.of("filter", Map.of("recipientId", person.id()),
                        "first", 20));
        List<Map<String, Object>> nodes = PushOps.edges(notifications).stream()
                .map(e -> (Map<String, Object>) e.get("node")).toList();
        assertTrue(nodes.stream().anyMatch(n -> "DROPPED".equals(n.get("state"))
                && "UNREGISTERED".equals(n.get("reason"))), notifications.body());
        assertTrue(nodes.stream().anyMatch(n -> "DROPPED".equals(n.get("state"))
                && "NO_DEVICE".equals(n.get("reason"))), "the device was removed: " + notifications.body());
    }
}
