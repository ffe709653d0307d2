package app.alongside.platform.graphql;

import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.ErrorText;
import app.alongside.platform.core.RequestContext;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.execution.SubscriptionExecutionStrategy;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.introspection.Introspection;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;
import org.reactivestreams.Publisher;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Runs one GraphQL request, transport aside: persisted-query lookup, parse, operation choice, validation and
 * limits all happen before execution and end in a typed request error; then execution with a fresh DataLoader
 * registry. HTTP calls {@link #execute}; WebSocket calls {@link #subscribe}, which also runs subscriptions.
 *
 * <p>How a domain adds a subscription: declare a field on {@code type Subscription} in its SDL and wire a data
 * fetcher for it ({@code wiring.fetcher("Subscription", "field", env -> publisher)}) that returns a
 * {@link Publisher} of event payloads; each payload becomes the source of one execution of the selection set.
 * Events keep their order, and each event is resolved with empty DataLoader caches, so it never shows what an
 * earlier event loaded.
 */
public final class GraphqlEngine {
    private static final Logger LOG = Logger.getLogger(GraphqlEngine.class.getName());

    /** How the transport should answer. */
    public enum Kind { OK, REQUEST_ERROR, METHOD_NOT_ALLOWED }

    /** The response body and how to send it. */
    public record Outcome(Kind kind, Map<String, Object> body, String operationName) {
        public Outcome(Kind kind, Map<String, Object> body) {
            this(kind, body, null);
        }

        /** The code of the first error in the body, or null when there is none. */
        public String firstErrorCode() {
            if (body.get("errors") instanceof List<?> errors && !errors.isEmpty()
                    && errors.getFirst() instanceof Map<?, ?> error
                    && error.get("extensions") instanceof Map<?, ?> extensions) {
                return String.valueOf(extensions.get("code"));
            }
            return null;
        }
    }

    /** What {@link #subscribe} started: one result, or a stream of results for a subscription. */
    public sealed interface Started permits Single, Stream {
    }

    /** A query or mutation, or any operation that failed before it could start. */
    public record Single(Outcome outcome) implements Started {
    }

    /** A running subscription: each item is a response body ({@code data} and maybe {@code errors}). */
    public record Stream(Publisher<Map<String, Object>> results) implements Started {
    }

    private enum Transport { HTTP_GET, HTTP_POST, WEBSOCKET }

    private record Prepared(Document document, List<GraphQLError> errors) {
    }

    private final GraphQL graphql;
    private final GraphQLSchema schema;
    private final PersistedQueries persisted;
    private final OperationLimits limits;
    private final boolean introspection;
    private final GraphqlMetrics metrics;
    private final Function<RequestContext, DataLoaderRegistry> dataLoaders;
    private final Tracer tracer;
    private final PreparedDocuments documents;

    public GraphqlEngine(GraphQLSchema schema, PersistedQueries persisted, OperationLimits limits,
                         boolean introspection, GraphqlMetrics metrics,
                         Function<RequestContext, DataLoaderRegistry> dataLoaders) {
        this(schema, persisted, limits, introspection, metrics, dataLoaders,
                io.opentelemetry.api.OpenTelemetry.noop().getTracer("app.alongside"));
    }

    /** As above, with a span for each operation from {@code tracer}. */
    public GraphqlEngine(GraphQLSchema schema, PersistedQueries persisted, OperationLimits limits,
                         boolean introspection, GraphqlMetrics metrics,
                         Function<RequestContext, DataLoaderRegistry> dataLoaders, Tracer tracer) {
        this(schema, persisted, limits, introspection, metrics, dataLoaders, tracer, FieldGate.OPEN);
    }

    /** As above, with {@code gate} asked before each top-level field runs. */
    public GraphqlEngine(GraphQLSchema schema, PersistedQueries persisted, OperationLimits limits,
                         boolean introspection, GraphqlMetrics metrics,
                         Function<RequestContext, DataLoaderRegistry> dataLoaders, Tracer tracer, FieldGate gate) {
        this.tracer = tracer;
        this.schema = schema;
        this.documents = new PreparedDocuments(schema);
        this.persisted = persisted;
        this.limits = limits;
        this.introspection = introspection;
        this.metrics = metrics;
        this.dataLoaders = dataLoaders;
        this.graphql = GraphQL.newGraphQL(schema)
                .defaultDataFetcherExceptionHandler(new GraphqlErrors())
                .preparsedDocumentProvider(new AlreadyParsed())
                .instrumentation(new ChainedInstrumentation(new FreshLoadersPerEvent(), new Gated(gate)))
                .build();
    }

    public GraphQLSchema schema() {
        return schema;
    }

    /**
     * Runs {@code request}. {@code viaGet} refuses anything but queries (405). Subscriptions are refused here:
     * they belong to the WebSocket transport.
     */
    public Outcome execute(GraphqlRequest request, boolean viaGet, RequestContext context) {
        return switch (run(request, viaGet ? Transport.HTTP_GET : Transport.HTTP_POST, context)) {
            case Single single -> single.outcome();
            case Stream stream -> throw new IllegalStateException("HTTP never starts a subscription");
        };
    }

    /**
     * Runs {@code request} for a WebSocket client: queries and mutations give a {@link Single} result,
     * subscriptions a {@link Stream} (or a {@link Single} request error if they cannot start). Without a
     * {@code Subscription} type in the schema, a subscription fails validation like any unknown field.
     */
    public Started subscribe(GraphqlRequest request, RequestContext context) {
        return run(request, Transport.WEBSOCKET, context);
    }

    /** One span per operation, named by its type and its (bounded) metrics label, child of the request's span. */
    private Started run(GraphqlRequest request, Transport transport, RequestContext context) {
        Span span = tracer.spanBuilder("graphql").setSpanKind(SpanKind.INTERNAL).startSpan();
        try (Scope scope = span.makeCurrent()) {
            Started started = runTraced(request, transport, context);
            String name = started instanceof Single single ? single.outcome().operationName()
                    : request.operationName();
            String label = metrics.label(name);
            span.updateName("graphql " + label);
            span.setAttribute("graphql.operation.name", label);
            if (started instanceof Single single && single.outcome().firstErrorCode() != null) {
                span.setAttribute("graphql.error.code", single.outcome().firstErrorCode());
                span.setStatus(StatusCode.ERROR);
            }
            return started;
        } finally {
            span.end();
        }
    }

    private Started runTraced(GraphqlRequest request, Transport transport, RequestContext context) {
        long start = System.nanoTime();
        String operationName = request.operationName();
        String operationType = null;
        try {
            String query = persisted.resolve(request);
            PreparedDocuments.Prepared prepared = documents.prepare(query);
            ErrorText text = ErrorText.of(prepared.document(), request.variables());
            OperationDefinition operation = PreparedDocuments.chooseOperation(prepared.document(), operationName);
            operationType = operation.getOperation().name().toLowerCase(java.util.Locale.ROOT);
            if (operationName == null) {
                operationName = operation.getName();
            }
            boolean subscription = operation.getOperation() == OperationDefinition.Operation.SUBSCRIPTION;
            if (transport == Transport.HTTP_GET && operation.getOperation() != OperationDefinition.Operation.QUERY) {
                return new Single(failed(Kind.METHOD_NOT_ALLOWED, new ApiException(ErrorCode.METHOD_NOT_ALLOWED,
                        "Only queries can be sent with GET; send mutations with POST."), operationName, operationType,
                        start));
            }
            if (subscription && transport != Transport.WEBSOCKET) {
                throw GraphqlRequest.badRequest(
                        "Subscriptions run over WebSocket at /graphql (graphql-transport-ws).");
            }
            limits.checkValidation(prepared.errors());
            if (!prepared.errors().isEmpty()) {
                return new Single(finish(Kind.REQUEST_ERROR, ResponseBodies.errors(prepared.errors(), text),
                        operationName, operationType, start));
            }
            limits.check(operation, PreparedDocuments.fragments(prepared.document()), request.variables(), schema);
            ExecutionResult result = graphql.execute(input(query, operationName, request, context, prepared));
            if (subscription) {
                return stream(result, operationName, operationType, start, text);
            }
            Kind kind = result.isDataPresent() ? Kind.OK : Kind.REQUEST_ERROR;
            return new Single(finish(kind, ResponseBodies.of(result, text), operationName, operationType, start));
        } catch (ApiException e) {
            return new Single(failed(Kind.REQUEST_ERROR, e, operationName, operationType, start));
        } catch (StackOverflowError e) {
            // The JSON and document limits keep every input shallow; should a walk still run out of stack, the
            // request fails on its own and the server carries on.
            LOG.warning("a request ran out of stack: " + e);
            return new Single(failed(Kind.REQUEST_ERROR, new ApiException(ErrorCode.QUERY_TOO_COMPLEX,
                    "The operation or its variables are nested too deeply."), operationName, operationType, start));
        }
    }

    /** A subscription that started is a stream; one whose source failed is a request error. */
    private Started stream(ExecutionResult result, String operationName, String operationType, long start,
                           ErrorText text) {
        if (result.getErrors().isEmpty() && result.getData() instanceof Publisher<?> events) {
            finish(Kind.OK, Map.of(), operationName, operationType, start);
            return new Stream(ResponseBodies.stream(events, text));
        }
        if (!result.getErrors().isEmpty()) {
            return new Single(finish(Kind.REQUEST_ERROR, ResponseBodies.errors(result.getErrors(), text), operationName,
                    operationType, start));
        }
        Map<String, Object> extensions = GraphqlErrors.extensionsFor(new IllegalStateException(
                "subscription field of " + operationName + " returned no Publisher"));
        Map<String, Object> error = Map.of("message", GraphqlErrors.messageFor(extensions), "extensions", extensions);
        return new Single(finish(Kind.REQUEST_ERROR, Map.of("errors", List.of(error)), operationName, operationType,
                start));
    }

    private ExecutionInput input(String query, String operationName, GraphqlRequest request, RequestContext context,
                                 PreparedDocuments.Prepared prepared) {
        Map<Object, Object> ctx = new java.util.HashMap<>();
        ctx.put(RequestContext.class, context);
        ctx.put(Document.class, prepared.document());
        ctx.put(SubscriptionExecutionStrategy.KEEP_SUBSCRIPTION_EVENTS_ORDERED, true);
        if (!introspection) {
            ctx.put(Introspection.INTROSPECTION_DISABLED, true);
        }
        return ExecutionInput.newExecutionInput()
                .query(query)
                .operationName(operationName)
                .variables(request.variables())
                .graphQLContext(ctx)
                .dataLoaderRegistry(dataLoaders.apply(context))
                .build();
    }

    private Outcome failed(Kind kind, ApiException e, String operationName, String operationType, long start) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", List.of(GraphqlErrors.requestError(e)));
        return finish(kind, body, operationName, operationType, start);
    }

    @SuppressWarnings("unchecked")
    private Outcome finish(Kind kind, Map<String, Object> body, String operationName, String operationType,
                           long start) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) body.getOrDefault("errors", List.of());
        for (Map<String, Object> error : errors) {
            Map<String, Object> extensions = (Map<String, Object>) error.get("extensions");
            metrics.recordError(String.valueOf(extensions.get("code")));
        }
        metrics.recordOperation(operationName, operationType, Duration.ofNanos(System.nanoTime() - start),
                !errors.isEmpty());
        return new Outcome(kind, body, operationName);
    }

    /** Hands graphql-java the document this engine already parsed and validated. */
    private static final class AlreadyParsed implements PreparsedDocumentProvider {
        @Override
        public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
            GraphQLContext context = input.getGraphQLContext();
            Document document = context.get(Document.class);
            return CompletableFuture.completedFuture(document != null ? new PreparsedDocumentEntry(document)
                    : parseAndValidate.apply(input));
        }
    }

    /** Asks the gate before each top-level field's fetcher runs (a subscription's source stream included). */
    private static final class Gated extends SimplePerformantInstrumentation {
        private final FieldGate gate;

        Gated(FieldGate gate) {
            this.gate = gate;
        }

        @Override
        public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters
                parameters, InstrumentationState state) {
            if (gate == FieldGate.OPEN || parameters.getExecutionStepInfo().getPath().getLevel() != 1) {
                return fetcher;
            }
            return env -> {
                gate.check(RequestContext.of(env), env.getField().getName());
                return fetcher.get(env);
            };
        }
    }

    /**
     * Empties the DataLoader caches before each subscription event: a subscription's registry lives as long as
     * the subscription, and an event must not be answered with what an earlier event loaded.
     */
    private static final class FreshLoadersPerEvent extends SimplePerformantInstrumentation {
        @Override
        public InstrumentationContext<ExecutionResult> beginSubscribedFieldEvent(
                InstrumentationFieldParameters parameters, InstrumentationState state) {
            parameters.getExecutionContext().getDataLoaderRegistry().getDataLoaders().forEach(DataLoader::clearAll);
            return super.beginSubscribedFieldEvent(parameters, state);
        }
    }
}
