package app.alongside.records;

import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.MutableClock;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.RecordsOps;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.YoungPersonApp;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A young person's record through the app: every kind of record, goals, the home screen, sharing one record
 * with their advocate, two devices editing at once, delete and undo, history and the full data export.
 */
class RecordsJourneyIT {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform(CLOCK);
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();

    static YoungPersonApp joined(Http http, Platform platform, String name, String[] invite) {
        YoungPersonApp app = YoungPersonApp.signUp(http);
        Reply redeemed = app.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", invite[1])));
        assertNotNull(Ops.at(redeemed, "redeemInvite", "youngPerson", "id"), redeemed.body());
        return app;
    }

    static String create(YoungPersonApp app, String member, Map<String, Object> details) {
        Reply reply = app.graphql(RecordsOps.CREATE, Ops.input(Map.of("details", Map.of(member, details))));
        String id = Ops.at(reply, "createRecord", "record", "id");
        assertNotNull(id, reply.body());
        return id;
    }

    static int number(Object value) {
        return ((Number) value).intValue();
    }

    @Test
    void everyKindOfRecordShowsOnTheHomeScreen() {
        YoungPersonApp app = joined(http, platform, "Ava", platform.invite("Ava"));
        RecordsOps.sampleDetails().forEach((member, details) -> {
            create(app, member, details);
            CLOCK.advance(Duration.ofSeconds(1));
        });
        Reply goal = app.graphql(RecordsOps.CREATE_GOAL, Ops.input(Map.of("mission", "WORK",
                "title", "Pass my driving test", "targetDate", "2027-06-01",
                "steps", List.of(Map.of("title", "Apply for a provisional licence", "targetDate", "2026-12-10"),
                        Map.of("title", "Book ten lessons")))));
        assertEquals(List.of(), Ops.userErrorCodes(goal, "createGoal"), goal.body());
        String goalId = Ops.at(goal, "createGoal", "goal", "id");

        Reply summary = app.graphql(RecordsOps.SUMMARY);
        List<Map<String, Object>> missions = Ops.at(summary, "missionSummary", "missions");
        assertEquals(List.of("RELATIONSHIPS", "EDUCATION", "HOME", "WORK", "HEALTH"),
                missions.stream().map(m -> m.get("mission")).toList());
        assertEquals(List.of(1, 4, 4, 5, 4), missions.stream().map(m -> number(m.get("recordCount"))).toList(),
                summary.body());
        Map<String, Object> work = missions.get(3);
        assertEquals(1, number(work.get("openGoalCount")));
        assertEquals(goalId, ((List<Map<String, Object>>) work.get("openGoals")).getFirst().get("id"));
        assertEquals("Pass my driving test", ((Map<?, ?>) work.get("nextDue")).get("title"),
                "the goal's first step is due soonest");
        Map<String, Object> health = missions.get(4);
        assertEquals("Dentist", ((Map<?, ?>) health.get("nextDue")).get("title"));
        assertEquals("Wellbeing check-in", ((Map<?, ?>) health.get("latestRecord")).get("title"));
        Map<String, Object> home = missions.get(2);
        assertEquals("Cooker", ((Map<?, ?>) home.get("latestRecord")).get("title"));

        Reply accommodation = app.graphql(RecordsOps.MY_RECORDS, Map.of("kinds", List.of("ACCOMMODATION")));
        Map<String, Object> node = Ops.<List<Map<String, Map<String, Object>>>>at(accommodation, "myRecords",
                "edges").getFirst().get("node");
        assertEquals("U1", node.get("ssda903Accom"), "the SSDA903 ACCOM value exports as type and suitability");
        assertEquals("Independent living", ((Map<?, ?>) node.get("accommodationCode")).get("label"));
        assertEquals("PRIVATE", node.get("visibility"), "records are private by default");
        assertEquals(false, node.get("sharedWithAdvocate"));
    }

