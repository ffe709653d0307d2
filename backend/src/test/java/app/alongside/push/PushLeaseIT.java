package app.alongside.push;

import app.alongside.fixtures.FakeFcm;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.MutableClock;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.PushOps;
import app.alongside.fixtures.PushOps.Person;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.TestPushSource;
import app.alongside.platform.Firebase;
import com.google.firebase.FirebaseApp;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two dispatchers on one store: one claims work and dies; the server's own picks it up once the lease expires.
 * Nothing is lost, and at most the dead one's batch is delivered twice.
 */
class PushLeaseIT {
    private static final int BATCH = 50;
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-03T12:00:00Z"));
    private static final FakeFcm FCM = FakeFcm.start();
    private static final FirebaseApp FIREBASE = Firebase.start(FCM.firebase("demo-lease")).orElseThrow();

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPush(CLOCK, Map.of("FCM_ENDPOINT", FCM.endpoint(),
            "PUSH_DISPATCHER_ENABLED", "false", "PUSH_LEASE_SECONDS", "60", "PUSH_BATCH_SIZE", "40",
            "AUTH_INVITE_ATTEMPTS_PER_HOUR", "1000"), List.of(new TestPushSource()));
    private final Http http = SERVER.http();

    /** What a killed process looks like from inside: the thread stops wherever it is. */
    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    @AfterAll
    static void stop() {
        Firebase.stop(FIREBASE);
        FCM.close();
    }

    @BeforeEach
    void nextDay() {
        CLOCK.advance(Duration.ofDays(1));
        FCM.reset();
    }

    private MongoDatabase db() {
        return SERVER.server().app().store().db();
    }

    /** A second instance whose sender delivers a batch to FCM and then dies before recording anything. */
    private PushDispatcher dying() {
        FcmSender real = new FcmSender(FIREBASE);
        PushSender dies = pushes -> {
            real.send(pushes);
            throw new Killed();
        };
        return new PushDispatcher(db(), List.of(new TestPushSource()), new NotificationRepository(db()),
                new DeviceRepository(db()), new PreferencesRepository(db()), Optional.of(dies), PushMetrics.global(),
                CLOCK, new PushDispatcher.Settings(Duration.ofSeconds(1), Duration.ofSeconds(60), BATCH, 8, 1, false));
    }

    private Person withDevice(String name, String token) {
        Person person = PushOps.youngPersonNow(http, name);
        PushOps.turnOn(person.app(), "NEW_MESSAGE");
        var reply = person.app().graphql(PushOps.REGISTER_DEVICE, PushOps.device(token, "ANDROID"));
        assertEquals(List.of(), Ops.userErrorCodes(reply, "registerDevice"), reply.body());
        return person;
    }

    @Test
    void aSenderThatDiesMidBatchLosesNothingAndDuplicatesAtMostItsBatch() {
        String token = PushOps.token("crash-send");
        Person person = withDevice("Pat", token);
        Document[] intents = new Document[120];
        for (int i = 0; i < intents.length; i++) {
            intents[i] = TestPushSource.intent(person.key(), PushCategory.NEW_MESSAGE, "message.added",
                    Map.of("threadId", "t1", "messageId", "m" + i), "thread-t1", i);
        }
        TestPushSource.need(db(), CLOCK.instant(), intents);
        PushDispatcher dead = dying();
        assertEquals(1, dead.expandDue());
        assertThrows(Killed.class, dead::sendBatch);
        assertEquals(BATCH, FCM.received().size(), "the dead instance's batch reached FCM");

        PushDispatcher survivor = SERVER.server().app().push();
        survivor.runOnce();
        assertEquals(intents.length, FCM.received().size(), "the rest went; the leased batch waits for its lease");
        CLOCK.advance(Duration.ofSeconds(61));
        survivor.runOnce();

        List<String> delivered = FCM.received().stream().map(r -> r.data().get("messageId")).toList();
        Set<String> distinct = delivered.stream().collect(Collectors.toSet());
        assertEquals(intents.length, distinct.size(), "lost: " + (intents.length - distinct.size()));
        int duplicates = delivered.size() - distinct.size();
        assertTrue(duplicates <= BATCH, "duplicates bounded by one batch: " + duplicates);
        assertEquals(intents.length, db().getCollection(NotificationRepository.COLLECTION).countDocuments(
                Filters.and(Filters.eq("recipient", person.key()), Filters.eq("state", "SENT"))));
    }

    @Test
    void aNeedClaimedByADeadInstanceIsExpandedAfterItsLeaseAndOnlyOnce() {
        String token = PushOps.token("crash-expand");
        Person person = withDevice("Quin", token);
        String need = TestPushSource.need(db(), CLOCK.instant(), TestPushSource.intent(person.key(),
                PushCategory.NEW_MESSAGE, "message.added", Map.of("threadId", "t2", "messageId", "m1"),
                "thread-t2", 1));
        assertEquals(need, dying().claimSource(new TestPushSource()).getString("_id"), "claimed, then it died");

        PushDispatcher survivor = SERVER.server().app().push();
        survivor.runOnce();
        assertEquals(0, notificationsOf(person).size(), "the lease holds");
        CLOCK.advance(Duration.ofSeconds(61));
        survivor.runOnce();
        assertEquals(1, FCM.deliveredTo(token).size());

        // A crash after inserting the notifications but before marking the need QUEUED: it is expanded again.
        db().getCollection(TestPushSource.COLLECTION).updateOne(Filters.eq("_id", need),
                Updates.set(PushOutbox.FIELD + ".state", PushOutbox.PENDING));
        survivor.runOnce();
        assertEquals(1, notificationsOf(person).size(), "expansion is idempotent");
        assertEquals(1, FCM.deliveredTo(token).size(), "and sends nothing twice");
        Document source = db().getCollection(TestPushSource.COLLECTION).find(Filters.eq("_id", need)).first();
        Document outbox = source.get(PushOutbox.FIELD, Document.class);
        assertEquals(PushOutbox.QUEUED, outbox.getString("state"));
        assertNull(outbox.get("leaseOwner"));
    }

    private List<Document> notificationsOf(Person person) {
        return db().getCollection(NotificationRepository.COLLECTION).find(Filters.eq("recipient", person.key()))
                .into(new ArrayList<>());
    }
}
