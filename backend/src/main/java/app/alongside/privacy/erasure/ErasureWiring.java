package app.alongside.privacy.erasure;

import app.alongside.identity.YoungPerson;
import app.alongside.platform.core.Connections;
import app.alongside.platform.core.GlobalIds;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.Payloads;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.graphql.GraphParts;
import app.alongside.platform.graphql.Nodes;
import graphql.schema.DataFetchingEnvironment;

import java.util.List;

/** Wires {@code erasure.graphqls}: the erasure policy, a young person's request and the council's decision. */
final class ErasureWiring {
    /** Payload of {@code requestErasure}. */
    record RequestPayload(ErasureRequest erasureRequest, List<Connections.UserError> userErrors,
                          String clientMutationId) {
    }

    /** Payload of {@code cancelErasureRequest} and {@code decideErasureRequest}. */
    record RequestChangePayload(ErasureRequest erasureRequest, List<Connections.UserError> userErrors) {
    }

    private ErasureWiring() {
    }

    static void register(GraphParts graph, ErasureService service, int maxPage) {
        graph.nodes().register(ErasureRequest.TYPE, (ids, context) -> service.load(context, ids),
                new Nodes.Stored(ErasureRequestRepository.COLLECTION, "youngPersonId"));
        graph.wiring().backedBy("ErasurePolicy", ErasurePolicy.class)
                .backedBy("ErasureKind", ErasurePolicy.Kind.class)
                .backedBy("RetentionPeriod", ErasurePolicy.Retention.class)
                .nodeType(ErasureRequest.TYPE, ErasureRequest.class, ErasureRequest::id)
                .fetcher(ErasureRequest.TYPE, "youngPerson", env -> graph.nodes().load(YoungPerson.TYPE,
                        GlobalIds.encode(YoungPerson.TYPE, ((ErasureRequest) env.getSource()).youngPersonId()), env))
                .backedBy("ErasureResult", ErasureRequest.Result.class)
                .backedBy("ErasedCount", ErasureRequest.Erased.class)
                .backedBy("KeptKind", ErasureRequest.Kept.class)
                .backedBy("ErasureRequestConnection", Connections.Connection.class)
                .backedBy("ErasureRequestEdge", Connections.Edge.class)
                .backedBy("RequestErasurePayload", RequestPayload.class)
                .backedBy("CancelErasureRequestPayload", RequestChangePayload.class)
                .backedBy("DecideErasureRequestPayload", RequestChangePayload.class)
                .fetcher("Query", "erasurePolicy", env -> service.policy())
                .fetcher("Query", "myErasureRequest", env -> service.mine(RequestContext.of(env)).orElse(null))
                .fetcher("Query", "erasureRequests", env -> service.list(RequestContext.of(env), state(env),
                        Connections.Page.of(env, maxPage)))
                .fetcher("Mutation", "requestErasure", env -> {
                    Input input = Input.of(env);
                    String id = input.clientMutationId().orElse(null);
                    return Payloads.run(() -> new RequestPayload(service.request(RequestContext.of(env), input),
                            List.of(), id), errors -> new RequestPayload(null, errors, id));
                })
                .fetcher("Mutation", "cancelErasureRequest", env -> Payloads.run(() -> new RequestChangePayload(
                        service.cancel(RequestContext.of(env), Input.of(env)), List.of()),
                        errors -> new RequestChangePayload(null, errors)))
                .fetcher("Mutation", "decideErasureRequest", env -> Payloads.run(() -> new RequestChangePayload(
                        service.decide(RequestContext.of(env), Input.of(env)), List.of()),
                        errors -> new RequestChangePayload(null, errors)));
    }

    private static ErasureRequest.State state(DataFetchingEnvironment env) {
        Object state = env.getArgument("state");
        return state == null ? null : ErasureRequest.State.valueOf(state.toString());
    }
}