    @Test
    void recordsPageNewestFirstAndFilterByMission() {
        YoungPersonApp app = joined(http, platform, "Ben", platform.invite("Ben"));
        for (int i = 0; i < 5; i++) {
            create(app, "cvItem", Map.of("heading", "Item " + i));
            CLOCK.advance(Duration.ofSeconds(1));
        }
        create(app, "homeMove", Map.of("movedOn", "2026-02-01"));
        Reply first = app.graphql(RecordsOps.MY_RECORDS, Map.of("mission", "WORK", "first", 3));
        List<Map<String, Map<String, Object>>> edges = Ops.at(first, "myRecords", "edges");
        assertEquals(List.of("Item 4", "Item 3", "Item 2"), edges.stream().map(e -> e.get("node").get("title"))
                .toList());
        assertEquals(true, Ops.at(first, "myRecords", "pageInfo", "hasNextPage"));
        Reply second = app.graphql(RecordsOps.MY_RECORDS, Map.of("mission", "WORK", "first", 3,
                "after", Ops.at(first, "myRecords", "pageInfo", "endCursor")));
        List<Map<String, Map<String, Object>>> rest = Ops.at(second, "myRecords", "edges");
        assertEquals(List.of("Item 1", "Item 0"), rest.stream().map(e -> e.get("node").get("title")).toList());
        assertEquals(false, Ops.at(second, "myRecords", "pageInfo", "hasNextPage"));
    }

    @Test
    void sharingOneRecordLetsTheAdvocateReadExactlyThatOne() {
        String[] invite = platform.invite("Cal");
        YoungPersonApp app = joined(http, platform, "Cal", invite);
        String shared = create(app, "healthRegistration", Map.of("service", "DENTIST", "practice", "Smile Dental"));
        String secret = create(app, "wellbeingCheckIn", Map.of("mood", 2, "checkedInOn", "2026-11-22"));
        Reply share = app.graphql(RecordsOps.SHARE, Ops.input(Map.of("id", shared, "shared", true)));
        assertEquals(true, Ops.at(share, "shareWithAdvocate", "record", "sharedWithAdvocate"), share.body());

        Reply seen = platform.as("advocate").graphql(RecordsOps.SHARED_RECORDS, Map.of("youngPersonId", invite[0]));
        List<Map<String, Map<String, Object>>> edges = Ops.at(seen, "sharedRecords", "edges");
        assertEquals(List.of(shared), edges.stream().map(e -> e.get("node").get("id")).toList(), seen.body());
        assertNull(edges.getFirst().get("node").get("history"), "staff never see earlier versions");
        assertEquals(shared, Ops.at(platform.as("advocate").graphql(RecordsOps.NODE, Map.of("id", shared)),
                "node", "id"));
        assertNull(Ops.at(platform.as("advocate").graphql(RecordsOps.NODE, Map.of("id", secret)), "node"),
                "a private record stays private");

        Reply log = app.graphql("{ myAccessLog(first: 50) { edges { node { action what role organisationName } } } }");
        List<Map<String, Map<String, Object>>> entries = Ops.at(log, "myAccessLog", "edges");
        assertTrue(entries.stream().anyMatch(e -> "READ".equals(e.get("node").get("action"))
                && "record".equals(e.get("node").get("what")) && "ADVOCATE".equals(e.get("node").get("role"))),
                log.body());

        app.graphql(RecordsOps.SHARE, Ops.input(Map.of("id", shared, "shared", false)));
        Reply after = platform.as("advocate").graphql(RecordsOps.SHARED_RECORDS, Map.of("youngPersonId", invite[0]));
        assertEquals(List.of(), Ops.at(after, "sharedRecords", "edges"), "un-sharing takes effect at once");
    }

