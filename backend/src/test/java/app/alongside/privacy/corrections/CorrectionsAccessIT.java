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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Who must not see or decide. Correction requests: only the young person and the LA workers of their council (and
 * admins) see them; a worker of another council finds nothing (NOT_FOUND), advocates and corporate parents are
 * FORBIDDEN. Disputes: only the young person adds one, to what staff wrote that they see; only staff who see the
 * entry see and answer it. "OK" means no error of either kind; refused calls change nothing.
 */
class CorrectionsAccessIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    private static final List<String> STAFF = List.of("laWorkerA", "laWorkerB", "advocate", "otherAdvocate",
            "corporate");
    private static final Map<String, BiFunction<String, Map<String, Object>, Reply>> CALLERS = new LinkedHashMap<>();
    private static Platform platform;
    private static YoungPersonApp owner;
    private static String thread;

    @BeforeAll
    static void setUp() {
        platform = SERVER.platform();
        Http http = SERVER.http();
        owner = join(http, "Dana");
        YoungPersonApp other = join(http, "Eli");
        CALLERS.put("owner", owner::graphql);
        CALLERS.put("otherYp", other::graphql);
        STAFF.forEach(name -> CALLERS.put(name, platform.as(name)::graphql));
        CALLERS.put("admin", platform.admin::graphql);
        CALLERS.put("anonymous", http::graphql);
        thread = Ops.at(owner.graphql("{ myAdvocacy { thread { id } } }"), "myAdvocacy", "thread", "id");
    }

    @Test
    void onlyTheYoungPersonAndTheirCouncilSeeAndDecideCorrections() {
        String request = Ops.at(owner.graphql(CorrectionsOps.REQUEST, Ops.input(Map.of("field", "FIRST_NAME",
                "proposedValue", "Danna"))), "requestCorrection", "correctionRequest", "id");
        String youngPeople = "owner=OK otherYp=OK laWorkerA=FORBIDDEN laWorkerB=FORBIDDEN advocate=FORBIDDEN "
                + "otherAdvocate=FORBIDDEN corporate=FORBIDDEN admin=FORBIDDEN anonymous=UNAUTHENTICATED";
        assertEquals(youngPeople, matrix(CorrectionsOps.MINE, Map.of(), "myCorrectionRequests"));
        assertEquals("owner=OK otherYp=OK laWorkerA=FORBIDDEN laWorkerB=FORBIDDEN advocate=FORBIDDEN "
                        + "otherAdvocate=FORBIDDEN corporate=FORBIDDEN admin=FORBIDDEN anonymous=UNAUTHENTICATED",
                matrix(CorrectionsOps.MY_DISPUTES, Map.of(), "myDisputes"));
        assertEquals("owner=FORBIDDEN otherYp=FORBIDDEN laWorkerA=OK laWorkerB=OK advocate=FORBIDDEN "
                        + "otherAdvocate=FORBIDDEN corporate=FORBIDDEN admin=OK anonymous=UNAUTHENTICATED",
                matrix(CorrectionsOps.LIST, Map.of(), "correctionRequests"));
        assertEquals("owner=true otherYp=false laWorkerA=true laWorkerB=false advocate=false otherAdvocate=false "
                + "corporate=false admin=true anonymous=false", seen(request));

        Map<String, Object> decide = Ops.input(Map.of("requestId", request, "decision", "MAKE"));
        assertEquals("owner=FORBIDDEN otherYp=FORBIDDEN laWorkerB=NOT_FOUND advocate=FORBIDDEN "
                + "otherAdvocate=FORBIDDEN corporate=FORBIDDEN anonymous=UNAUTHENTICATED",
                matrix(CorrectionsOps.DECIDE, decide, "decideCorrectionRequest", "laWorkerA", "admin"));
        Map<String, Object> withdraw = Ops.input(Map.of("requestId", request));
        assertEquals("otherYp=NOT_FOUND laWorkerA=FORBIDDEN laWorkerB=FORBIDDEN advocate=FORBIDDEN "
                + "otherAdvocate=FORBIDDEN corporate=FORBIDDEN admin=FORBIDDEN anonymous=UNAUTHENTICATED",
                matrix(CorrectionsOps.WITHDRAW, withdraw, "withdrawCorrectionRequest", "owner"));
        assertEquals("laWorkerA=FORBIDDEN laWorkerB=FORBIDDEN "
                        + "advocate=FORBIDDEN otherAdvocate=FORBIDDEN corporate=FORBIDDEN admin=FORBIDDEN "
                        + "anonymous=UNAUTHENTICATED", matrix(CorrectionsOps.REQUEST, Ops.input(Map.of("field",
                        "DATE_OF_BIRTH", "proposedValue", "2007-05-02")), "requestCorrection", "owner", "otherYp"));
        Reply mine = owner.graphql(CorrectionsOps.MINE);
        assertEquals(List.of("PENDING"), Ops.payload(mine, "myCorrectionRequests", CorrectionsOps.Requests.class)
                .nodes().stream().map(CorrectionsOps.Request::state).distinct().toList(), "nothing was decided");
        List<CorrectionsOps.Request> listedByB = Ops.payload(platform.as("laWorkerB").graphql(CorrectionsOps.LIST),
                "correctionRequests", CorrectionsOps.Requests.class).nodes();
        assertEquals(List.of(), listedByB.stream().filter(r -> r.id().equals(request)).toList(),
                "another council's worker lists none of them");
    }

    @Test
    void onlyTheYoungPersonDisputesAndOnlyStaffWhoSeeTheEntryAnswer() {
        String staffMessage = Ops.at(platform.as("advocate").graphql(CorrectionsOps.SEND, Ops.input(Map.of(
                "threadId", thread, "body", "Please call me back.", "clientMessageId", "a-1"))),
                "sendMessage", "message", "id");
        String ownMessage = Ops.at(owner.graphql(CorrectionsOps.SEND, Ops.input(Map.of("threadId", thread,
                "body", "Hi", "clientMessageId", "y-1"))), "sendMessage", "message", "id");
        Map<String, Object> dispute = Ops.input(Map.of("entryId", staffMessage, "statement", "I did call."));
        assertEquals("otherYp=NOT_FOUND laWorkerA=FORBIDDEN laWorkerB=FORBIDDEN advocate=FORBIDDEN "
                + "otherAdvocate=FORBIDDEN corporate=FORBIDDEN admin=FORBIDDEN anonymous=UNAUTHENTICATED",
                matrix(CorrectionsOps.DISPUTE, dispute, "disputeStaffEntry", "owner"));
        assertEquals(List.of("BAD_USER_INPUT"), CorrectionsJourneyIT.dispute(owner, ownMessage, "Not me.")
                .errorCodes(), "their own message is not a staff entry");
        CorrectionsOps.DisputePayload made = CorrectionsJourneyIT.dispute(owner, staffMessage, "I did call.");
        assertEquals(List.of(), made.errorCodes(), made.toString());
        assertEquals(List.of("CONFLICT"), CorrectionsJourneyIT.dispute(owner, staffMessage, "Again").errorCodes());

        Map<String, Object> respond = Ops.input(Map.of("disputeId", made.dispute().id(), "response", "Noted"));
        assertEquals("owner=FORBIDDEN otherYp=FORBIDDEN laWorkerA=NOT_FOUND laWorkerB=NOT_FOUND "
                + "otherAdvocate=NOT_FOUND corporate=NOT_FOUND admin=NOT_FOUND anonymous=UNAUTHENTICATED",
                matrix(CorrectionsOps.RESPOND, respond, "respondToDispute", "advocate"));
        assertEquals("owner=true otherYp=false laWorkerA=false laWorkerB=false advocate=false "
                + "otherAdvocate=false corporate=false admin=false anonymous=false", seen(made.dispute().id()));
        Reply stillOpen = owner.graphql(CorrectionsOps.MY_DISPUTES);
        assertEquals(null, Ops.payload(stillOpen, "myDisputes", CorrectionsOps.Disputes.class).nodes().getFirst()
                .response(), "a refused answer stores nothing");
    }

    /** The outcome for every caller but {@code skip}: OK, the top-level error code or the payload's. */
    private static String matrix(String query, Map<String, Object> variables, String field, String... skip) {
        List<String> skipped = List.of(skip);
        return CALLERS.entrySet().stream().filter(e -> !skipped.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + outcome(e.getValue().apply(query, variables), field))
                .collect(Collectors.joining(" "));
    }

    private static String outcome(Reply reply, String field) {
        if (!reply.errorCodes().isEmpty()) {
            return String.join(",", reply.errorCodes());
        }
        Object payload = reply.data().get(field);
        if (payload instanceof Map<?, ?> map && map.get("userErrors") instanceof List<?> errors && !errors.isEmpty()) {
            return errors.stream().map(e -> (String) ((Map<?, ?>) e).get("code")).collect(Collectors.joining(","));
        }
        return "OK";
    }

    /** Whether {@code node(id:)} shows the object to each caller. */
    private static String seen(String id) {
        return CALLERS.entrySet().stream().map(e -> {
            Reply reply = e.getValue().apply("query($id: ID!) { node(id: $id) { id } }", Map.of("id", id));
            return e.getKey() + "=" + (reply.data() != null && reply.data().get("node") != null);
        }).collect(Collectors.joining(" "));
    }

    private static YoungPersonApp join(Http http, String name) {
        String[] invite = platform.invite(name);
        YoungPersonApp app = YoungPersonApp.signUp(http);
        app.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", invite[1])));
        return app;
    }
}
