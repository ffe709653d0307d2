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
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pushes go out as they go to FCM: through the Admin SDK's own transport, over TLS, HTTP/2 negotiated by ALPN, to a
 * fake FCM whose self-signed certificate the server is told to trust ({@code FCM_ENDPOINT_CA}); one whose
 * certificate it does not trust gets nothing.
 */
class PushHttp2IT {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-04T12:00:00Z"));
    private static final FakeFcm FCM = FakeFcm.startTls();
    private static final FakeFcm UNTRUSTED = FakeFcm.startTls();

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPush(CLOCK, settings(), List.of(new TestPushSource()));
    private final Http http = SERVER.http();

    private static Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(FCM.settings());
        settings.putAll(Map.of("PUSH_DISPATCHER_ENABLED", "false", "AUTH_INVITE_ATTEMPTS_PER_HOUR", "1000"));
        return settings;
    }

    @AfterAll
    static void stopFcm() {
        FCM.close();
        UNTRUSTED.close();
    }

    @BeforeEach
    void reset() {
        CLOCK.advance(Duration.ofHours(1));
        FCM.reset();
    }

    private Person withDevice(String name, String token) {
        Person person = PushOps.youngPersonNow(http, name);
        PushOps.turnOn(person.app(), "NEW_MESSAGE");
        person.app().graphql(PushOps.UPDATE_PREFERENCES, Ops.input(Map.of("quietHours", Map.of("enabled", false,
                "start", "22:00", "end", "07:00", "timeZone", "Europe/London"))));
        var reply = person.app().graphql(PushOps.REGISTER_DEVICE, PushOps.device(token, "ANDROID"));
        assertEquals(List.of(), Ops.userErrorCodes(reply, "registerDevice"), reply.body());
        return person;
    }

    private void reply(Person to, long sequence) {
        TestPushSource.need(SERVER.server().app().store().db(), CLOCK.instant(), TestPushSource.intent(to.key(),
                PushCategory.NEW_MESSAGE, "message.added", Map.of("threadId", "t-" + sequence, "messageId",
                        "m-" + sequence), "thread-t-" + sequence, sequence));
    }

    private Document only(Person person) {
        List<Document> all = SERVER.server().app().store().db().getCollection(NotificationRepository.COLLECTION)
                .find(Filters.eq("recipient", person.key())).into(new ArrayList<>());
        assertEquals(1, all.size(), all.toString());
        return all.getFirst();
    }

    @Test
    void aPushGoesOverHttp2AndTls() {
        String token = PushOps.token("h2");
        Person person = withDevice("Hana", token);
        reply(person, 1);
        SERVER.server().app().push().runOnce();
        assertEquals(1, FCM.deliveredTo(token).size());
        assertEquals("SENT", only(person).getString("state"));
        assertEquals(Map.of("2.0", 1L), FCM.requestsByProtocol(), "one request, over HTTP/2");
    }

    @Test
    void fcmsErrorsOverHttp2AreReadAsOverHttp1() {
        String token = PushOps.token("h2-gone");
        Person person = withDevice("Ivo", token);
        FCM.answer(token, "UNREGISTERED", null, 1);
        reply(person, 2);
        SERVER.server().app().push().runOnce();
        assertEquals("DROPPED", only(person).getString("state"));
        assertEquals("UNREGISTERED", only(person).getString("reason"));
        assertEquals(Map.of("2.0", 1L), FCM.requestsByProtocol());
    }

    @Test
    void aCertificateNobodyTrustsGetsNothing() {
        // The server's settings trust FCM's certificate only: the second fake's is refused in the handshake.
        FirebaseApp app = Firebase.start(new Firebase.Settings(Optional.of("demo-untrusted"), Optional.empty(),
                Optional.of(UNTRUSTED.endpoint()), FCM.certificate().map(Object::toString))).orElseThrow();
        try {
            OutgoingPush push = new OutgoingPush("n1", PushOps.token("untrusted"), DevicePlatform.ANDROID,
                    PushCategory.NEW_MESSAGE, Map.of("kind", "message.added"), Optional.of("You have a new message"),
                    "thread-t", Duration.ofDays(1), Instant.now().plus(Duration.ofDays(1)));
            PushSender.Result result = new FcmSender(app).send(List.of(push)).getFirst();
            assertFalse(result.ok(), result.toString());
            assertTrue(result.detail() != null && !result.detail().isBlank(), result.toString());
            assertEquals(0, UNTRUSTED.requests(), "no request reached a server whose certificate is not trusted");
        } finally {
            Firebase.stop(app);
        }
    }
}
