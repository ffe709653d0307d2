package app.alongside.push;

import app.alongside.fixtures.FakeFcm;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.MutableClock;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.PushOps;
import app.alongside.fixtures.PushOps.Person;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.TestPushSource;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dispatcher on a fixed clock, driven by hand, sending through the real Admin SDK to a fake FCM: payloads,
 * preferences, quiet hours and each of FCM's error rules.
 */
class PushDispatchIT {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-02T12:00:00Z"));
    private static final FakeFcm FCM = FakeFcm.start();

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPush(CLOCK, Map.of("FCM_ENDPOINT", FCM.endpoint(),
            "PUSH_DISPATCHER_ENABLED", "false", "PUSH_SENDERS", "1", "PUSH_MAX_ATTEMPTS", "3",
            "AUTH_INVITE_ATTEMPTS_PER_HOUR", "1000"),
            List.of(new TestPushSource()));
    private final Http http = SERVER.http();

    @AfterAll
    static void stopFcm() {
        FCM.close();
    }

    /** Noon (London is on UTC in November) of a day of its own: time never runs backwards for the dispatcher. */
    private Instant noon;

    @BeforeEach
    void nextDay() {
        noon = CLOCK.instant().truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofDays(2))
                .plus(Duration.ofHours(12));
        CLOCK.set(noon);
        FCM.reset();
    }

    private MongoDatabase db() {
        return SERVER.server().app().store().db();
    }

    private PushDispatcher dispatcher() {
        return SERVER.server().app().push();
    }

    private Person withDevice(String name, String token, String platformName) {
        Person person = PushOps.youngPersonNow(http, name);
        PushOps.turnOn(person.app(), "NEW_MESSAGE", "URGENT", "REMINDERS");
        var reply = person.app().graphql(PushOps.REGISTER_DEVICE, PushOps.device(token, platformName));
        assertEquals(List.of(), Ops.userErrorCodes(reply, "registerDevice"), reply.body());
        return person;
    }

    private String reply(Person to, PushCategory category, long sequence) {
        return TestPushSource.need(db(), CLOCK.instant(), TestPushSource.intent(to.key(), category, "message.added",
                Map.of("threadId", "t-" + sequence, "messageId", "m-" + sequence), "thread-t-" + sequence, sequence));
    }

    private List<Document> notificationsOf(Person person) {
        return db().getCollection(NotificationRepository.COLLECTION).find(Filters.eq("recipient", person.key()))
                .into(new java.util.ArrayList<>());
    }

    private Document only(Person person) {
        List<Document> all = notificationsOf(person);
        assertEquals(1, all.size(), all.toString());
        return all.getFirst();
    }

    private boolean hasDevice(String token) {
        return db().getCollection(DeviceRepository.COLLECTION).countDocuments(Filters.eq("token", token)) == 1;
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAdvocatesReplyReachesTheDeviceWithGenericTextIdsAndCollapseKey() {
        String token = PushOps.token("android-reply");
        Person person = withDevice("Ada", token, "ANDROID");
        String need = reply(person, PushCategory.NEW_MESSAGE, 41);
        dispatcher().runOnce();

        List<FakeFcm.Received> delivered = FCM.deliveredTo(token);
        assertEquals(1, delivered.size());
        FakeFcm.Received push = delivered.getFirst();
        assertEquals(Map.of("body", "You have a new message"), push.message().get("notification"));
        assertEquals("message.added", push.data().get("kind"));
        assertEquals("t-41", push.data().get("threadId"));
        assertEquals("41", push.data().get("sequence"));
        assertEquals("NEW_MESSAGE", push.data().get("category"));
        Map<String, Object> android = (Map<String, Object>) push.message().get("android");
        assertEquals("thread-t-41", android.get("collapse_key"));
        assertEquals("172800s", android.get("ttl"));
        assertEquals("high", android.get("priority"));
        assertTrue(push.authorization().startsWith("Bearer "), "the SDK authenticates");
        assertFalse(push.body().contains("Ada"), "no names");

        assertEquals("SENT", only(person).getString("state"));
        Document source = db().getCollection(TestPushSource.COLLECTION).find(Filters.eq("_id", need)).first();
        assertEquals(PushOutbox.QUEUED, source.get(PushOutbox.FIELD, Document.class).getString("state"));
        dispatcher().runOnce();
        assertEquals(1, FCM.deliveredTo(token).size(), "sent once");
    }

    @Test
    @SuppressWarnings("unchecked")
    void iosPushesCarryApnsExpiryAndCollapseIdAndDataOnlyHasNoText() {
        String token = PushOps.token("ios-quiet");
        Person person = withDevice("Ben", token, "IOS");
        person.app().graphql(PushOps.UPDATE_PREFERENCES, Ops.input(Map.of("lockScreen", "DATA_ONLY")));
        reply(person, PushCategory.NEW_MESSAGE, 5);
        dispatcher().runOnce();
        FakeFcm.Received push = FCM.deliveredTo(token).getFirst();
        assertNull(push.message().get("notification"), "nothing on the lock screen");
        Map<String, Object> headers = (Map<String, Object>) ((Map<String, Object>) push.message().get("apns"))
                .get("headers");
        assertEquals(Long.toString(noon.plus(PushCategory.NEW_MESSAGE.ttl()).getEpochSecond()),
                headers.get("apns-expiration"));
        assertEquals("thread-t-5", headers.get("apns-collapse-id"));
        assertEquals("background", headers.get("apns-push-type"));
    }

    @Test
    void categoriesThatAreOffAndPeopleWithoutDevicesGetNothing() {
        String token = PushOps.token("no-nudges");
        Person person = withDevice("Cal", token, "ANDROID");
        TestPushSource.need(db(), CLOCK.instant(), TestPushSource.intent(person.key(), PushCategory.GOAL_NUDGES,
                "goal.nudge", Map.of("goalId", "g1"), "goal-g1", 1));
        Person deviceless = PushOps.youngPersonNow(http, "Dot");
        PushOps.turnOn(deviceless.app(), "NEW_MESSAGE");
        reply(deviceless, PushCategory.NEW_MESSAGE, 2);
        dispatcher().runOnce();
        assertEquals(List.of(), FCM.received());
        assertEquals("CATEGORY_OFF", only(person).getString("reason"));
        assertEquals("DROPPED", only(person).getString("state"));
        assertEquals("NO_DEVICE", only(deviceless).getString("reason"));
    }

    private String opportunity(Person to, int n) {
        return TestPushSource.need(db(), CLOCK.instant(), TestPushSource.intent(to.key(), PushCategory.OPPORTUNITIES,
                "opportunity.match", Map.of("opportunityId", "o" + n), "opportunity-o" + n, n));
    }

    @Test
    void opportunityPushesAreCappedAtThreeAPersonInAnySevenDaysWhateverTheirDevices() {
        String phone = PushOps.token("cap-phone");
        String tablet = PushOps.token("cap-tablet");
        Person person = withDevice("Fay", phone, "ANDROID");
        person.app().graphql(PushOps.REGISTER_DEVICE, PushOps.device(tablet, "IOS"));
        var on = person.app().graphql(PushOps.UPDATE_PREFERENCES, Ops.input(Map.of("categories",
                List.of(Map.of("category", "OPPORTUNITIES", "enabled", true)))));
        assertEquals(List.of(), Ops.userErrorCodes(on, "updateNotificationPreferences"), on.body());
        Person other = withDevice("Gus", PushOps.token("cap-other"), "ANDROID");
        other.app().graphql(PushOps.UPDATE_PREFERENCES, Ops.input(Map.of("categories",
                List.of(Map.of("category", "OPPORTUNITIES", "enabled", true)))));

        for (int n = 1; n <= 3; n++) {
            opportunity(person, n);
            dispatcher().runOnce();
            CLOCK.advance(Duration.ofHours(1));
        }
        assertEquals(3, FCM.deliveredTo(phone).size());
        assertEquals(3, FCM.deliveredTo(tablet).size(), "the cap counts pushes, not devices");

        String fourth = opportunity(person, 4);
        opportunity(other, 4);
        reply(person, PushCategory.NEW_MESSAGE, 9);
        dispatcher().runOnce();
        assertEquals(3, FCM.deliveredTo(phone).stream().filter(r -> "OPPORTUNITIES".equals(r.data().get("category")))
                .count(), "a fourth opportunity in the week is not sent");
        assertEquals(1, FCM.deliveredTo(phone).stream().filter(r -> "NEW_MESSAGE".equals(r.data().get("category")))
                .count(), "messages are not capped");
        assertEquals(1, FCM.deliveredTo(PushOps.token("cap-other")).size(), "the cap is per person");
        Document capped = notificationsOf(person).stream().filter(d -> fourth.equals(d.get("sourceId")))
                .findFirst().orElseThrow();
        assertEquals("DROPPED", capped.getString("state"));
        assertEquals("WEEKLY_CAP", capped.getString("reason"));

        // A source expanded again (a crash between writing its notifications and marking it queued) is admitted
        // again under its own ids: nothing new is inserted, nothing is sent twice.
        db().getCollection(TestPushSource.COLLECTION).updateMany(Filters.eq("intents.recipient", person.key()),
                com.mongodb.client.model.Updates.set(PushOutbox.FIELD + ".state", PushOutbox.PENDING));
        long before = db().getCollection(NotificationRepository.COLLECTION).countDocuments();
        dispatcher().runOnce();
        assertEquals(before, db().getCollection(NotificationRepository.COLLECTION).countDocuments());
        assertEquals(4, FCM.deliveredTo(phone).size());

        // Seven days after the first was sent, one place in the window is free again.
        CLOCK.set(noon.plus(Duration.ofDays(7)).plus(Duration.ofMinutes(1)));
        opportunity(person, 5);
        opportunity(person, 6);
        dispatcher().runOnce();
        assertEquals(5, FCM.deliveredTo(phone).size(), "one more, not two");
    }

    @Test
    void quietHoursDeferToTheirEndButUrgentRepliesGoNow() {
        CLOCK.set(noon.plus(Duration.ofHours(11)));
        String token = PushOps.token("night");
        Person person = withDevice("Eve", token, "ANDROID");
        reply(person, PushCategory.NEW_MESSAGE, 1);
        reply(person, PushCategory.URGENT, 2);
        dispatcher().runOnce();
        assertEquals(List.of("URGENT"), FCM.deliveredTo(token).stream().map(r -> r.data().get("category")).toList());
        Document waiting = notificationsOf(person).stream().filter(d -> "PENDING".equals(d.getString("state")))
                .findFirst().orElseThrow();
        Instant seven = noon.plus(Duration.ofHours(19));
        assertEquals(seven, waiting.getDate("dueAt").toInstant(), "not dropped");

        CLOCK.set(seven.minus(Duration.ofMinutes(1)));
        dispatcher().runOnce();
        assertEquals(1, FCM.deliveredTo(token).size());
        CLOCK.set(seven);
        dispatcher().runOnce();
        assertEquals(2, FCM.deliveredTo(token).size());
    }

    @Test
    void unregisteredAndInvalidTokensAndSenderMismatchRemoveTheDevice() {
        Map<String, String> answers = Map.of("UNREGISTERED", PushOps.token("gone"),
                "SENDER_ID_MISMATCH", PushOps.token("other-sender"));
        for (var entry : answers.entrySet()) {
            Person person = withDevice("Fay", entry.getValue(), "ANDROID");
            FCM.answer(entry.getValue(), entry.getKey(), null, 1);
            reply(person, PushCategory.NEW_MESSAGE, 3);
            dispatcher().runOnce();
            assertEquals("DROPPED", only(person).getString("state"));
            assertEquals(entry.getKey(), only(person).getString("reason"));
            assertFalse(hasDevice(entry.getValue()), entry.getKey() + " removes the device");
        }
        String invalid = PushOps.token("invalid");
        Person person = withDevice("Gus", invalid, "WEB");
        FCM.answer(invalid, "INVALID_ARGUMENT", "The registration token is not a valid FCM registration token",
                null, 1);
        reply(person, PushCategory.NEW_MESSAGE, 4);
        dispatcher().runOnce();
        assertEquals("INVALID_TOKEN", only(person).getString("reason"));
        assertFalse(hasDevice(invalid));
    }

    @Test
    void whatExpiredWhileWaitingIsNotSentAndOldNotificationsAreDeleted() {
        String token = PushOps.token("late");
        Person person = withDevice("Hal", token, "ANDROID");
        reply(person, PushCategory.REMINDERS, 1);
        dispatcher().expandDue();
        CLOCK.advance(PushCategory.REMINDERS.ttl().plusMinutes(1));
        dispatcher().runOnce();
        assertEquals(List.of(), FCM.deliveredTo(token), "a reminder a day late is not sent");
        assertEquals("EXPIRED", only(person).getString("reason"));

        Person other = withDevice("Ivy", PushOps.token("kept"), "ANDROID");
        reply(other, PushCategory.NEW_MESSAGE, 2);
        dispatcher().runOnce();
        assertEquals("SENT", only(other).getString("state"));
        NotificationRepository notifications = new NotificationRepository(db());
        // The hourly upkeep deletes what finished before now minus PUSH_RETENTION_DAYS: not yet, then yes.
        notifications.purgeBefore(CLOCK.instant().minus(Duration.ofDays(30)));
        assertEquals(1, notificationsOf(person).size(), "kept for 30 days");
        notifications.purgeBefore(CLOCK.instant().plus(Duration.ofSeconds(1)));
        assertEquals(List.of(), notificationsOf(person), "then deleted, token and all");
        assertEquals(List.of(), notificationsOf(other));
    }

    @Test
    void aLaterNeedOnTheSameDocumentIsPushedAgainButTheSameNeedNever() {
        String token = PushOps.token("again");
        Person person = withDevice("Jo", token, "ANDROID");
        String need = reply(person, PushCategory.NEW_MESSAGE, 7);
        dispatcher().runOnce();
        assertEquals(1, FCM.deliveredTo(token).size());
        var sources = db().getCollection(TestPushSource.COLLECTION);
        String first = sources.find(Filters.eq("_id", need)).first().get(PushOutbox.FIELD, Document.class)
                .getString("need");

        // The thread is overdue a second time, say: a new need on the same document.
        sources.updateOne(Filters.eq("_id", need), com.mongodb.client.model.Updates.set(PushOutbox.FIELD,
                PushOutbox.pending(CLOCK.instant())));
        dispatcher().runOnce();
        assertEquals(2, FCM.deliveredTo(token).size(), "a new need is a new push");

        // The first need recorded again (an edited opportunity approved again) adds nothing.
        sources.updateOne(Filters.eq("_id", need), com.mongodb.client.model.Updates.set(PushOutbox.FIELD,
                PushOutbox.pending(CLOCK.instant(), first)));
        dispatcher().runOnce();
        assertEquals(2, FCM.deliveredTo(token).size(), "the same need is never pushed twice");
        assertEquals(2, notificationsOf(person).size());
    }

    @Test
    void invalidArgumentIsNotRetried() {
        String token = PushOps.token("bad-message");
        Person person = withDevice("Hal", token, "ANDROID");
        FCM.answer(token, "INVALID_ARGUMENT", null, 1);
        reply(person, PushCategory.NEW_MESSAGE, 6);
        dispatcher().runOnce();
        CLOCK.advance(Duration.ofHours(2));
        dispatcher().runOnce();
        assertEquals("FAILED", only(person).getString("state"));
        assertEquals("INVALID_ARGUMENT", only(person).getString("reason"));
        assertEquals(1, only(person).getInteger("attempts"));
        assertTrue(hasDevice(token), "the device is fine");
        assertEquals(List.of(), FCM.deliveredTo(token));
    }

    @Test
    void unavailableIsRetriedNoSoonerThanRetryAfter() {
        String token = PushOps.token("busy");
        Person person = withDevice("Ian", token, "ANDROID");
        FCM.answer(token, "UNAVAILABLE", 120, 1);
        reply(person, PushCategory.NEW_MESSAGE, 7);
        dispatcher().runOnce();
        Document waiting = only(person);
        assertEquals("PENDING", waiting.getString("state"));
        assertEquals(1, waiting.getInteger("attempts"));
        assertFalse(waiting.getDate("dueAt").toInstant().isBefore(noon.plusSeconds(120)), "Retry-After honoured");
        CLOCK.advance(Duration.ofSeconds(119));
        dispatcher().runOnce();
        assertEquals(List.of(), FCM.deliveredTo(token));
        CLOCK.advance(Duration.ofSeconds(1));
        dispatcher().runOnce();
        assertEquals(1, FCM.deliveredTo(token).size());
        assertEquals("SENT", only(person).getString("state"));
    }

    @Test
    void internalErrorsBackOffExponentiallyThenFail() {
        String token = PushOps.token("broken");
        Person person = withDevice("Jo", token, "ANDROID");
        FCM.answer(token, "INTERNAL", null, 3);
        reply(person, PushCategory.NEW_MESSAGE, 8);
        dispatcher().runOnce();
        Duration first = Duration.between(CLOCK.instant(), only(person).getDate("dueAt").toInstant());
        assertTrue(first.compareTo(Duration.ofSeconds(1)) >= 0 && first.compareTo(Duration.ofSeconds(2)) <= 0,
                "first backoff 1-2 s with jitter: " + first);
        CLOCK.advance(first);
        dispatcher().runOnce();
        Duration second = Duration.between(CLOCK.instant(), only(person).getDate("dueAt").toInstant());
        assertTrue(second.compareTo(Duration.ofSeconds(2)) >= 0 && second.compareTo(Duration.ofSeconds(4)) <= 0,
                "second backoff 2-4 s: " + second);
        CLOCK.advance(second);
        dispatcher().runOnce();
        assertEquals("FAILED", only(person).getString("state"), "PUSH_MAX_ATTEMPTS is 3");
        assertEquals(3, only(person).getInteger("attempts"));
    }

    @Test
    void quotaExceededPausesAllSendingForAMinute() {
        String limited = PushOps.token("quota");
        String other = PushOps.token("quota-other");
        Person first = withDevice("Kai", limited, "ANDROID");
        Person second = withDevice("Liv", other, "ANDROID");
        FCM.answer(limited, "QUOTA_EXCEEDED", null, 1);
        reply(first, PushCategory.NEW_MESSAGE, 9);
        dispatcher().runOnce();
        assertFalse(only(first).getDate("dueAt").toInstant().isBefore(noon.plusSeconds(60)));
        reply(second, PushCategory.NEW_MESSAGE, 10);
        CLOCK.advance(Duration.ofSeconds(59));
        dispatcher().runOnce();
        assertEquals(List.of(), FCM.deliveredTo(other), "nothing is sent while the quota is exceeded");
        CLOCK.advance(Duration.ofHours(1));
        dispatcher().runOnce();
        assertEquals(1, FCM.deliveredTo(limited).size());
        assertEquals(1, FCM.deliveredTo(other).size());
    }

    @Test
    void slowAnswersStillEndSent() {
        String token = PushOps.token("slow");
        Person person = withDevice("Mo", token, "ANDROID");
        FCM.delay(Duration.ofMillis(700));
        reply(person, PushCategory.REMINDERS, 11);
        dispatcher().runOnce();
        assertEquals("SENT", only(person).getString("state"));
    }

    @Test
    void adminsSeeEachNotificationsStateAndMetricsCountOutcomes() {
        String token = PushOps.token("admin-view");
        Person person = withDevice("Ned", token, "ANDROID");
        reply(person, PushCategory.NEW_MESSAGE, 12);
        dispatcher().runOnce();
        var admin = app.alongside.fixtures.Console.signIn(http, app.alongside.fixtures.TestServer.ADMIN_EMAIL,
                app.alongside.fixtures.TestServer.ADMIN_PASSWORD);
        var page = admin.graphql(PushOps.PUSH_NOTIFICATIONS, Map.of("filter", Map.of("recipientId", person.id())));
        List<Map<String, Object>> edges = PushOps.edges(page);
        assertEquals(1, edges.size(), page.body());
        @SuppressWarnings("unchecked")
        Map<String, Object> node = (Map<String, Object>) edges.getFirst().get("node");
        assertEquals("SENT", node.get("state"));
        assertEquals(person.id(), node.get("recipientId"));
        assertEquals("ANDROID", node.get("platform"));
        assertFalse(page.body().contains(token), "tokens are not shown");
        var sent = admin.graphql(PushOps.PUSH_NOTIFICATIONS, Map.of("filter", Map.of("state", "SENT"), "first", 1));
        assertEquals(1, PushOps.edges(sent).size());
        String metrics = http.get("/observe/metrics", "text/plain").body();
        assertTrue(metrics.contains("push_outcomes_total{outcome=\"sent\""), metrics.lines()
                .filter(l -> l.startsWith("push")).toList().toString());
    }
}
