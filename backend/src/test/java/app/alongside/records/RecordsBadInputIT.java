package app.alongside.records;

import app.alongside.fixtures.Http;
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

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every kind of bad record input gets a typed error at its field, and nothing is written. */
class RecordsBadInputIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform(
            new MutableClock(Instant.parse("2026-11-23T12:00:00Z")));
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();

    private static List<Object> rejected(YoungPersonApp app, Map<String, Object> input) {
        Reply reply = app.graphql(RecordsOps.CREATE, Ops.input(input));
        List<Map<String, Object>> errors = Ops.at(reply, "createRecord", "userErrors");
        assertEquals(1, errors.size(), reply.body());
        assertEquals("BAD_USER_INPUT", errors.getFirst().get("code"), reply.body());
        return List.copyOf((List<?>) errors.getFirst().get("field"));
    }

    private static Map<String, Object> details(String member, Map<String, Object> fields) {
        return Map.of("details", Map.of(member, fields));
    }

    @Test
    void impossibleValuesAreRejectedAtTheirField() {
        YoungPersonApp app = RecordsJourneyIT.joined(http, platform, "Kit", platform.invite("Kit"));
        assertEquals(List.of("input", "details", "job", "endDate"), rejected(app, details("job", Map.of(
                "employer", "Cafe", "jobTitle", "Cook", "startDate", "2026-05-01", "endDate", "2026-04-01"))));
        assertEquals(List.of("input", "details", "qualification", "awardedOn"), rejected(app,
                details("qualification", Map.of("name", "GCSE", "awardedOn", "2027-01-01"))));
        assertEquals(List.of("input", "details", "healthAssessment", "nextDueOn"), rejected(app,
                details("healthAssessment", Map.of("assessedOn", "2026-05-01", "nextDueOn", "2026-04-01"))));
        assertEquals(List.of("input", "details", "accommodation", "accommodationCode"), rejected(app,
                details("accommodation", Map.of("accommodationCode", "Q", "suitable", true,
                        "fromDate", "2026-01-01"))));
        assertEquals(List.of("input", "details", "wellbeingCheckIn", "mood"), rejected(app,
                details("wellbeingCheckIn", Map.of("mood", 9, "checkedInOn", "2026-11-23"))));
        assertEquals(List.of("input", "notes"), rejected(app, Map.of("details", Map.of("cvItem",
                Map.of("heading", "x")), "notes", "n".repeat(10_001))));
        assertEquals(List.of("input", "details", "cvItem", "heading"), rejected(app,
                details("cvItem", Map.of("heading", "bad\u0007bell"))));
        assertEquals(List.of("input", "entries", "0", "date"), rejected(app, Map.of("details",
                Map.of("cvItem", Map.of("heading", "x")), "entries", List.of(Map.of("date", "2030-01-01",
                        "text", "from the future")))));
        assertEquals(List.of("input", "attachments", "0", "mediaType"), rejected(app, Map.of("details",
                Map.of("cvItem", Map.of("heading", "x")), "attachments", List.of(Map.of("fileName", "cv.pdf",
                        "mediaType", "<script>", "sizeBytes", 10)))));
        assertEquals(List.of(), Ops.at(app.graphql(RecordsOps.MY_RECORDS, Map.of()), "myRecords", "edges"),
                "nothing was written");
    }

    @Test
    void malformedDocumentsFailValidation() {
        YoungPersonApp app = RecordsJourneyIT.joined(http, platform, "Lou", platform.invite("Lou"));
        Reply twoKinds = app.graphql(RecordsOps.CREATE, Ops.input(Map.of("details", Map.of(
                "cvItem", Map.of("heading", "x"), "homeMove", Map.of("movedOn", "2026-01-01")))));
        assertEquals(List.of("GRAPHQL_VALIDATION_FAILED"), twoKinds.errorCodes(), twoKinds.body());
        Reply unknownMission = app.graphql(RecordsOps.MY_RECORDS, Map.of("mission", "HAPPINESS"));
        assertEquals(List.of("BAD_USER_INPUT"), unknownMission.errorCodes(), unknownMission.body());
        Reply badDate = app.graphql(RecordsOps.CREATE, Ops.input(details("homeMove", Map.of("movedOn",
                "2026-02-30"))));
        assertEquals(List.of("BAD_USER_INPUT"), badDate.errorCodes(), badDate.body());
        Reply foreignField = app.graphql(RecordsOps.CREATE, Ops.input(details("homeMove", Map.of("movedOn",
                "2026-02-01", "employer", "Cafe"))));
        assertEquals(List.of("GRAPHQL_VALIDATION_FAILED"), foreignField.errorCodes(), foreignField.body());
    }

    @Test
    void updatesMustKeepTheKindAndTheVersion() {
        YoungPersonApp app = RecordsJourneyIT.joined(http, platform, "Max", platform.invite("Max"));
        String id = RecordsJourneyIT.create(app, "cvItem", Map.of("heading", "Original"));
        Reply otherKind = app.graphql(RecordsOps.UPDATE, Ops.input(Map.of("id", id, "version", 1,
                "details", Map.of("homeMove", Map.of("movedOn", "2026-01-01")))));
        assertEquals(List.of("BAD_USER_INPUT"), Ops.userErrorCodes(otherKind, "updateRecord"), otherKind.body());
        Reply stale = app.graphql(RecordsOps.UPDATE, Ops.input(Map.of("id", id, "version", 7, "notes", "x")));
        assertEquals(List.of("CONFLICT"), Ops.userErrorCodes(stale, "updateRecord"));
        Reply wrongType = app.graphql(RecordsOps.UPDATE, Ops.input(Map.of("id", platform.councilA, "version", 1)));
        assertEquals(List.of("NOT_FOUND"), Ops.userErrorCodes(wrongType, "updateRecord"));
        Reply unchanged = app.graphql(RecordsOps.NODE, Map.of("id", id));
        assertEquals("Original", Ops.at(unchanged, "node", "title"));
        Reply goal = app.graphql(RecordsOps.CREATE_GOAL, Ops.input(Map.of("mission", "WORK", "title", "x",
                "targetDate", "2020-01-01")));
        assertEquals(List.of("BAD_USER_INPUT"), Ops.userErrorCodes(goal, "createGoal"));
        Reply review = app.graphql("mutation($input: SetPathwayPlanReviewInput!) { setPathwayPlanReview("
                + "input: $input) { userErrors { field code } } }", Ops.input(Map.of("reviewDate", "2026-01-01")));
        assertEquals(List.of("BAD_USER_INPUT"), Ops.userErrorCodes(review, "setPathwayPlanReview"));
    }
}
