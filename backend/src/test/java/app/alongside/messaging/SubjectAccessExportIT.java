package app.alongside.messaging;

import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.PushOps;
import app.alongside.fixtures.ServerExtension;
import app.alongside.platform.core.GlobalIds;
import com.mongodb.client.MongoDatabase;
import jakarta.json.bind.JsonbBuilder;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The subject access export holds what staff hold about the young person as well as what they wrote: the
 * safeguarding concerns their advocates raised, their invite, their devices, notification choices and push
 * history. A concern raised without telling them because telling them would increase the risk is withheld (DPA
 * 2018 Schedule 3 Part 3): from the export, from their access log, and from the urgent flag they see; the admins'
 * audit search still shows it.
 */
class SubjectAccessExportIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    private static final String RAISE = """
            mutation($input: RaiseSafeguardingConcernInput!) { raiseSafeguardingConcern(input: $input) {
              concern { id } userErrors { field message code } } }""";
    private static final String ACCESS_LOG = "{ myAccessLog(first: 100) { edges { node { what action } } } }";
    private static final String AUDIT = """
            query($targetId: ID) { auditLog(filter: { targetId: $targetId }, first: 100) {
              edges { node { targetType detail } } } }""";
    private static final String URGENT = "query($id: ID!) { node(id: $id) { ... on MessageThread { urgent } } }";
    private static MessagingOps.Person hana;
    private static String thread;
    private static String toldConcern;
    private static String withheldConcern;

    @BeforeAll
    static void setUp() {
        Platform platform = SERVER.platform();
        hana = MessagingOps.onboard(SERVER.http(), platform, "Hana");
        thread = MessagingOps.threadOf(hana);
        Reply device = hana.app().graphql(PushOps.REGISTER_DEVICE, PushOps.device(PushOps.token("hana"), "ANDROID"));
        assertEquals(List.of(), Ops.userErrorCodes(device, "registerDevice"), device.body());
        toldConcern = raise(platform, true, null, "Talked it through with Hana first");
        withheldConcern = raise(platform, false, "WOULD_INCREASE_RISK", "Worried about someone at home");
        raise(platform, false, "EMERGENCY", "Rang the duty team at once");
        Reply read = platform.as("advocate").graphql("query($t: ID!) { safeguardingConcerns(threadId: $t) { id } }",
                Map.of("t", thread));
        assertEquals(3, ((List<?>) Ops.at(read, "safeguardingConcerns")).size(), read.body());
    }

    private static String raise(Platform platform, boolean toldFirst, String reason, String summary) {
        Map<String, Object> input = new HashMap<>(Map.of("threadId", thread, "youngPersonToldFirst", toldFirst,
                "referredTo", "Duty team, Ms Example", "referredAt", "2026-01-05T10:00:00Z", "summary", summary));
        if (reason != null) {
            input.put("notToldReason", reason);
        }
        Reply raised = platform.as("advocate").graphql(RAISE, Ops.input(input));
        assertEquals(List.of(), Ops.userErrorCodes(raised, "raiseSafeguardingConcern"), raised.body());
        return Ops.at(raised, "raiseSafeguardingConcern", "concern", "id");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> export() {
        Reply export = hana.app().graphql("{ exportMyData { schemaVersion document } }");
        assertEquals("1.1", Ops.at(export, "exportMyData", "schemaVersion"), export.body());
        return JsonbBuilder.create().fromJson((String) Ops.at(export, "exportMyData", "document"), HashMap.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theExportHoldsWhatStaffHoldExceptAConcernWithheldFromThem() {
        Map<String, Object> document = export();
        List<Map<String, Object>> concerns = (List<Map<String, Object>>) ((Map<String, Object>)
                document.get("messaging")).get("safeguardingConcerns");
        assertEquals(1, concerns.size(), "only the concern they were told of first: " + concerns);
        assertEquals("Talked it through with Hana first", concerns.getFirst().get("summary"));
        assertFalse(concerns.getFirst().containsKey("raisedById"), "no staff ids");
        assertFalse(document.toString().contains("Worried about someone at home"), "the withheld concern is absent");
        assertFalse(document.toString().contains("Rang the duty team"), "one they were not told of yet is absent");
        List<Map<String, Object>> threads = (List<Map<String, Object>>) ((Map<String, Object>)
                document.get("messaging")).get("threads");
        assertTrue(threads.stream().noneMatch(t -> t.containsKey("urgent")), "the service's flag is not theirs");

        List<Map<String, Object>> invites = (List<Map<String, Object>>) document.get("invites");
        assertEquals(1, invites.size());
        assertTrue(invites.getFirst().get("usedAt") != null && invites.getFirst().get("localAuthorityId") != null,
                invites.toString());
        assertFalse(invites.getFirst().containsKey("_id"), "never the code's hash");

        Map<String, Object> push = (Map<String, Object>) document.get("push");
        List<Map<String, Object>> devices = (List<Map<String, Object>>) push.get("devices");
        assertEquals(1, devices.size());
        assertEquals("ANDROID", devices.getFirst().get("platform"));
        assertFalse(document.toString().contains(PushOps.token("hana")), "never the FCM token");
        Map<String, Object> preferences = (Map<String, Object>) push.get("notificationPreferences");
        assertEquals("GENERIC", preferences.get("lockScreen"));
        assertNull(preferences.get("changedAt"), "never changed: the defaults");
        assertTrue(push.containsKey("notifications"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWithheldConcernIsInNoAccessLogOfTheirsButAdminsSeeIt() {
        List<Map<String, Object>> exported = (List<Map<String, Object>>) export().get("accessLog");
        long concernEntries = exported.stream().filter(e -> "SafeguardingConcern".equals(e.get("what"))).count();
        assertEquals(2, concernEntries, "the told and the emergency concerns' creation, not the withheld one's nor "
                + "the reads of a thread with a withheld one: " + exported);

        Reply log = hana.app().graphql(ACCESS_LOG);
        List<Map<String, Object>> edges = Ops.at(log, "myAccessLog", "edges");
        assertEquals(2, edges.stream().filter(e -> "safeguardingconcern".equals(((Map<?, ?>) e.get("node"))
                .get("what"))).count(), log.body());

        Reply audit = SERVER.platform().admin.graphql(AUDIT, Map.of("targetId", withheldConcern));
        List<Map<String, Object>> events = Ops.at(audit, "auditLog", "edges");
        assertEquals(1, events.size(), audit.body());
        assertEquals("safeguarding concern raised; not told first: would increase risk",
                ((Map<?, ?>) events.getFirst().get("node")).get("detail"));
        assertFalse(toldConcern.equals(withheldConcern));
    }

    @Test
    void theUrgentFlagIsTheServicesNotTheYoungPersons() {
        Reply mine = hana.app().graphql(URGENT, Map.of("id", thread));
        assertEquals(Boolean.FALSE, Ops.at(mine, "node", "urgent"), mine.body());
        Reply advocates = SERVER.platform().as("advocate").graphql(URGENT, Map.of("id", thread));
        assertEquals(Boolean.TRUE, Ops.at(advocates, "node", "urgent"), advocates.body());
    }

    @Test
    void theMigrationWithholdsEntriesRecordedBeforeConcernsWereWithheld() {
        MessagingOps.Person ivo = MessagingOps.onboard(SERVER.http(), SERVER.platform(), "Ivo");
        MongoDatabase db = SERVER.server().app().store().db();
        String subject = GlobalIds.decode(ivo.id()).orElseThrow().id();
        db.getCollection(ServiceSettingsRepository.CONCERNS).insertOne(new Document("_id", "old-concern")
                .append("threadId", "old-thread").append("youngPersonId", subject)
                .append("youngPersonToldFirst", false).append("notToldReason", "WOULD_INCREASE_RISK"));
        db.getCollection("audit").insertOne(new Document("_id", "old-entry").append("createdAt", new Date())
                .append("action", "CREATE").append("targetType", "SafeguardingConcern").append("targetId",
                        "old-concern").append("subjectId", subject).append("requestId", "r").append("actorKind",
                        "STAFF").append("actorRole", "ADVOCATE").append("detail", "safeguarding concern raised"));
        assertEquals(1, concernEntries(ivo), "before the migration, the old entry shows");
        Safeguarding.WITHHOLD_EARLIER_ENTRIES.apply().accept(db);
        assertEquals(0, concernEntries(ivo), "after it, it does not");
    }

    private static long concernEntries(MessagingOps.Person person) {
        Reply log = person.app().graphql(ACCESS_LOG);
        List<Map<String, Object>> edges = Ops.at(log, "myAccessLog", "edges");
        return edges.stream().filter(e -> "safeguardingconcern".equals(((Map<?, ?>) e.get("node")).get("what")))
                .count();
    }
}