    @Test
    void sharingAMissionSharesItsRecordsAndGoals() {
        String[] invite = platform.invite("Dee");
        YoungPersonApp app = joined(http, platform, "Dee", invite);
        String job = create(app, "job", Map.of("employer", "Cafe", "jobTitle", "Cook", "startDate", "2026-01-01"));
        create(app, "homeMove", Map.of("movedOn", "2026-01-01"));
        Reply goal = app.graphql(RecordsOps.CREATE_GOAL, Ops.input(Map.of("mission", "WORK", "title", "Get a job")));
        String goalId = Ops.at(goal, "createGoal", "goal", "id");
        Reply shared = app.graphql("mutation($input: ShareMissionInput!) { shareMission(input: $input) { "
                + "mission { mission sharedWithAdvocate } userErrors { code } } }",
                Ops.input(Map.of("mission", "WORK", "shared", true)));
        assertEquals(true, Ops.at(shared, "shareMission", "mission", "sharedWithAdvocate"), shared.body());
        Reply seen = platform.as("advocate").graphql(RecordsOps.SHARED_RECORDS, Map.of("youngPersonId", invite[0]));
        assertEquals(List.of(job), Ops.<List<Map<String, Map<String, Object>>>>at(seen, "sharedRecords", "edges")
                .stream().map(e -> e.get("node").get("id")).toList());
        Reply comment = platform.as("advocate").graphql("mutation($input: CommentOnGoalInput!) { commentOnGoal("
                + "input: $input) { goal { comments { authorKind authorName body } } userErrors { code } } }",
                Ops.input(Map.of("goalId", goalId, "body", "Shall we look at the NHS apprenticeship?")));
        List<Map<String, Object>> comments = Ops.at(comment, "commentOnGoal", "goal", "comments");
        assertEquals("STAFF", comments.getFirst().get("authorKind"), comment.body());
        assertEquals("advocate", comments.getFirst().get("authorName"));
    }

    @Test
    void twoDevicesEditingAtOnceGetACleanConflict() {
        YoungPersonApp app = joined(http, platform, "Eve", platform.invite("Eve"));
        String id = create(app, "job", Map.of("employer", "Cafe", "jobTitle", "Cook", "startDate", "2026-01-01"));
        Reply phone = app.graphql(RecordsOps.UPDATE, Ops.input(Map.of("id", id, "version", 1,
                "notes", "Promoted to head cook")));
        assertEquals(2, number(Ops.at(phone, "updateRecord", "record", "version")), phone.body());
        Reply tablet = app.graphql(RecordsOps.UPDATE, Ops.input(Map.of("id", id, "version", 1,
                "notes", "Thinking of leaving")));
        assertEquals(List.of("CONFLICT"), Ops.userErrorCodes(tablet, "updateRecord"), tablet.body());
        assertNull(Ops.at(tablet, "updateRecord", "record"));
        assertEquals(2, number(Ops.at(tablet, "updateRecord", "currentRecord", "version")));
        assertEquals("Promoted to head cook", Ops.at(tablet, "updateRecord", "currentRecord", "notes"),
                "the app can show the version that won");
        Reply retry = app.graphql(RecordsOps.UPDATE, Ops.input(Map.of("id", id, "version", 2,
                "details", Map.of("job", Map.of("employer", "Cafe", "jobTitle", "Head cook",
                        "startDate", "2026-01-01")))));
        assertEquals("Head cook", Ops.at(retry, "updateRecord", "record", "jobTitle"), retry.body());
        Reply history = app.graphql("query($id: ID!) { node(id: $id) { ... on Record { history { version change "
                + "changedBy snapshot } } } }", Map.of("id", id));
        List<Map<String, Object>> versions = Ops.at(history, "node", "history");
        assertEquals(List.of(3, 2, 1), versions.stream().map(v -> number(v.get("version"))).toList());
        assertEquals(List.of("UPDATED", "UPDATED", "CREATED"), versions.stream().map(v -> v.get("change")).toList());
        assertTrue(((String) versions.get(2).get("snapshot")).contains("\"jobTitle\": \"Cook\""),
                "version 1 is kept as it was: " + versions.get(2).get("snapshot"));
        assertFalse(((String) versions.get(2).get("snapshot")).contains("head cook"));
    }

