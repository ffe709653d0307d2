package app.alongside.privacy.notices;

import app.alongside.fixtures.FakeFcm;
import app.alongside.fixtures.MutableClock;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.PushOps;
import app.alongside.fixtures.PushOps.Person;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.TestPushSource;
import app.alongside.push.PushCategory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No engagement nudges (ICO Children's Code, standard 13): whatever a young person turned on, no push the
 * dispatcher sends them carries a count to pull them back: no APNs {@code badge}, no Android
 * {@code notification_count}, no number in the text. Sent through the real Admin SDK and read at a fake FCM.
 */
class NoNudgePushesIT {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-09T12:00:00Z"));
    private static final FakeFcm FCM = FakeFcm.start();
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPush(CLOCK, Map.of("FCM_ENDPOINT", FCM.endpoint(),
            "PUSH_DISPATCHER_ENABLED", "false", "AUTH_INVITE_ATTEMPTS_PER_HOUR", "1000"),
            List.of(new TestPushSource()));
    /** Every kind the domains' push sources send, with the category each goes under. */
    private static final Map<String, PushCategory> KINDS = Map.of("message.added", PushCategory.NEW_MESSAGE,
            "thread.overdue", PushCategory.URGENT, "reminder.due", PushCategory.REMINDERS,
            "opportunity.match", PushCategory.OPPORTUNITIES, "opportunity.closing", PushCategory.REMINDERS,
            "goal.nudge", PushCategory.GOAL_NUDGES, "allocation.overdue", PushCategory.ALLOCATION,
            "entitlement.gap", PushCategory.ENTITLEMENT_GAPS);

    @AfterAll
    static void stopFcm() {
        FCM.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void noPushToAYoungPersonCarriesACountOnAnyPlatform() {
        List<Person> people = Stream.of("ANDROID", "IOS", "WEB").flatMap(platform -> Stream.of(
                everythingOn(platform, "GENERIC"), everythingOn(platform, "DATA_ONLY"))).toList();
        long sequence = 41;
        for (Person person : people) {
            for (var kind : KINDS.entrySet()) {
                TestPushSource.need(SERVER.server().app().store().db(), CLOCK.instant(), TestPushSource.intent(
                        person.key(), kind.getValue(), kind.getKey(), Map.of("threadId", "t" + sequence),
                        kind.getKey() + sequence, sequence++));
            }
        }
        SERVER.server().app().push().runOnce();

        List<FakeFcm.Received> received = FCM.received();
        assertEquals(people.size() * KINDS.size(), received.size(), "every push was sent");
        for (FakeFcm.Received push : received) {
            Map<String, Object> message = push.message();
            assertFalse(push.body().contains("badge"), "no badge: " + push.body());
            assertFalse(push.body().contains("notification_count"), "no notification count: " + push.body());
            Map<String, Object> apns = (Map<String, Object>) message.get("apns");
            if (apns != null && apns.get("payload") instanceof Map<?, ?> payload) {
                assertNull(((Map<String, Object>) payload.get("aps")).get("badge"), push.body());
            }
            Map<String, Object> android = (Map<String, Object>) message.get("android");
            if (android != null && android.get("notification") instanceof Map<?, ?> notification) {
                assertNull(notification.get("notification_count"), push.body());
            }
            if (message.get("notification") instanceof Map<?, ?> text) {
                text.values().forEach(line -> assertFalse(String.valueOf(line).matches(".*\\d.*"),
                        "no number in the text a person sees: " + line));
                assertTrue(text.keySet().stream().allMatch(key -> key.equals("title") || key.equals("body")),
                        push.body());
            }
        }
    }

    /** A young person who turned every category on, with one device of {@code platform}. */
    private Person everythingOn(String platform, String lockScreen) {
        Person person = PushOps.youngPersonNow(SERVER.http(), platform.charAt(0) + lockScreen.substring(0, 3));
        PushOps.turnOn(person.app(), Stream.of(PushCategory.values()).map(Enum::name).toArray(String[]::new));
        person.app().graphql(PushOps.UPDATE_PREFERENCES, Ops.input(Map.of("lockScreen", lockScreen)));
        var registered = person.app().graphql(PushOps.REGISTER_DEVICE, PushOps.device(
                PushOps.token(platform.toLowerCase() + lockScreen.toLowerCase().replace("_", "")), platform));
        assertEquals(List.of(), Ops.userErrorCodes(registered, "registerDevice"), registered.body());
        return person;
    }
}
