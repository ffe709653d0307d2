package app.alongside.privacy.erasure;

import app.alongside.fixtures.Engine;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.PushOps;
import app.alongside.fixtures.ServerExtension;
import app.alongside.kernel.Principal;
import app.alongside.platform.core.GlobalIds;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Bad input to erasure operations, run on the GraphQL engine as each principal: a typed error at the field at
 * fault in the payload's userErrors, and the stored requests unchanged.
 */
class ErasureBadInputIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    private static Engine engine;
    private static Engine.Asker worker;
    private static MongoCollection<Document> requests;

    @BeforeAll
    static void setUp() {
        Platform platform = SERVER.platform();
        engine = Engine.of(SERVER.server().app());
        worker = engine.staff(platform.staffIds.get("laWorkerA"));
        requests = SERVER.server().app().store().db().getCollection("erasureRequests");
    }

    @Test
    void askingNeedsConfirmationAndOneOpenRequestAtATime() {
        Engine.Asker person = youngPerson("Una");
        assertError(ask(person, Map.of("confirm", false)), "requestErasure", "BAD_USER_INPUT", "confirm");
        assertError(ask(person, Map.of("confirm", true, "reason", "x".repeat(2001))), "requestErasure",
                "BAD_USER_INPUT", "reason");
        String stored = ((Principal.YoungPersonUser) person.principal()).youngPersonId();
        assertEquals(0, requests.countDocuments(Filters.eq("youngPersonId", stored)), "nothing was stored");

        String first = ErasureOps.payload(ask(person, Map.of("confirm", true, "clientMutationId", "ask-1")),
                "requestErasure").erasureRequest().id();
        assertEquals(first, ErasureOps.payload(ask(person, Map.of("confirm", true, "clientMutationId", "ask-1")),
                "requestErasure").erasureRequest().id(), "a retry answers the first request");
        Reply second = ask(person, Map.of("confirm", true));
        assertEquals(List.of("CONFLICT"), ErasureOps.payload(second, "requestErasure").errorCodes(), second.body());
        assertEquals(1, requests.countDocuments(Filters.eq("youngPersonId", stored)));
    }

    @Test
    void decisionsNeedAKnownPendingRequestAndAReasonToRefuse() {
        Engine.Asker person = youngPerson("Vic");
        String id = ErasureOps.payload(ask(person, Map.of("confirm", true)), "requestErasure").erasureRequest().id();
        assertError(decide(id, "REFUSE", null), "decideErasureRequest", "BAD_USER_INPUT", "reason");
        assertError(decide(id, "REFUSE", "   "), "decideErasureRequest", "BAD_USER_INPUT", "reason");
        assertError(decide(GlobalIds.encode(ErasureRequest.TYPE, "no-such-request"), "APPROVE", null),
                "decideErasureRequest", "NOT_FOUND", "requestId");
        assertError(decide("not-an-id", "APPROVE", null), "decideErasureRequest", "NOT_FOUND", "requestId");
        assertEquals("PENDING", state(id), "nothing was decided");

        assertEquals("REFUSED", ErasureOps.payload(decide(id, "REFUSE", "We need it for a court case."),
                "decideErasureRequest").erasureRequest().state());
        assertError(decide(id, "APPROVE", null), "decideErasureRequest", "CONFLICT", "requestId");
        assertError(cancel(person, id), "cancelErasureRequest", "CONFLICT", "requestId");
        assertEquals("REFUSED", state(id), "deciding twice changes nothing");
    }

    @Test
    void aCancelledRequestCannotBeDecidedAndAnotherMayBeAsked() {
        Engine.Asker person = youngPerson("Wyn");
        String id = ErasureOps.payload(ask(person, Map.of("confirm", true)), "requestErasure").erasureRequest().id();
        assertEquals("CANCELLED", ErasureOps.payload(cancel(person, id), "cancelErasureRequest").erasureRequest()
                .state());
        assertError(cancel(person, id), "cancelErasureRequest", "CONFLICT", "requestId");
        assertError(decide(id, "APPROVE", null), "decideErasureRequest", "CONFLICT", "requestId");
        assertError(cancel(person, "not-an-id"), "cancelErasureRequest", "NOT_FOUND", "requestId");
        assertEquals("CANCELLED", state(id));
        assertEquals("PENDING", ErasureOps.payload(ask(person, Map.of("confirm", true)), "requestErasure")
                .erasureRequest().state());
    }

    private static Engine.Asker youngPerson(String name) {
        PushOps.Person person = PushOps.youngPerson(SERVER.platform(), SERVER.http(), name);
        return engine.youngPerson(person.id(), person.app().uid());
    }

    private static Reply ask(Engine.Asker person, Map<String, Object> input) {
        return person.graphql(ErasureOps.REQUEST, Ops.input(input));
    }

    private static Reply decide(String id, String decision, String reason) {
        return worker.graphql(ErasureOps.DECIDE, ErasureOps.decision(id, decision, reason));
    }

    private static Reply cancel(Engine.Asker person, String id) {
        return person.graphql(ErasureOps.CANCEL, Ops.input(Map.of("requestId", id)));
    }

    private static String state(String id) {
        return requests.find(Filters.eq("_id", GlobalIds.decode(id).orElseThrow().id())).first().getString("state");
    }

    private static void assertError(Reply reply, String mutation, String code, String field) {
        ErasureOps.Payload payload = ErasureOps.payload(reply, mutation);
        assertEquals(List.of(code), payload.errorCodes(), reply.body());
        assertEquals(List.of("input", field), payload.userErrors().getFirst().field(), reply.body());
        assertEquals(null, payload.erasureRequest());
    }
}