    @Test
    void retriedCreateReturnsTheFirstRecord() {
        YoungPersonApp app = joined(http, platform, "Fay", platform.invite("Fay"));
        Map<String, Object> input = Map.of("clientMutationId", "device-1-42",
                "details", Map.of("cvItem", Map.of("heading", "First aid certificate")));
        String first = Ops.at(app.graphql(RecordsOps.CREATE, Ops.input(input)), "createRecord", "record", "id");
        String again = Ops.at(app.graphql(RecordsOps.CREATE, Ops.input(input)), "createRecord", "record", "id");
        assertEquals(first, again);
        Reply all = app.graphql(RecordsOps.MY_RECORDS, Map.of());
        assertEquals(1, Ops.<List<?>>at(all, "myRecords", "edges").size());
    }

    @Test
    void deleteCanBeUndoneWithinTheWindowThenIsPurged() {
        YoungPersonApp app = joined(http, platform, "Gus", platform.invite("Gus"));
        String id = create(app, "cvItem", Map.of("heading", "Oops"));
        String delete = "mutation($input: DeleteRecordInput!) { deleteRecord(input: $input) { record { id "
                + "deletedAt restorableUntil } userErrors { code } } }";
        String restore = "mutation($input: RestoreRecordInput!) { restoreRecord(input: $input) { record { id "
                + "deletedAt } userErrors { code } } }";
        Reply deleted = app.graphql(delete, Ops.input(Map.of("id", id)));
        assertNotNull(Ops.at(deleted, "deleteRecord", "record", "restorableUntil"), deleted.body());
        assertEquals(List.of(), Ops.at(app.graphql(RecordsOps.MY_RECORDS, Map.of()), "myRecords", "edges"));
        assertEquals(1, Ops.<List<?>>at(app.graphql(RecordsOps.MY_RECORDS, Map.of("includeDeleted", true)),
                "myRecords", "edges").size());
        Reply restored = app.graphql(restore, Ops.input(Map.of("id", id)));
        assertNull(Ops.at(restored, "restoreRecord", "record", "deletedAt"), restored.body());
        app.graphql(delete, Ops.input(Map.of("id", id)));
        CLOCK.advance(Duration.ofMinutes(31));
        Reply late = app.graphql(restore, Ops.input(Map.of("id", id)));
        assertEquals(List.of("CONFLICT"), Ops.userErrorCodes(late, "restoreRecord"), late.body());
        CLOCK.advance(Duration.ofMinutes(-31));
    }

    @Test
    void theExportHoldsEverythingAboutThem() {
        YoungPersonApp app = joined(http, platform, "Hana", platform.invite("Hana"));
        String id = create(app, "importantPerson", Map.of("name", "My sister Jo", "relationship", "SIBLING"));
        app.graphql(RecordsOps.UPDATE, Ops.input(Map.of("id", id, "version", 1, "notes", "Sees me at weekends")));
        app.graphql(RecordsOps.CREATE_GOAL, Ops.input(Map.of("mission", "RELATIONSHIPS", "title", "Visit Jo")));
        Reply export = app.graphql("{ exportMyData { schemaVersion generatedAt document } }");
        assertEquals("1.1", Ops.at(export, "exportMyData", "schemaVersion"), export.body());
        @SuppressWarnings("unchecked")
        Map<String, Object> document = JsonbBuilder.create().fromJson(
                (String) Ops.at(export, "exportMyData", "document"), HashMap.class);
        assertEquals("1.1", document.get("schemaVersion"));
        assertEquals("Hana", ((Map<?, ?>) document.get("profile")).get("firstName"));
        List<Map<String, Object>> records = (List<Map<String, Object>>) document.get("records");
        assertEquals(1, records.size());
        assertEquals(2, ((List<?>) records.getFirst().get("history")).size(), "every version is exported");
        assertEquals(1, ((List<?>) document.get("goals")).size());
        assertFalse(((List<?>) document.get("accessLog")).isEmpty());
        assertNotNull(document.get("sharing"));
        assertNotNull(document.get("opportunities"), "other domains add their sections");
        assertNotNull(((Map<?, ?>) document.get("messaging")).get("advocacy"), "allocated when they joined");
    }
}
