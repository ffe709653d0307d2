package app.alongside.privacy.erasure;

import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.PushOps;
import app.alongside.fixtures.ServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may see and decide an erasure request: the young person themself, the LA workers of their council and
 * admins. Another council's worker, advocates, corporate parents, other young people and anonymous callers get
 * nothing, as elsewhere: a top-level UNAUTHENTICATED or FORBIDDEN for the wrong role, null or NOT_FOUND for an id
 * they may not see. Nothing they try changes the request.
 */
class ErasureAccessIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    private static final Map<String, Function<String, Reply>> CALLERS = new LinkedHashMap<>();
    private static Platform platform;
    private static PushOps.Person owner;
    private static String requestId;

    @BeforeAll
    static void setUp() {
        Http http = SERVER.http();
        platform = SERVER.platform();
        owner = PushOps.youngPerson(platform, http, "Ola");
        PushOps.Person other = PushOps.youngPerson(platform, http, "Pip");
        requestId = ErasureOps.payload(owner.app().graphql(ErasureOps.REQUEST, Ops.input(Map.of("confirm", true,
                "reason", "Please"))), "requestErasure").erasureRequest().id();
        CALLERS.put("anonymous", q -> http.graphql(q));
        CALLERS.put("otherYoungPerson", q -> other.app().graphql(q));
        CALLERS.put("laWorkerB", q -> platform.as("laWorkerB").graphql(q));
        CALLERS.put("advocate", q -> platform.as("advocate").graphql(q));
        CALLERS.put("manager", q -> platform.as("manager").graphql(q));
        CALLERS.put("corporate", q -> platform.as("corporate").graphql(q));
    }

    @Test
    void onlyTheirCouncilAndAdminsListRequests() {
        String list = "{ erasureRequests(first: 100) { edges { node { id reason } } } }";
        assertEquals(Map.of("anonymous", "UNAUTHENTICATED", "otherYoungPerson", "FORBIDDEN", "laWorkerB", "ok",
                "advocate", "FORBIDDEN", "manager", "FORBIDDEN", "corporate", "FORBIDDEN"), outcomes(list));
        assertFalse(CALLERS.get("laWorkerB").apply(list).body().contains(requestId), "another council sees none");
        assertTrue(platform.as("laWorkerA").graphql(list).body().contains(requestId));
        assertTrue(platform.admin.graphql(list).body().contains(requestId));
    }

    @Test
    void nobodyElseSeesTheRequestById() {
        String node = "{ node(id: \"" + requestId + "\") { id ... on ErasureRequest { reason } } }";
        assertEquals(Map.of("anonymous", "hidden", "otherYoungPerson", "hidden", "laWorkerB", "hidden",
                "advocate", "hidden", "manager", "hidden", "corporate", "hidden"), outcomes(node));
        assertEquals(requestId, Ops.at(owner.app().graphql(node), "node", "id"));
        assertEquals(requestId, Ops.at(platform.as("laWorkerA").graphql(node), "node", "id"));
        assertEquals(Map.of("anonymous", "UNAUTHENTICATED", "otherYoungPerson", "ok:null", "laWorkerB", "FORBIDDEN",
                "advocate", "FORBIDDEN", "manager", "FORBIDDEN", "corporate", "FORBIDDEN"),
                outcomes("{ myErasureRequest { id } }"));
    }

    @Test
    void nobodyElseDecidesOrCancelsIt() {
        String decide = "mutation { decideErasureRequest(input: {requestId: \"" + requestId + "\", decision: APPROVE})"
                + " { erasureRequest { id } userErrors { code } } }";
        assertEquals(Map.of("anonymous", "UNAUTHENTICATED", "otherYoungPerson", "FORBIDDEN", "laWorkerB",
                "NOT_FOUND", "advocate", "FORBIDDEN", "manager", "FORBIDDEN", "corporate", "FORBIDDEN"),
                outcomes(decide));
        String cancel = "mutation { cancelErasureRequest(input: {requestId: \"" + requestId + "\"}) "
                + "{ erasureRequest { id } userErrors { code } } }";
        assertEquals(Map.of("anonymous", "UNAUTHENTICATED", "otherYoungPerson", "NOT_FOUND", "laWorkerB",
                "FORBIDDEN", "advocate", "FORBIDDEN", "manager", "FORBIDDEN", "corporate", "FORBIDDEN"),
                outcomes(cancel));
        String ask = "mutation { requestErasure(input: {confirm: true}) { erasureRequest { id } "
                + "userErrors { code } } }";
        assertEquals("FORBIDDEN", outcome(platform.as("laWorkerA").graphql(ask)), "staff cannot ask for anyone");
        assertEquals("UNAUTHENTICATED", outcome(CALLERS.get("anonymous").apply(ask)));
        assertEquals("PENDING", Ops.at(owner.app().graphql("{ myErasureRequest { state } }"), "myErasureRequest",
                "state"), "nothing anyone else tried changed it");
        Reply log = owner.app().graphql("{ myAccessLog(first: 100) { edges { node { action what role } } } }");
        assertTrue(log.body().contains("\"action\":\"ACCESS_DENIED\",\"what\":\"erasurerequest\""), log.body());
    }

    @Test
    void aPendingRequestMovesWithTheYoungPersonToTheirNewCouncil() {
        PushOps.Person mover = PushOps.youngPerson(platform, SERVER.http(), "Quin");
        String moving = ErasureOps.payload(mover.app().graphql(ErasureOps.REQUEST, Ops.input(Map.of("confirm", true))),
                "requestErasure").erasureRequest().id();
        Reply moved = platform.as("laWorkerA").graphql("mutation($id: ID!, $to: ID!) { transferYoungPerson(input: "
                + "{youngPersonId: $id, toLocalAuthorityId: $to}) { userErrors { code } } }",
                Map.of("id", mover.id(), "to", platform.councilB));
        assertEquals(List.of(), moved.errors(), moved.body());
        String list = "{ erasureRequests(first: 100) { edges { node { id } } } }";
        assertTrue(platform.as("laWorkerB").graphql(list).body().contains(moving), "the new council decides it");
        assertFalse(platform.as("laWorkerA").graphql(list).body().contains(moving), "the old one no longer sees it");
        String decide = "mutation { decideErasureRequest(input: {requestId: \"" + moving + "\", decision: APPROVE})"
                + " { erasureRequest { id } userErrors { code } } }";
        assertEquals("NOT_FOUND", outcome(platform.as("laWorkerA").graphql(decide)));
        assertEquals("PENDING", Ops.at(mover.app().graphql("{ myErasureRequest { state } }"), "myErasureRequest",
                "state"));
    }

    @Test
    void anyoneMayReadThePolicy() {
        String policy = "{ erasurePolicy { kinds { kind } } }";
        CALLERS.forEach((name, caller) -> assertEquals(List.of(), caller.apply(policy).errors(), name));
    }

    private static Map<String, String> outcomes(String query) {
        Map<String, String> got = new LinkedHashMap<>();
        CALLERS.forEach((name, caller) -> got.put(name, outcome(caller.apply(query))));
        return got;
    }

    @SuppressWarnings("unchecked")
    private static String outcome(Reply reply) {
        if (!reply.errors().isEmpty()) {
            return reply.errorCodes().getFirst();
        }
        Object value = reply.data().values().iterator().next();
        if (value == null) {
            return reply.body().contains("myErasureRequest") ? "ok:null" : "hidden";
        }
        if (value instanceof Map<?, ?> payload && payload.get("userErrors") instanceof List<?> errors
                && !errors.isEmpty()) {
            return (String) ((Map<String, Object>) errors.getFirst()).get("code");
        }
        return "ok";
    }
}
