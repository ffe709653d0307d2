package app.alongside.records;

import app.alongside.fixtures.Engine;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.MutableClock;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.RecordsOps;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.YoungPersonApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static app.alongside.fixtures.Ops.UserErrorsPayload;
import static app.alongside.fixtures.RecordsOps.CreatePayload;
import static app.alongside.fixtures.RecordsOps.GoalPayload;
import static app.alongside.fixtures.RecordsOps.RecordNode;
import static app.alongside.fixtures.RecordsOps.Records;
import static app.alongside.fixtures.RecordsOps.UpdatePayload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Every kind of bad record input gets a typed error at its field, and nothing is written. Each young person joins
 * over HTTP as an app would (invite, sign-up, redeem); the rules are then run on the GraphQL engine as them
 * ({@link Engine}), with no transport in between: the transport has tests of its own.
 */
class RecordsBadInputIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform(
            new MutableClock(Instant.parse("2026-11-23T12:00:00Z")));

    /** A young person of council A, invited, signed up and redeemed over HTTP, as the engine sees them. */
    private static Engine.Asker joined(String name) {
        Platform platform = SERVER.platform();
        String[] invite = platform.invite(name);
        YoungPersonApp app = RecordsJourneyIT.joined(SERVER.http(), platform, name, invite);
        return Engine.of(SERVER.server().app()).youngPerson(invite[0], app.uid());
    }

    private static List<String> rejected(Engine.Asker asker, Map<String, Object> input) {
        Reply reply = asker.graphql(RecordsOps.CREATE, Ops.input(input));
        CreatePayload created = Ops.payload(reply, "createRecord", CreatePayload.class);
        assertEquals(1, created.userErrors().size(), reply.body());
        assertEquals("BAD_USER_INPUT", created.userErrors().getFirst().code(), reply.body());
        return created.userErrors().getFirst().field();
    }

    private static String create(Engine.Asker asker, String member, Map<String, Object> fields) {
        Reply reply = asker.graphql(RecordsOps.CREATE, Ops.input(details(member, fields)));
        CreatePayload created = Ops.payload(reply, "createRecord", CreatePayload.class);
        assertNotNull(created.record(), reply.body());
        assertNotNull(created.record().id(), reply.body());
        return created.record().id();
    }

    private static UpdatePayload update(Engine.Asker asker, Map<String, Object> input) {
        return Ops.payload(asker.graphql(RecordsOps.UPDATE, Ops.input(input)), "updateRecord", UpdatePayload.class);
    }

    private static Map<String, Object> details(String member, Map<String, Object> fields) {
        return Map.of("details", Map.of(member, fields));
    }

    @Test
    void impossibleValuesAreRejectedAtTheirField() {
        Engine.Asker kit = joined("Kit");
        assertEquals(List.of("input", "details", "job", "endDate"), rejected(kit, details("job", Map.of(
                "employer", "Cafe", "jobTitle", "Cook", "startDate", "2026-05-01", "endDate", "2026-04-01"))));
        assertEquals(List.of("input", "details", "qualification", "awardedOn"), rejected(kit,
                details("qualification", Map.of("name", "GCSE", "awardedOn", "2027-01-01"))));
        assertEquals(List.of("input", "details", "healthAssessment", "nextDueOn"), rejected(kit,
                details("healthAssessment", Map.of("assessedOn", "2026-05-01", "nextDueOn", "2026-04-01"))));
        assertEquals(List.of("input", "details", "accommodation", "accommodationCode"), rejected(kit,
                details("accommodation", Map.of("accommodationCode", "Q", "suitable", true,
                        "fromDate", "2026-01-01"))));
        assertEquals(List.of("input", "details", "wellbeingCheckIn", "mood"), rejected(kit,
                details("wellbeingCheckIn", Map.of("mood", 9, "checkedInOn", "2026-11-23"))));
        assertEquals(List.of("input", "notes"), rejected(kit, Map.of("details", Map.of("cvItem",
                Map.of("heading", "x")), "notes", "n".repeat(10_001))));
        assertEquals(List.of("input", "details", "cvItem", "heading"), rejected(kit,
                details("cvItem", Map.of("heading", "bad\u0007bell"))));
        assertEquals(List.of("input", "entries", "0", "date"), rejected(kit, Map.of("details",
                Map.of("cvItem", Map.of("heading", "x")), "entries", List.of(Map.of("date", "2030-01-01",
                        "text", "from the future")))));
        assertEquals(List.of("input", "attachments", "0", "mediaType"), rejected(kit, Map.of("details",
                Map.of("cvItem", Map.of("heading", "x")), "attachments", List.of(Map.of("fileName", "cv.pdf",
                        "mediaType", "<script>", "sizeBytes", 10)))));
        Records records = Ops.payload(kit.graphql(RecordsOps.MY_RECORDS, Map.of()), "myRecords", Records.class);
        assertEquals(List.of(), records.edges(), "nothing was written");
    }

    @Test
    void malformedDocumentsFailValidation() {
        Engine.Asker lou = joined("Lou");
        Reply twoKinds = lou.graphql(RecordsOps.CREATE, Ops.input(Map.of("details", Map.of(
                "cvItem", Map.of("heading", "x"), "homeMove", Map.of("movedOn", "2026-01-01")))));
        assertEquals(List.of("GRAPHQL_VALIDATION_FAILED"), twoKinds.errorCodes(), twoKinds.body());
        Reply unknownMission = lou.graphql(RecordsOps.MY_RECORDS, Map.of("mission", "HAPPINESS"));
        assertEquals(List.of("BAD_USER_INPUT"), unknownMission.errorCodes(), unknownMission.body());
        Reply badDate = lou.graphql(RecordsOps.CREATE, Ops.input(details("homeMove", Map.of("movedOn",
                "2026-02-30"))));
        assertEquals(List.of("BAD_USER_INPUT"), badDate.errorCodes(), badDate.body());
        Reply foreignField = lou.graphql(RecordsOps.CREATE, Ops.input(details("homeMove", Map.of("movedOn",
                "2026-02-01", "employer", "Cafe"))));
        assertEquals(List.of("GRAPHQL_VALIDATION_FAILED"), foreignField.errorCodes(), foreignField.body());
    }

    @Test
    void updatesMustKeepTheKindAndTheVersion() {
        Engine.Asker max = joined("Max");
        String id = create(max, "cvItem", Map.of("heading", "Original"));
        Reply otherKind = max.graphql(RecordsOps.UPDATE, Ops.input(Map.of("id", id, "version", 1,
                "details", Map.of("homeMove", Map.of("movedOn", "2026-01-01")))));
        assertEquals(List.of("BAD_USER_INPUT"), Ops.payload(otherKind, "updateRecord", UpdatePayload.class)
                .errorCodes(), otherKind.body());
        assertEquals(List.of("CONFLICT"), update(max, Map.of("id", id, "version", 7, "notes", "x")).errorCodes());
        assertEquals(List.of("NOT_FOUND"), update(max, Map.of("id", SERVER.platform().councilA, "version", 1))
                .errorCodes());
        Reply unchanged = max.graphql(RecordsOps.NODE, Map.of("id", id));
        assertEquals("Original", Ops.payload(unchanged, "node", RecordNode.class).title(), unchanged.body());
        Reply goal = max.graphql(RecordsOps.CREATE_GOAL, Ops.input(Map.of("mission", "WORK", "title", "x",
                "targetDate", "2020-01-01")));
        assertEquals(List.of("BAD_USER_INPUT"), Ops.payload(goal, "createGoal", GoalPayload.class).errorCodes());
        Reply review = max.graphql("mutation($input: SetPathwayPlanReviewInput!) { setPathwayPlanReview("
                + "input: $input) { userErrors { field code } } }", Ops.input(Map.of("reviewDate", "2026-01-01")));
        assertEquals(List.of("BAD_USER_INPUT"), Ops.payload(review, "setPathwayPlanReview", UserErrorsPayload.class)
                .errorCodes());
    }
}
