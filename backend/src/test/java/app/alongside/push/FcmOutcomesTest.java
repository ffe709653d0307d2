package app.alongside.push;

import app.alongside.embedded.IndexedMemoryBackend;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FCM's rules on a fixed clock, without the App: what each answer does to a notification (sent, dropped with its
 * device, failed, retried after a backoff that honours {@code Retry-After}), the quota pause and the backoff
 * sequence. Devices live in an in-memory store so that dropping one is seen to remove it.
 */
class FcmOutcomesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T12:00:00Z"), ZoneOffset.UTC);
    private static final String RECIPIENT = "yp:yp1";
    private static final String TOKEN = "token-1";
    private static final int MAX_ATTEMPTS = 3;

    /** Jitter drawn as this fraction of the backoff's upper half. */
    private static final class FixedJitter extends Random {
        private static final long serialVersionUID = 1L;
        private double fraction;

        FixedJitter(double fraction) {
            this.fraction = fraction;
        }

        @Override
        public double nextDouble() {
            return fraction;
        }
    }

    private MongoServer server;
    private MongoClient client;
    private DeviceRepository devices;
    private SimpleMeterRegistry registry;
    private FixedJitter jitter;
    private FcmOutcomes outcomes;

    @BeforeEach
    void start() {
        server = new MongoServer(new IndexedMemoryBackend());
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        devices = new DeviceRepository(client.getDatabase("test"));
        jitter = new FixedJitter(0.5);
        reset();
    }

    /** The recipient's device registered (again), and outcomes with no counts and no pause. */
    private void reset() {
        devices.register(RECIPIENT, TOKEN, DevicePlatform.ANDROID, "app.alongside", "1.0", "en-GB", CLOCK.instant());
        registry = new SimpleMeterRegistry();
        outcomes = new FcmOutcomes(devices, new PushMetrics(registry), MAX_ATTEMPTS, jitter);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private static Document notification(int attempts) {
        return new Document("_id", "n1").append("recipient", RECIPIENT).append("token", TOKEN)
                .append("attempts", attempts);
    }

    private static PushSender.Result failed(String code, String detail) {
        return PushSender.Result.failed(code, detail, Optional.empty());
    }

    private static BsonDocument render(Bson update) {
        return update.toBsonDocument(BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry());
    }

    private static BsonDocument set(NotificationRepository.Outcome outcome) {
        return render(outcome.update()).getDocument("$set");
    }

    private static Set<String> unset(NotificationRepository.Outcome outcome) {
        BsonDocument update = render(outcome.update());
        return update.containsKey("$unset") ? update.getDocument("$unset").keySet() : Set.of();
    }

    private static Instant date(BsonDocument set, String field) {
        return Instant.ofEpochMilli(set.getDateTime(field).getValue());
    }

    private double counted(String outcome, String reason) {
        Counter counter = registry.find("push.outcomes").tags("outcome", outcome, "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private boolean hasDevice() {
        return devices.byTokens(List.of(TOKEN)).containsKey(TOKEN);
    }

    private void assertDropped(NotificationRepository.Outcome outcome, String reason) {
        assertEquals("n1", outcome.id());
        BsonDocument set = set(outcome);
        assertEquals(Set.of("state", "reason", "updatedAt"), set.keySet());
        assertEquals("DROPPED", set.getString("state").getValue());
        assertEquals(reason, set.getString("reason").getValue());
        assertEquals(CLOCK.instant(), date(set, "updatedAt"));
        assertEquals(Set.of("dueAt"), unset(outcome));
        assertEquals(1, counted("dropped", reason));
    }

    private void assertFailed(NotificationRepository.Outcome outcome, String code, int attempts, BsonValue error) {
        assertEquals("n1", outcome.id());
        BsonDocument set = set(outcome);
        assertEquals(Set.of("state", "reason", "attempts", "lastError", "updatedAt"), set.keySet());
        assertEquals("FAILED", set.getString("state").getValue());
        assertEquals(code, set.getString("reason").getValue());
        assertEquals(attempts, set.getInt32("attempts").getValue());
        assertEquals(error, set.get("lastError"));
        assertEquals(CLOCK.instant(), date(set, "updatedAt"));
        assertEquals(Set.of("dueAt"), unset(outcome));
        assertEquals(1, counted("failed", code));
        assertEquals(0, counted("retried", code));
    }

    /** A retry stays PENDING (no state is set) and is due again after {@code delay}. */
    private void assertRetried(NotificationRepository.Outcome outcome, String code, int attempts, Duration delay) {
        assertEquals("n1", outcome.id());
        BsonDocument set = set(outcome);
        assertEquals(Set.of("attempts", "dueAt", "reason", "lastError", "updatedAt"), set.keySet());
        assertEquals(attempts, set.getInt32("attempts").getValue());
        assertEquals(CLOCK.instant().plus(delay), date(set, "dueAt"));
        assertEquals(code, set.getString("reason").getValue());
        assertEquals(CLOCK.instant(), date(set, "updatedAt"));
        assertEquals(Set.of(), unset(outcome));
    }

    @Test
    void deliveredPushesAreMarkedSentAndCounted() {
        BsonDocument update = render(outcomes.delivered(2, CLOCK.instant()));
        BsonDocument set = update.getDocument("$set");
        assertEquals(Set.of("state", "sentAt", "updatedAt"), set.keySet());
        assertEquals("SENT", set.getString("state").getValue());
        assertEquals(CLOCK.instant(), date(set, "sentAt"));
        assertEquals(CLOCK.instant(), date(set, "updatedAt"));
        assertEquals(1, update.getDocument("$inc").getInt32("attempts").getValue());
        assertEquals(Set.of("dueAt", "reason"), update.getDocument("$unset").keySet());
        assertEquals(2, counted("sent", "none"));
        assertFalse(outcomes.paused(CLOCK.instant()));
    }

    @Test
    void tokensFcmNoLongerKnowsDropTheNotificationAndRemoveTheDevice() {
        for (String code : List.of("UNREGISTERED", "SENDER_ID_MISMATCH")) {
            reset();
            assertTrue(hasDevice());
            assertDropped(outcomes.refused(notification(0), failed(code, "gone"), CLOCK.instant()), code);
            assertFalse(hasDevice(), code + " removes the device");
        }
        reset();
        var invalid = failed("INVALID_ARGUMENT", "The registration token is not a valid FCM Registration Token");
        assertDropped(outcomes.refused(notification(0), invalid, CLOCK.instant()), "INVALID_TOKEN");
        assertFalse(hasDevice(), "an invalid token removes the device");
    }

    @Test
    void anInvalidMessageFailsAtOnceAndKeepsTheDevice() {
        assertFailed(outcomes.refused(notification(0), failed("INVALID_ARGUMENT", "bad ttl"), CLOCK.instant()),
                "INVALID_ARGUMENT", 1, new BsonString("bad ttl"));
        assertTrue(hasDevice());
        reset();
        assertFailed(outcomes.refused(notification(0), failed("INVALID_ARGUMENT", null), CLOCK.instant()),
                "INVALID_ARGUMENT", 1, BsonNull.VALUE);
        assertTrue(hasDevice());
    }

    @Test
    void configurationErrorsAreNotRetried() {
        for (String code : List.of("THIRD_PARTY_AUTH_ERROR", "SENDER_ID_INVALID", "PERMISSION_DENIED",
                "UNAUTHENTICATED")) {
            assertFailed(outcomes.refused(notification(0), failed(code, "no"), CLOCK.instant()), code, 1,
                    new BsonString("no"));
            assertTrue(hasDevice(), code + " keeps the device");
        }
        assertFalse(outcomes.paused(CLOCK.instant()));
    }

    @Test
    void otherErrorsAreRetriedAfterTheBackoffOrRetryAfterWhicheverIsLonger() {
        // Jitter 0.5: three quarters of 2 s, then of 4 s.
        var unavailable = failed("UNAVAILABLE", "try later");
        NotificationRepository.Outcome first = outcomes.refused(notification(0), unavailable, CLOCK.instant());
        assertRetried(first, "UNAVAILABLE", 1, Duration.ofMillis(1500));
        assertEquals("try later", set(first).getString("lastError").getValue());
        assertRetried(outcomes.refused(notification(1), failed("INTERNAL", null), CLOCK.instant()),
                "INTERNAL", 2, Duration.ofMillis(3000));
        assertEquals(1, counted("retried", "UNAVAILABLE"));
        assertEquals(1, counted("retried", "INTERNAL"));
        assertEquals(0, counted("failed", "UNAVAILABLE"));

        var later = PushSender.Result.failed("UNAVAILABLE", null, Optional.of(Duration.ofSeconds(120)));
        assertRetried(outcomes.refused(notification(0), later, CLOCK.instant()), "UNAVAILABLE", 1,
                Duration.ofSeconds(120));
        var sooner = PushSender.Result.failed("UNAVAILABLE", null, Optional.of(Duration.ofMillis(100)));
        assertRetried(outcomes.refused(notification(1), sooner, CLOCK.instant()), "UNAVAILABLE", 2,
                Duration.ofMillis(3000));
        assertTrue(hasDevice());
        assertFalse(outcomes.paused(CLOCK.instant()), "only an exceeded quota pauses sending");
    }

    @Test
    void theLastAttemptFails() {
        assertFailed(outcomes.refused(notification(MAX_ATTEMPTS - 1), failed("INTERNAL", "boom"), CLOCK.instant()),
                "INTERNAL", MAX_ATTEMPTS, new BsonString("boom"));
        reset();
        assertFailed(outcomes.refused(notification(MAX_ATTEMPTS + 4), failed("UNAVAILABLE", null), CLOCK.instant()),
                "UNAVAILABLE", MAX_ATTEMPTS + 5, BsonNull.VALUE);
    }

    @Test
    void errorTextIsKeptToThreeHundredCharacters() {
        String detail = "x".repeat(301);
        var outcome = outcomes.refused(notification(0), failed("INTERNAL", detail), CLOCK.instant());
        assertEquals("x".repeat(300), set(outcome).getString("lastError").getValue());
    }

    @Test
    void anExceededQuotaPausesAllSendingForAMinuteOrItsRetryAfter() {
        Instant now = CLOCK.instant();
        var quota = outcomes.refused(notification(0), failed("QUOTA_EXCEEDED", null), now);
        assertRetried(quota, "QUOTA_EXCEEDED", 1, Duration.ofMinutes(1));
        assertTrue(outcomes.paused(now));
        assertTrue(outcomes.paused(now.plusSeconds(59)));
        assertFalse(outcomes.paused(now.plusSeconds(60)));

        var longer = PushSender.Result.failed("QUOTA_EXCEEDED", null, Optional.of(Duration.ofMinutes(5)));
        assertRetried(outcomes.refused(notification(0), longer, now), "QUOTA_EXCEEDED", 1, Duration.ofMinutes(5));
        assertTrue(outcomes.paused(now.plusSeconds(299)));
        assertFalse(outcomes.paused(now.plusSeconds(300)));

        // A shorter pause after a longer one does not end it early.
        outcomes.refused(notification(0), failed("QUOTA_EXCEEDED", null), now);
        assertTrue(outcomes.paused(now.plusSeconds(299)));
        assertEquals(3, counted("retried", "QUOTA_EXCEEDED"));
    }

    @Test
    void aQuotaRetryLateInTheBackoffWaitsForTheBackoffButThePauseIsStillAMinute() {
        FcmOutcomes patient = new FcmOutcomes(devices, new PushMetrics(registry), 20, jitter);
        Instant now = CLOCK.instant();
        // The tenth attempt: three quarters of 2 s doubled nine times (1,024 s) is 768 s.
        assertRetried(patient.refused(notification(9), failed("QUOTA_EXCEEDED", null), now), "QUOTA_EXCEEDED",
                10, Duration.ofSeconds(768));
        assertTrue(patient.paused(now.plusSeconds(59)));
        assertFalse(patient.paused(now.plusSeconds(60)));
    }

    @Test
    void quotaOnTheLastAttemptFailsButStillPauses() {
        Instant now = CLOCK.instant();
        assertFailed(outcomes.refused(notification(MAX_ATTEMPTS - 1), failed("QUOTA_EXCEEDED", null), now),
                "QUOTA_EXCEEDED", MAX_ATTEMPTS, BsonNull.VALUE);
        assertTrue(outcomes.paused(now.plusSeconds(59)));
    }

    @Test
    void backoffDoublesFromTwoSecondsUpToAnHourWithJitterOverItsUpperHalf() {
        List<Duration> caps = List.of(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(16), Duration.ofSeconds(32), Duration.ofSeconds(64), Duration.ofSeconds(128),
                Duration.ofSeconds(256), Duration.ofSeconds(512), Duration.ofSeconds(1024),
                Duration.ofSeconds(2048), Duration.ofHours(1), Duration.ofHours(1));
        for (int attempts = 1; attempts <= caps.size(); attempts++) {
            Duration cap = caps.get(attempts - 1);
            jitter.fraction = 0;
            assertEquals(cap.dividedBy(2), outcomes.backoff(attempts), "shortest after attempt " + attempts);
            jitter.fraction = Math.nextDown(1.0);
            assertEquals(cap.minusMillis(1), outcomes.backoff(attempts), "longest after attempt " + attempts);
        }
        jitter.fraction = 0;
        assertEquals(Duration.ofMinutes(30), outcomes.backoff(100), "no overflow far past the cap");
    }

    @Test
    void whatSendingDropsItselfIsCountedAndKeepsTheDevice() {
        assertDropped(outcomes.drop(notification(0), "EXPIRED", CLOCK.instant()), "EXPIRED");
        assertTrue(hasDevice());
    }
}
