package app.alongside.privacy.corrections;

import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.YoungPersonApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Bad input on every field of the corrections and disputes mutations: a typed error code with the field's path in
 * the payload's userErrors, and nothing stored (no request, no dispute, the profile unchanged).
 */
class CorrectionsBadInputIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    private static final String OPERATOR = "{\"$gt\": \"\"}";
    private static Platform platform;
    private static YoungPersonApp app;
    private static String staffMessage;

    @BeforeAll
    static void setUp() {
        platform = SERVER.platform();
        String[] invite = platform.invite("Fern");
        app = YoungPersonApp.signUp(SERVER.http());
        app.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", invite[1])));
        String thread = Ops.at(app.graphql("{ myAdvocacy { thread { id } } }"), "myAdvocacy", "thread", "id");
        staffMessage = Ops.at(platform.as("advocate").graphql(CorrectionsOps.SEND, Ops.input(Map.of("threadId",
                thread, "body", "Hello Fern", "clientMessageId", "b-1"))), "sendMessage", "message", "id");
    }

    @Test
    void badCorrectionRequestsAreRefusedAtTheirFieldAndStoreNothing() {
        String profile = app.graphql(CorrectionsOps.PROFILE).body();
        int before = requests().size();
        for (String name : List.of("", "A".repeat(51), OPERATOR, "Fern2", "Robert'); DROP")) {
            assertField(request("FIRST_NAME", name, null), "proposedValue");
        }
        for (String date : List.of("31/12/2008", "1990-01-01", "2099-01-01", "2007-02-30", "")) {
            assertField(request("DATE_OF_BIRTH", date, null), "proposedValue");
        }
        assertField(request("LEGAL_STATUS", "ADOPTED", null), "proposedValue");
        assertField(request("LEGAL_STATUS", "FORMER_RELEVANT", null), "proposedValue");
        assertField(request("FIRST_NAME", "Fern", null), "proposedValue");
        assertField(request("FIRST_NAME", "Ferne", "x".repeat(1001)), "reason");
        assertField(request("FIRST_NAME", "Ferne", "bell\u0007ring"), "reason");
        Reply badField = app.graphql(CorrectionsOps.REQUEST, Ops.input(Map.of("field", "SURNAME",
                "proposedValue", "Smith")));
        assertEquals(List.of("BAD_USER_INPUT"), badField.errorCodes(), "not a correctable field");
        assertEquals(before, requests().size(), "nothing was stored");
        assertEquals(profile, app.graphql(CorrectionsOps.PROFILE).body());

        Map<String, Object> first = Map.of("field", "FIRST_NAME", "proposedValue", "Ferne",
                "clientMutationId", "r-1");
        assertEquals(List.of(), payload(app.graphql(CorrectionsOps.REQUEST, Ops.input(first))).errorCodes());
        Map<String, Object> reused = new HashMap<>(first);
        reused.put("proposedValue", "Fearne");
        assertField(app.graphql(CorrectionsOps.REQUEST, Ops.input(reused)), "clientMutationId");
        assertField(request("FIRST_NAME", "Fearne", null), "field");
        assertEquals(before + 1, requests().size(), "a retry and a second pending request store nothing");
    }

    @Test
    void badDecisionsAndWithdrawalsAreRefusedAtTheirField() {
        String id = Ops.at(app.graphql(CorrectionsOps.REQUEST, Ops.input(Map.of("field", "LEGAL_STATUS",
                "proposedValue", "QUALIFYING"))), "requestCorrection", "correctionRequest", "id");
        assertField(decide(Map.of("requestId", "bm90LWFuLWlk", "decision", "MAKE")), "requestId");
        assertField(decide(Map.of("requestId", staffMessage, "decision", "MAKE")), "requestId");
        assertField(decide(Map.of("requestId", id, "decision", "DECLINE")), "reason");
        assertField(decide(Map.of("requestId", id, "decision", "DECLINE", "reason", "  ")), "reason");
        assertField(decide(Map.of("requestId", id, "decision", "DECLINE", "reason", "x".repeat(1001))), "reason");
        Reply badDecision = platform.as("laWorkerA").graphql(CorrectionsOps.DECIDE, Ops.input(Map.of(
                "requestId", id, "decision", "MAYBE")));
        assertEquals(List.of("BAD_USER_INPUT"), badDecision.errorCodes());
        assertField(app.graphql(CorrectionsOps.WITHDRAW, Ops.input(Map.of("requestId", OPERATOR))), "requestId");
        assertEquals(List.of("PENDING"), requests().stream().filter(r -> r.id().equals(id))
                .map(CorrectionsOps.Request::state).toList(), "nothing was decided");
        assertEquals("FORMER_RELEVANT", Ops.at(app.graphql(CorrectionsOps.PROFILE), "viewer", "legalStatus"));
    }

    @Test
    void badDisputesAndAnswersAreRefusedAtTheirFieldAndStoreNothing() {
        assertField(dispute("bm90LWFuLWlk", "Not true"), "entryId");
        assertField(dispute("", "Not true"), "entryId");
        assertField(dispute(OPERATOR, "Not true"), "entryId");
        assertField(dispute(staffMessage, ""), "statement");
        assertField(dispute(staffMessage, "x".repeat(2001)), "statement");
        String goal = Ops.at(app.graphql(CorrectionsOps.CREATE_SHARED_GOAL, Ops.input(Map.of("mission", "WORK",
                "title", "My own goal"))), "createGoal", "goal", "id");
        assertField(dispute(goal, "A goal is mine, not staff's"), "entryId");
        assertEquals(List.of(), Ops.payload(app.graphql(CorrectionsOps.MY_DISPUTES), "myDisputes",
                CorrectionsOps.Disputes.class).nodes(), "nothing was stored");

        String disputeId = Ops.payload(dispute(staffMessage, "Not hello"), "disputeStaffEntry",
                CorrectionsOps.DisputePayload.class).dispute().id();
        assertField(respond(Map.of("disputeId", "bm90LWFuLWlk", "response", "Ok")), "disputeId");
        assertField(respond(Map.of("disputeId", disputeId, "response", "")), "response");
        assertField(respond(Map.of("disputeId", disputeId, "response", "x".repeat(2001))), "response");
        assertEquals(null, Ops.payload(app.graphql(CorrectionsOps.MY_DISPUTES), "myDisputes",
                CorrectionsOps.Disputes.class).nodes().getFirst().response(), "no answer was stored");
    }

    private static Reply request(String field, String value, String reason) {
        Map<String, Object> input = new HashMap<>(Map.of("field", field, "proposedValue", value));
        if (reason != null) {
            input.put("reason", reason);
        }
        return app.graphql(CorrectionsOps.REQUEST, Ops.input(input));
    }

    private static Reply decide(Map<String, Object> input) {
        return platform.as("laWorkerA").graphql(CorrectionsOps.DECIDE, Ops.input(input));
    }

    private static Reply dispute(String entryId, String statement) {
        return app.graphql(CorrectionsOps.DISPUTE, Ops.input(Map.of("entryId", entryId, "statement", statement)));
    }

    private static Reply respond(Map<String, Object> input) {
        return platform.as("advocate").graphql(CorrectionsOps.RESPOND, Ops.input(input));
    }

    private static List<CorrectionsOps.Request> requests() {
        return Ops.payload(app.graphql(CorrectionsOps.MINE), "myCorrectionRequests", CorrectionsOps.Requests.class)
                .nodes();
    }

    private static Ops.WithUserErrors payload(Reply reply) {
        String field = reply.data().keySet().iterator().next();
        Class<? extends Ops.WithUserErrors> type = field.contains("ispute") || field.equals("respondToDispute")
                ? CorrectionsOps.DisputePayload.class : CorrectionsOps.RequestPayload.class;
        return Ops.payload(reply, field, type);
    }

    /** Exactly one user error, at {@code ["input", field]}, and no top-level error. */
    private static void assertField(Reply reply, String field) {
        assertEquals(List.of(), reply.errorCodes(), reply.body());
        List<Ops.UserError> errors = payload(reply).userErrors();
        assertEquals(1, errors.size(), reply.body());
        assertEquals(List.of("input", field), errors.getFirst().field(), reply.body());
    }
}
