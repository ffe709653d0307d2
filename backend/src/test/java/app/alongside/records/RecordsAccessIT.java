package app.alongside.records;

import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.MutableClock;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.RecordsOps;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.YoungPersonApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who must not see a young person's records: everyone but them, and their advocate for what they shared. */
class RecordsAccessIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform(
            new MutableClock(Instant.parse("2026-11-23T12:00:00Z")));
    private static String[] invite;
    private static YoungPersonApp owner;
    private static String sharedRecord;
    private static String privateRecord;
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();

    @BeforeAll
    static void aYoungPersonWithOneSharedAndOnePrivateRecord() {
        Platform platform = SERVER.platform();
        invite = platform.invite("Ivy");
        owner = RecordsJourneyIT.joined(SERVER.http(), platform, "Ivy", invite);
        sharedRecord = RecordsJourneyIT.create(owner, "cvItem", Map.of("heading", "Shared"));
        privateRecord = RecordsJourneyIT.create(owner, "wellbeingCheckIn", Map.of("mood", 1,
                "checkedInOn", "2026-11-23"));
        owner.graphql(RecordsOps.SHARE, Ops.input(Map.of("id", sharedRecord, "shared", true)));
    }

    @Test
    void onlyAdvocatesOfTheirServiceReadWhatTheyShared() {
        for (String role : List.of("laWorkerA", "laWorkerB", "otherAdvocate", "corporate")) {
            Reply reply = platform.as(role).graphql(RecordsOps.SHARED_RECORDS, Map.of("youngPersonId", invite[0]));
            assertEquals(List.of("FORBIDDEN"), reply.errorCodes(), role + ": " + reply.body());
            assertNull(Ops.at(platform.as(role).graphql(RecordsOps.NODE, Map.of("id", sharedRecord)), "node"), role);
        }
        Reply admin = platform.admin.graphql(RecordsOps.SHARED_RECORDS, Map.of("youngPersonId", invite[0]));
        assertEquals(List.of("FORBIDDEN"), admin.errorCodes(), "admins run the platform, they read no records");
        Reply manager = platform.as("manager").graphql(RecordsOps.SHARED_RECORDS, Map.of("youngPersonId", invite[0]));
        assertEquals(1, Ops.<List<?>>at(manager, "sharedRecords", "edges").size(), manager.body());
    }

    @Test
    void anAdvocateCannotReadAPrivateRecordAndTheAttemptIsAudited() {
        assertNull(Ops.at(platform.as("advocate").graphql(RecordsOps.NODE, Map.of("id", privateRecord)), "node"));
        Reply audit = platform.admin.graphql("query($id: ID!) { auditLog(filter: {targetId: $id}) { edges { node { "
                + "action actorRole targetType } } } }", Map.of("id", privateRecord));
        List<Map<String, Map<String, Object>>> events = Ops.at(audit, "auditLog", "edges");
        assertTrue(events.stream().anyMatch(e -> "ACCESS_DENIED".equals(e.get("node").get("action"))
                && "ADVOCATE".equals(e.get("node").get("actorRole"))), audit.body());
    }

    @Test
    void anotherYoungPersonCanNeitherSeeNorChangeTheirRecords() {
        YoungPersonApp other = RecordsJourneyIT.joined(http, platform, "Jay", platform.invite("Jay"));
        assertNull(Ops.at(other.graphql(RecordsOps.NODE, Map.of("id", sharedRecord)), "node"));
        Reply update = other.graphql(RecordsOps.UPDATE, Ops.input(Map.of("id", sharedRecord, "version", 2,
                "notes", "hijacked")));
        assertEquals(List.of("NOT_FOUND"), Ops.userErrorCodes(update, "updateRecord"), update.body());
        Reply delete = other.graphql("mutation($input: DeleteRecordInput!) { deleteRecord(input: $input) { "
                + "userErrors { code } } }", Ops.input(Map.of("id", sharedRecord)));
        assertEquals(List.of("NOT_FOUND"), Ops.userErrorCodes(delete, "deleteRecord"));
        Reply share = other.graphql(RecordsOps.SHARE, Ops.input(Map.of("id", privateRecord, "shared", true)));
        assertEquals(List.of("NOT_FOUND"), Ops.userErrorCodes(share, "shareWithAdvocate"));
        Reply peek = other.graphql(RecordsOps.SHARED_RECORDS, Map.of("youngPersonId", invite[0]));
        assertEquals(List.of("FORBIDDEN"), peek.errorCodes());
        Reply mine = owner.graphql(RecordsOps.NODE, Map.of("id", privateRecord));
        assertEquals(privateRecord, Ops.at(mine, "node", "id"), "and the owner's record is unchanged");
    }

    @Test
    void staffAndStrangersCannotWriteRecords() {
        Reply staff = platform.as("advocate").graphql(RecordsOps.CREATE, Ops.input(Map.of("details",
                Map.of("cvItem", Map.of("heading", "x")))));
        assertEquals(List.of("FORBIDDEN"), staff.errorCodes(), staff.body());
        Reply anonymous = http.graphql("{ missionSummary { missions { mission } } }");
        assertEquals(List.of("UNAUTHENTICATED"), anonymous.errorCodes());
        Reply export = platform.as("laWorkerA").graphql("{ exportMyData { document } }");
        assertEquals(List.of("FORBIDDEN"), export.errorCodes());
    }
}
