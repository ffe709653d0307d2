package app.alongside.privacy.notices;

import app.alongside.fixtures.Engine;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.MutableClock;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.YoungPersonApp;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static app.alongside.privacy.notices.NoticeOps.Notice;
import static app.alongside.privacy.notices.NoticeOps.NoticePayload;
import static app.alongside.privacy.notices.NoticeOps.Status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The privacy notice through GraphQL: anyone reads it, a young person acknowledges its current version for
 * themselves, an admin publishes a new version and the old one is kept. Each test works on parts of its own, since
 * they share one server.
 */
class PrivacyNoticesIT {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform(CLOCK);
    private static Engine engine;
    private static Engine.Asker admin;
    private static Platform platform;

    @BeforeAll
    static void setUp() {
        platform = SERVER.platform();
        engine = Engine.of(SERVER.server().app());
        admin = engine.staff(Ops.payload(platform.admin.graphql(Ops.VIEWER), "viewer", Ops.StaffViewer.class).id());
    }

    private static MongoDatabase db() {
        return SERVER.server().app().store().db();
    }

    private static long stored(String collection, String feature) {
        return db().getCollection(collection).countDocuments(Filters.eq("feature", feature));
    }

    private static long audited(String targetType) {
        return db().getCollection("audit").countDocuments(Filters.eq("targetType", targetType));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anyoneReadsEveryPartAndAYoungPersonAcknowledgesTheCurrentVersionOnce() {
        Reply all = engine.anonymous().graphql(NoticeOps.NOTICES, Map.of());
        List<Notice> parts = List.of(JsonbBuilder.create().fromJson(JsonbBuilder.create().toJson(
                Ops.at(all, "privacyNotices")), Notice[].class));
        assertEquals(List.of("ACCOUNT", "MESSAGING", "SHARING", "EXPRESSING_INTEREST", "PUSH", "EXPORT", "ACCESS_LOG"),
                parts.stream().map(Notice::feature).toList(), all.body());
        for (Notice part : parts) {
            assertTrue(part.version() >= 1, part.toString());
            assertTrue(part.needsAcknowledgement() && part.acknowledgedVersion() == null, part.toString());
            assertFalse(part.points().isEmpty(), part.toString());
            assertTrue(part.summary().endsWith("."), "one sentence: " + part.summary());
        }
        Reply account = engine.anonymous().graphql(NoticeOps.HISTORY, Map.of("feature", "ACCOUNT"));
        assertEquals(List.of(1), ((List<Map<String, Object>>) Ops.at(account, "privacyNoticeHistory")).stream()
                .map(n -> ((Number) n.get("version")).intValue()).toList(), "the shipped version is the first");
        assertTrue(NoticeOps.notice(engine.anonymous(), "MESSAGING").points().stream()
                .anyMatch(p -> p.contains("keep you safe")), "what an advocate may pass on");

        Engine.Asker ada = NoticeOps.joined(SERVER.http(), platform, engine, "Ada");
        assertTrue(NoticeOps.notice(ada, "MESSAGING").needsAcknowledgement(), "never acknowledged");
        long audits = audited(PrivacyNotices.ACKNOWLEDGEMENT);
        NoticePayload first = NoticeOps.acknowledge(ada, "MESSAGING", 1);
        assertEquals(List.of(), first.userErrors());
        assertEquals(1, first.notice().acknowledgedVersion());
        assertEquals("2026-12-02T10:00:00Z", first.notice().acknowledgedAt());
        assertFalse(first.notice().needsAcknowledgement());
        CLOCK.advance(Duration.ofMinutes(5));
        NoticePayload again = NoticeOps.acknowledge(ada, "MESSAGING", 1);
        assertEquals("2026-12-02T10:00:00Z", again.notice().acknowledgedAt(), "acknowledging twice keeps the first");
        assertEquals(1, stored(AcknowledgementRepository.COLLECTION, "MESSAGING"));
        assertEquals(audits + 1, audited(PrivacyNotices.ACKNOWLEDGEMENT), "one write, audited once");
        assertFalse(NoticeOps.notice(ada, "MESSAGING").needsAcknowledgement());
        assertTrue(NoticeOps.notice(ada, "ACCOUNT").needsAcknowledgement(), "each part is acknowledged on its own");
    }

    @Test
    void theAcknowledgementIsInTheYoungPersonsExportAndAccessLog() {
        String[] invite = platform.invite("Bea");
        YoungPersonApp app = YoungPersonApp.signUp(SERVER.http());
        app.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", invite[1])));
        Engine.Asker bea = engine.youngPerson(invite[0], app.uid());
        NoticeOps.acknowledge(bea, "EXPORT", 1);
        Reply export = app.graphql("{ exportMyData { document } }");
        @SuppressWarnings("unchecked")
        Map<String, Object> document = JsonbBuilder.create().fromJson(
                (String) Ops.at(export, "exportMyData", "document"), HashMap.class);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> acks = (List<Map<String, Object>>) document.get("privacyNoticeAcknowledgements");
        assertEquals(1, acks.size(), export.body());
        assertEquals("EXPORT", acks.getFirst().get("feature"));
        assertEquals(1, ((Number) acks.getFirst().get("version")).intValue());
        Reply log = app.graphql("{ myAccessLog(first: 50) { edges { node { action } } } }");
        assertTrue(log.body().contains("\"CREATE\""), "the young person's own acknowledgement: " + log.body());
    }

    @Test
    void aNewVersionAsksAgainAndTheOldOneIsKeptAsItWas() {
        Engine.Asker cal = NoticeOps.joined(SERVER.http(), platform, engine, "Cal");
        Notice v1 = NoticeOps.acknowledge(cal, "SHARING", 1).notice();
        Reply published = NoticeOps.publish(admin, NoticeOps.newVersion("SHARING"));
        NoticePayload v2 = Ops.payload(published, "publishPrivacyNotice", NoticePayload.class);
        assertEquals(List.of(), v2.userErrors(), published.body());
        assertEquals(2, v2.notice().version());
        assertEquals("2026-12-02", v2.notice().publishedOn(), "dated today");

        Notice shown = NoticeOps.notice(cal, "SHARING");
        assertEquals(2, shown.version());
        assertEquals(1, shown.acknowledgedVersion());
        assertTrue(shown.needsAcknowledgement(), "an older version was acknowledged");
        Reply history = engine.anonymous().graphql(NoticeOps.HISTORY, Map.of("feature", "SHARING"));
        List<Notice> versions = List.of(JsonbBuilder.create().fromJson(JsonbBuilder.create().toJson(
                Ops.at(history, "privacyNoticeHistory")), Notice[].class));
        assertEquals(List.of(2, 1), versions.stream().map(Notice::version).toList());
        assertEquals(v1.title(), versions.get(1).title(), "the earlier version is not edited");
        assertEquals(v1.points(), versions.get(1).points());

        NoticePayload stale = NoticeOps.acknowledge(cal, "SHARING", 1);
        assertEquals(List.of("input", "version"), stale.userErrors().getFirst().field());
        assertEquals("BAD_USER_INPUT", stale.userErrors().getFirst().code());
        assertTrue(stale.userErrors().getFirst().message().contains("version 2"), stale.toString());
        assertEquals(1, stored(AcknowledgementRepository.COLLECTION, "SHARING"), "nothing stored");
        assertFalse(NoticeOps.acknowledge(cal, "SHARING", 2).notice().needsAcknowledgement());

        Reply status = admin.graphql(NoticeOps.STATUS, Map.of());
        List<Status> parts = List.of(JsonbBuilder.create().fromJson(JsonbBuilder.create().toJson(
                Ops.at(status, "privacyNoticeStatus")), Status[].class));
        Status sharing = parts.stream().filter(s -> s.notice().feature().equals("SHARING")).findFirst().orElseThrow();
        assertEquals(2, sharing.notice().version());
        assertEquals(1, sharing.acknowledgedCount(), "Cal acknowledged version 2");
        assertEquals(1, sharing.earlierVersions());
        assertEquals(1, db().getCollection("audit").countDocuments(Filters.and(
                Filters.eq("targetType", PrivacyNotice.TYPE), Filters.eq("targetId", "SHARING:2"))));
    }

    @Test
    void onlyTheYoungPersonAcknowledgesAndOnlyAdminsPublishOrCount() {
        Engine.Asker dev = NoticeOps.joined(SERVER.http(), platform, engine, "Dev");
        Engine.Asker eli = NoticeOps.joined(SERVER.http(), platform, engine, "Eli");
        NoticeOps.acknowledge(dev, "PUSH", 1);
        assertNull(NoticeOps.notice(eli, "PUSH").acknowledgedVersion(), "another young person's is not theirs");
        assertNull(NoticeOps.notice(admin, "PUSH").acknowledgedVersion(), "staff see nobody's acknowledgement");
        Reply anonymous = engine.anonymous().graphql(NoticeOps.ACKNOWLEDGE,
                Ops.input(Map.of("feature", "PUSH", "version", 1)));
        assertEquals(List.of("UNAUTHENTICATED"), anonymous.errorCodes(), anonymous.body());
        for (String name : List.of("advocate", "laWorkerA", "corporate")) {
            Engine.Asker staff = engine.staff(platform.staffIds.get(name));
            Reply reply = staff.graphql(NoticeOps.ACKNOWLEDGE, Ops.input(Map.of("feature", "PUSH", "version", 1)));
            assertEquals(List.of("FORBIDDEN"), reply.errorCodes(), name + " cannot acknowledge for anyone");
            assertEquals(List.of("FORBIDDEN"), NoticeOps.publish(staff, NoticeOps.newVersion("PUSH")).errorCodes());
            assertEquals(List.of("FORBIDDEN"), staff.graphql(NoticeOps.STATUS, Map.of()).errorCodes());
        }
        Reply admins = admin.graphql(NoticeOps.ACKNOWLEDGE, Ops.input(Map.of("feature", "PUSH", "version", 1)));
        assertEquals(List.of("FORBIDDEN"), admins.errorCodes(), "not even an admin");
        Engine.Asker unlinked = engine.appUser(YoungPersonApp.signUp(SERVER.http()).uid());
        assertEquals(List.of("FORBIDDEN"), unlinked.graphql(NoticeOps.ACKNOWLEDGE,
                Ops.input(Map.of("feature", "PUSH", "version", 1))).errorCodes());
        assertEquals(List.of("FORBIDDEN"), NoticeOps.publish(dev, NoticeOps.newVersion("PUSH")).errorCodes());
        assertEquals(List.of("UNAUTHENTICATED"),
                NoticeOps.publish(engine.anonymous(), NoticeOps.newVersion("PUSH")).errorCodes());
        assertEquals(List.of("FORBIDDEN"), dev.graphql(NoticeOps.STATUS, Map.of()).errorCodes());
        assertEquals(List.of("UNAUTHENTICATED"), engine.anonymous().graphql(NoticeOps.STATUS, Map.of()).errorCodes());
        assertEquals(1, stored(AcknowledgementRepository.COLLECTION, "PUSH"), "only Dev's own");
        assertEquals(1, stored(NoticeRepository.COLLECTION, "PUSH"), "no version published");
    }

    @Test
    void badInputIsRefusedAtItsFieldAndChangesNothing() {
        Engine.Asker fin = NoticeOps.joined(SERVER.http(), platform, engine, "Fin");
        for (int version : List.of(0, 2, -1)) {
            NoticePayload refused = NoticeOps.acknowledge(fin, "ACCESS_LOG", version);
            assertEquals(List.of("input", "version"), refused.userErrors().getFirst().field(), refused.toString());
            assertEquals("BAD_USER_INPUT", refused.userErrors().getFirst().code());
        }
        Reply unknown = fin.graphql(NoticeOps.ACKNOWLEDGE, Ops.input(Map.of("feature", "ADS", "version", 1)));
        assertEquals(List.of("BAD_USER_INPUT"), unknown.errorCodes(), unknown.body());
        assertEquals(0, stored(AcknowledgementRepository.COLLECTION, "ACCESS_LOG"));

        assertPublishRefused(Map.of("title", ""), List.of("input", "title"));
        assertPublishRefused(Map.of("title", "T".repeat(81)), List.of("input", "title"));
        assertPublishRefused(Map.of("summary", "Short"), List.of("input", "summary"));
        assertPublishRefused(Map.of("points", List.of()), List.of("input", "points"));
        assertPublishRefused(Map.of("points", List.of("a", "b", "c", "d", "e", "f", "g", "h", "i")),
                List.of("input", "points"));
        assertPublishRefused(Map.of("points", List.of("A fine point.", " ")), List.of("input", "points", "1"));
        assertEquals(1, stored(NoticeRepository.COLLECTION, "ACCESS_LOG"), "nothing published");

        Map<String, Object> keyed = new HashMap<>(NoticeOps.newVersion("ACCESS_LOG"));
        keyed.put("clientMutationId", "publish-access-log-2");
        NoticePayload first = Ops.payload(NoticeOps.publish(admin, keyed), "publishPrivacyNotice",
                NoticePayload.class);
        NoticePayload retry = Ops.payload(NoticeOps.publish(admin, keyed), "publishPrivacyNotice",
                NoticePayload.class);
        assertEquals(2, first.notice().version());
        assertEquals(2, retry.notice().version(), "a retry publishes nothing new");
        assertEquals(2, stored(NoticeRepository.COLLECTION, "ACCESS_LOG"));
        keyed.put("title", "Another title");
        NoticePayload reused = Ops.payload(NoticeOps.publish(admin, keyed), "publishPrivacyNotice",
                NoticePayload.class);
        assertEquals(List.of("CONFLICT"), reused.errorCodes());
        assertEquals(2, stored(NoticeRepository.COLLECTION, "ACCESS_LOG"));
    }

    private static void assertPublishRefused(Map<String, Object> change, List<String> field) {
        Map<String, Object> input = new HashMap<>(NoticeOps.newVersion("ACCESS_LOG"));
        input.putAll(change);
        NoticePayload refused = Ops.payload(NoticeOps.publish(admin, input), "publishPrivacyNotice",
                NoticePayload.class);
        assertEquals(1, refused.userErrors().size(), refused.toString());
        assertEquals(field, refused.userErrors().getFirst().field());
        assertEquals("BAD_USER_INPUT", refused.userErrors().getFirst().code());
    }
}
