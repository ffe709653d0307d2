package app.alongside.privacy.corrections;

import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.YoungPersonApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static app.alongside.privacy.corrections.CorrectionsOps.DisputePayload;
import static app.alongside.privacy.corrections.CorrectionsOps.Disputes;
import static app.alongside.privacy.corrections.CorrectionsOps.RequestPayload;
import static app.alongside.privacy.corrections.CorrectionsOps.Requests;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journeys over HTTP: a young person asks their council to correct what it entered, a worker makes one change
 * and declines another, and the young person adds their side to the refusal; a young person adds their side to an
 * advocate's message and goal comment, the advocate sees it next to the entry and answers once; the export holds
 * both.
 */
class CorrectionsJourneyIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    private static Platform platform;
    private static Http http;

    @BeforeAll
    static void setUp() {
        platform = SERVER.platform();
        http = SERVER.http();
    }

    @Test
    void theCouncilMakesOneCorrectionAndDeclinesAnotherWithAReasonTheYoungPersonCanAnswer() {
        Joined ana = join("Anna");
        RequestPayload name = request(ana.app(), Map.of("field", "FIRST_NAME", "proposedValue", "Ana",
                "reason", "My name has one n."));
        assertEquals(List.of(), name.errorCodes());
        assertEquals("PENDING", name.correctionRequest().state());
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        assertEquals(today.plusMonths(1).toString(), name.correctionRequest().answerBy(), "one calendar month");
        RequestPayload status = request(ana.app(), Map.of("field", "LEGAL_STATUS", "proposedValue", "RELEVANT"));

        Reply listed = platform.as("laWorkerA").graphql(CorrectionsOps.LIST, Map.of("state", "PENDING"));
        List<CorrectionsOps.Request> pending = Ops.payload(listed, "correctionRequests", Requests.class).nodes();
        assertTrue(pending.stream().anyMatch(r -> r.id().equals(name.correctionRequest().id())
                && "Anna".equals(r.youngPerson().firstName())), listed.body());

        RequestPayload made = decide("laWorkerA", name.correctionRequest().id(), "MAKE", null);
        assertEquals("MADE", made.correctionRequest().state(), made.toString());
        assertEquals("Anna", made.correctionRequest().previousValue(), "the earlier value is kept");
        assertNull(made.correctionRequest().nextSteps());
        assertEquals("Ana", Ops.at(ana.app().graphql(CorrectionsOps.PROFILE), "viewer", "firstName"));

        RequestPayload declined = decide("admin", status.correctionRequest().id(), "DECLINE",
                "The court order of March 2024 says former relevant.");
        assertEquals("DECLINED", declined.correctionRequest().state());
        assertTrue(declined.correctionRequest().nextSteps().contains("Information Commissioner"));
        assertEquals("FORMER_RELEVANT", Ops.at(ana.app().graphql(CorrectionsOps.PROFILE), "viewer",
                "legalStatus"), "a declined request changes nothing");

        DisputePayload side = dispute(ana.app(), status.correctionRequest().id(), "The order was changed in May.");
        assertEquals(List.of(), side.errorCodes());
        Reply mine = ana.app().graphql(CorrectionsOps.MINE);
        List<CorrectionsOps.Request> requests = Ops.payload(mine, "myCorrectionRequests", Requests.class).nodes();
        assertEquals(List.of("DECLINED", "MADE"), requests.stream().map(CorrectionsOps.Request::state).toList());
        assertEquals("The order was changed in May.", requests.getFirst().dispute().statement());
        assertEquals("The court order of March 2024 says former relevant.", requests.getFirst().decisionReason());

        Reply seen = platform.as("laWorkerA").graphql(CorrectionsOps.LIST, Map.of("state", "DECLINED"));
        assertEquals("The order was changed in May.", Ops.payload(seen, "correctionRequests", Requests.class)
                .nodes().getFirst().dispute().statement(), "the council sees the young person's side");
        DisputePayload answered = respond("laWorkerA", side.dispute().id(), "We have asked the court for a copy.");
        assertEquals("We have asked the court for a copy.", answered.dispute().response(), answered.toString());
    }

    @Test
    void aPendingRequestCanBeTakenBackAndThenNotDecided() {
        Joined ben = join("Ben");
        RequestPayload asked = request(ben.app(), Map.of("field", "DATE_OF_BIRTH", "proposedValue", "2007-06-01"));
        Reply withdrawn = ben.app().graphql(CorrectionsOps.WITHDRAW, Ops.input(Map.of("requestId",
                asked.correctionRequest().id())));
        assertEquals("WITHDRAWN", Ops.payload(withdrawn, "withdrawCorrectionRequest", RequestPayload.class)
                .correctionRequest().state(), withdrawn.body());
        RequestPayload late = decide("laWorkerA", asked.correctionRequest().id(), "MAKE", null);
        assertEquals(List.of("CONFLICT"), late.errorCodes());
        assertEquals("2007-05-01", Ops.at(ben.app().graphql(CorrectionsOps.PROFILE), "viewer", "dateOfBirth"));
    }

    @Test
    void anAdvocatesMessageAndGoalCommentCarryTheYoungPersonsSideAndOneAnswer() {
        Joined cal = join("Cal");
        String thread = Ops.at(cal.app().graphql("{ myAdvocacy { thread { id } } }"), "myAdvocacy", "thread", "id");
        Reply sent = platform.as("advocate").graphql(CorrectionsOps.SEND, Ops.input(Map.of("threadId", thread,
                "body", "You missed our meeting again.", "clientMessageId", "m-1")));
        String message = Ops.at(sent, "sendMessage", "message", "id");
        DisputePayload side = dispute(cal.app(), message, "I was in hospital that day.");
        assertEquals(List.of(), side.errorCodes(), side.toString());

        Reply staffView = platform.as("advocate").graphql(CorrectionsOps.MESSAGES, Map.of("threadId", thread));
        List<Map<String, Map<String, Object>>> edges = Ops.at(staffView, "messages", "edges");
        Map<?, ?> shown = (Map<?, ?>) edges.getFirst().get("node").get("dispute");
        assertEquals(side.dispute().id(), shown.get("id"), staffView.body());
        assertEquals("I was in hospital that day.", shown.get("statement"), "the advocate sees it next to the message");
        DisputePayload answered = respond("manager", side.dispute().id(), "Sorry, we did not know. Noted.");
        assertNotNull(answered.dispute().respondedAt(), answered.toString());
        assertEquals(List.of("CONFLICT"), respond("advocate", side.dispute().id(), "Again").errorCodes(),
                "answered once");

        Reply goal = cal.app().graphql(CorrectionsOps.CREATE_SHARED_GOAL, Ops.input(Map.of("mission", "WORK",
                "title", "Get a job", "visibility", "SHARED_WITH_ADVOCATE")));
        String goalId = Ops.at(goal, "createGoal", "goal", "id");
        Reply comment = platform.as("advocate").graphql(CorrectionsOps.COMMENT, Ops.input(Map.of("goalId", goalId,
                "body", "Cal is not trying.")));
        List<Map<String, Object>> comments = Ops.at(comment, "commentOnGoal", "goal", "comments");
        DisputePayload onComment = dispute(cal.app(), (String) comments.getFirst().get("id"), "I applied to five.");
        assertEquals(List.of(), onComment.errorCodes(), onComment.toString());

        Reply mine = cal.app().graphql(CorrectionsOps.MY_DISPUTES);
        assertEquals(List.of("I applied to five.", "I was in hospital that day."), Ops.payload(mine, "myDisputes",
                Disputes.class).nodes().stream().map(CorrectionsOps.DisputeView::statement).toList());
        String export = Ops.at(cal.app().graphql("{ exportMyData { document } }"), "exportMyData", "document");
        assertTrue(export.contains("\"disputes\"") && export.contains("I applied to five."), export);
        assertTrue(export.contains("\"corrections\""), export);
    }

    private record Joined(String id, YoungPersonApp app) {
    }

    private static Joined join(String name) {
        String[] invite = platform.invite(name);
        YoungPersonApp app = YoungPersonApp.signUp(http);
        Reply redeemed = app.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", invite[1])));
        assertEquals(invite[0], Ops.at(redeemed, "redeemInvite", "youngPerson", "id"), redeemed.body());
        return new Joined(invite[0], app);
    }

    static RequestPayload request(YoungPersonApp app, Map<String, Object> input) {
        return Ops.payload(app.graphql(CorrectionsOps.REQUEST, Ops.input(input)), "requestCorrection",
                RequestPayload.class);
    }

    static DisputePayload dispute(YoungPersonApp app, String entryId, String statement) {
        return Ops.payload(app.graphql(CorrectionsOps.DISPUTE, Ops.input(Map.of("entryId", entryId,
                "statement", statement))), "disputeStaffEntry", DisputePayload.class);
    }

    private static RequestPayload decide(String staff, String requestId, String decision, String reason) {
        Map<String, Object> input = new java.util.HashMap<>(Map.of("requestId", requestId, "decision", decision));
        if (reason != null) {
            input.put("reason", reason);
        }
        var console = staff.equals("admin") ? platform.admin : platform.as(staff);
        return Ops.payload(console.graphql(CorrectionsOps.DECIDE, Ops.input(input)), "decideCorrectionRequest",
                RequestPayload.class);
    }

    private static DisputePayload respond(String staff, String disputeId, String response) {
        return Ops.payload(platform.as(staff).graphql(CorrectionsOps.RESPOND, Ops.input(Map.of("disputeId",
                disputeId, "response", response))), "respondToDispute", DisputePayload.class);
    }
}
