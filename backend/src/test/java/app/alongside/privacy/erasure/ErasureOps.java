package app.alongside.privacy.erasure;

import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;

import java.util.List;
import java.util.Map;

/** Erasure operations as apps and the console send them, and records to read their answers into. */
final class ErasureOps {
    static final String REQUEST_FIELDS = "id state reason requestedAt answerBy decidedAt decisionReason carriedOutAt "
            + "result { erased { kind count } kept { kind title why } } youngPerson { id firstName }";
    static final String POLICY = "{ erasurePolicy { summary decidedBy answerWithin kinds { kind title whatItIs outcome "
            + "why legalBasis keptFor retention { period from } } } }";
    static final String REQUEST = "mutation($input: RequestErasureInput!) { requestErasure(input: $input) { "
            + "erasureRequest { " + REQUEST_FIELDS + " } userErrors { field message code } clientMutationId } }";
    static final String MINE = "{ myErasureRequest { " + REQUEST_FIELDS + " } }";
    static final String CANCEL = "mutation($input: CancelErasureRequestInput!) { cancelErasureRequest(input: $input) {"
            + " erasureRequest { " + REQUEST_FIELDS + " } userErrors { field message code } } }";
    static final String LIST = "query($state: ErasureRequestState) { erasureRequests(state: $state, first: 100) { "
            + "edges { node { " + REQUEST_FIELDS + " } } } }";
    static final String DECIDE = "mutation($input: DecideErasureRequestInput!) { decideErasureRequest(input: $input) {"
            + " erasureRequest { " + REQUEST_FIELDS + " } userErrors { field message code } } }";

    /** What the operations select of a request. */
    public record RequestView(String id, String state, String reason, String requestedAt, String answerBy,
                              String decidedAt, String decisionReason, String carriedOutAt, ResultView result,
                              PersonView youngPerson) {
    }

    public record ResultView(List<ErasedView> erased, List<KeptView> kept) {
        public long count(String kind) {
            return erased.stream().filter(e -> e.kind().equals(kind)).mapToLong(ErasedView::count).sum();
        }
    }

    public record ErasedView(String kind, long count) {
    }

    public record KeptView(String kind, String title, String why) {
    }

    public record PersonView(String id, String firstName) {
    }

    /** The payload of every erasure mutation. */
    public record Payload(RequestView erasureRequest, List<Ops.UserError> userErrors)
            implements Ops.WithUserErrors {
    }

    private ErasureOps() {
    }

    static Payload payload(Reply reply, String mutation) {
        return Ops.payload(reply, mutation, Payload.class);
    }

    static Map<String, Object> decision(String requestId, String decision, String reason) {
        return reason == null ? Ops.input(Map.of("requestId", requestId, "decision", decision))
                : Ops.input(Map.of("requestId", requestId, "decision", decision, "reason", reason));
    }

    /** The ids of the requests {@link #LIST} answered. */
    static List<String> listed(Reply reply) {
        List<Map<String, Map<String, Object>>> edges = Ops.at(reply, "erasureRequests", "edges");
        return edges.stream().map(e -> (String) e.get("node").get("id")).toList();
    }
}
