package app.alongside.privacy.corrections;

import app.alongside.identity.YoungPerson;
import app.alongside.messaging.Message;
import app.alongside.platform.core.Connections;
import app.alongside.platform.core.GlobalIds;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.Payloads;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.graphql.GraphParts;
import app.alongside.platform.graphql.Nodes;
import app.alongside.records.Goal;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoaderFactory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Registers the corrections schema: the queries, the mutations, the two node types and the {@code dispute} fields. */
final class CorrectionsWiring {
    private static final String DISPUTES_BY_ENTRY = "privacy:disputesByEntry";
    private static final String NEXT_STEPS = "If you think your council is wrong, you can add your side: it will be "
            + "kept next to their answer. You can also complain to the Information Commissioner's Office (ICO) at "
            + "ico.org.uk/make-a-complaint or on 0303 123 1113.";

    /** Payload of {@code requestCorrection}, {@code withdrawCorrectionRequest} and {@code decideCorrectionRequest}. */
    record CorrectionRequestPayload(CorrectionRequest correctionRequest, List<Connections.UserError> userErrors) {
    }

    /** Payload of {@code disputeStaffEntry} and {@code respondToDispute}. */
    record DisputePayload(Dispute dispute, List<Connections.UserError> userErrors) {
    }

    private CorrectionsWiring() {
    }

    static void register(GraphParts graph, CorrectionsService corrections, DisputesService disputes, int maxPage) {
        Nodes nodes = graph.nodes();
        nodes.register(CorrectionRequest.TYPE, (ids, context) -> corrections.load(context, ids),
                        new Nodes.Stored(CorrectionRepository.COLLECTION, "youngPersonId"))
                .register(Dispute.TYPE, (ids, context) -> disputes.load(context, ids),
                        new Nodes.Stored(DisputeRepository.COLLECTION, "youngPersonId"));
        graph.loaders().register(DISPUTES_BY_ENTRY, context -> DataLoaderFactory.<String, Dispute>newMappedDataLoader(
                ids -> CompletableFuture.supplyAsync(() -> disputes.ofEntries(context, ids), Runnable::run)));
        graph.wiring().backedBy("CorrectionRequestConnection", Connections.Connection.class)
                .backedBy("CorrectionRequestEdge", Connections.Edge.class)
                .backedBy("DisputeConnection", Connections.Connection.class)
                .backedBy("DisputeEdge", Connections.Edge.class)
                .backedBy("CorrectionRequestPayload", CorrectionRequestPayload.class)
                .backedBy("DisputePayload", DisputePayload.class)
                .nodeType(CorrectionRequest.TYPE, CorrectionRequest.class, CorrectionRequest::id)
                .nodeType(Dispute.TYPE, Dispute.class, Dispute::id)
                .fetcher(CorrectionRequest.TYPE, "youngPerson", env -> nodes.load(YoungPerson.TYPE,
                        GlobalIds.encode(YoungPerson.TYPE, ((CorrectionRequest) env.getSource()).youngPersonId()), env))
                .fetcher(CorrectionRequest.TYPE, "nextSteps", env -> ((CorrectionRequest) env.getSource()).state()
                        == CorrectionRequest.State.DECLINED ? NEXT_STEPS : null)
                .fetcher(CorrectionRequest.TYPE, "dispute", CorrectionsWiring::disputeOf)
                .fetcher(Message.TYPE, "dispute", CorrectionsWiring::disputeOf)
                .fetcher(Goal.Comment.TYPE, "dispute", CorrectionsWiring::disputeOf)
                .fetcher(Dispute.TYPE, "entry", env -> nodes.load(((Dispute) env.getSource()).entryId(), env));
        graph.wiring().fetcher("Query", "myCorrectionRequests", env -> corrections.mine(RequestContext.of(env),
                        Connections.Page.of(env, maxPage)))
                .fetcher("Query", "correctionRequests", env -> corrections.list(RequestContext.of(env),
                        Optional.ofNullable((String) env.getArgument("state")).map(CorrectionRequest.State::valueOf)
                                .orElse(null), Connections.Page.of(env, maxPage)))
                .fetcher("Query", "myDisputes", env -> disputes.mine(RequestContext.of(env),
                        Connections.Page.of(env, maxPage)));
        registerMutations(graph, corrections, disputes);
    }

    private static void registerMutations(GraphParts graph, CorrectionsService corrections, DisputesService disputes) {
        graph.wiring().fetcher("Mutation", "requestCorrection", correction(corrections::request))
                .fetcher("Mutation", "withdrawCorrectionRequest", correction(corrections::withdraw))
                .fetcher("Mutation", "decideCorrectionRequest", correction(corrections::decide))
                .fetcher("Mutation", "disputeStaffEntry", env -> Payloads.run(() -> new DisputePayload(
                        disputes.dispute(RequestContext.of(env), Input.of(env), visible(graph.nodes(), env)),
                        List.of()), errors -> new DisputePayload(null, errors)))
                .fetcher("Mutation", "respondToDispute", env -> Payloads.run(() -> new DisputePayload(
                        disputes.respond(RequestContext.of(env), Input.of(env), visible(graph.nodes(), env)),
                        List.of()), errors -> new DisputePayload(null, errors)));
    }

    private interface Step {
        CorrectionRequest apply(RequestContext context, Input input);
    }

    private static DataFetcher<CorrectionRequestPayload> correction(Step step) {
        return env -> Payloads.run(() -> new CorrectionRequestPayload(step.apply(RequestContext.of(env),
                Input.of(env)), List.of()), errors -> new CorrectionRequestPayload(null, errors));
    }

    private static CompletableFuture<Dispute> disputeOf(DataFetchingEnvironment env) {
        String entryId = DisputesService.globalIdOf(env.getSource());
        return entryId == null ? CompletableFuture.completedFuture(null)
                : env.<String, Dispute>getDataLoader(DISPUTES_BY_ENTRY).load(entryId);
    }

    /**
     * What a global id names, as {@code node(id:)} would show it to the caller, or null: the domains' own loaders
     * decide (and audit), dispatched at once since a mutation needs the answer before it writes.
     */
    private static Function<String, Object> visible(Nodes nodes, DataFetchingEnvironment env) {
        return globalId -> {
            CompletableFuture<Object> entry = nodes.load(globalId, env);
            env.getDataLoaderRegistry().dispatchAll();
            return entry.join();
        };
    }
}
