package app.alongside.platform.graphql;

import app.alongside.fixtures.FakeWsSession;
import app.alongside.fixtures.TickPublisher;
import app.alongside.kernel.Principal;
import app.alongside.platform.core.Json;
import app.alongside.platform.http.RateLimiter;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.websocket.WsUpgrader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The streaming path of the WebSocket transport, on a tiny schema whose Subscription fields are backed by a
 * hand-written Publisher: the real schema has no subscriptions yet, and this proves they work once it does.
 */
class GraphqlWsConnectionTest {
    private static final String SDL = """
            type Query { hello: String }
            type Subscription { ticks: Tick }
            type Tick { n: Int label: String }
            """;
    private final AtomicInteger loads = new AtomicInteger();
    private final FakeWsSession session = new FakeWsSession();
    private TickPublisher ticks;
    private GraphqlWsConnection connection;

    @AfterEach
    void stop() {
        ticks.close();
    }

    @Test
    void aSubscriptionSendsOneNextPerEventThenComplete() {
        open(new TickPublisher(3, 0), 50);
        send(subscribe("s1", "subscription { ticks { n } }"));
        for (int n = 1; n <= 3; n++) {
            assertEquals(Map.of("id", "s1", "type", "next", "payload", Map.of("data", Map.of("ticks", Map.of("n",
                    n)))), numbersAsInts(session.next()));
        }
        assertEquals(Map.of("id", "s1", "type", "complete"), session.next());
    }

    @Test
    void completeFromTheClientCancelsTheStream() throws InterruptedException {
        open(new TickPublisher(0, 1), 50);
        send(subscribe("s1", "subscription { ticks { n } }"));
        assertEquals("next", session.next().get("type"));
        assertEquals("next", session.next().get("type"));
        send("{\"id\":\"s1\",\"type\":\"complete\"}");
        assertTrue(ticks.cancelled(), "the source was cancelled");
        while (session.poll(100) != null) {
            // a tick already on its way when the client completed may still arrive
        }
        assertNull(session.poll(300), "nothing after the cancel, not even a complete");
        assertFalse(session.isClosed());
    }

    @Test
    void eachEventIsResolvedWithFreshDataLoaders() {
        open(new TickPublisher(2, 0), 50);
        send(subscribe("s1", "subscription { ticks { label } }"));
        assertEquals("load-1", label(session.next()));
        assertEquals("load-2", label(session.next()), "the second event got what the first one loaded");
    }

    @Test
    void aSecondSubscriberWithARunningIdCloses4409AndEndsEveryStream() throws InterruptedException {
        open(new TickPublisher(0, 1), 50);
        send(subscribe("s1", "subscription { ticks { n } }"));
        assertEquals("next", session.next().get("type"));
        send(subscribe("s1", "subscription { ticks { n } }"));
        assertEquals(4409, session.closeCode());
        assertTrue(ticks.cancelled());
    }

    @Test
    void operationsBeyondTheLimitGetAnErrorAndTheConnectionStaysOpen() {
        open(new TickPublisher(0, 0), 2);
        send(subscribe("a", "subscription { ticks { n } }"));
        send(subscribe("b", "subscription { ticks { n } }"));
        send(subscribe("c", "{ hello }"));
        Map<String, Object> refused = nextOfType("error");
        assertEquals("c", refused.get("id"));
        assertEquals("RATE_LIMITED", code(refused));
        send("{\"type\":\"ping\"}");
        assertEquals(Map.of("type", "pong"), nextOfType("pong"));
    }

    @Test
    void aSubscriptionToAnUnknownFieldIsAnErrorMessage() {
        open(new TickPublisher(0, 0), 50);
        send(subscribe("s1", "subscription { nope }"));
        Map<String, Object> error = session.next();
        assertEquals("error", error.get("type"));
        assertEquals("GRAPHQL_VALIDATION_FAILED", code(error));
    }

    private void open(TickPublisher publisher, int maxOperations) {
        ticks = publisher;
        GraphqlEngine engine = new GraphqlEngine(schema(), new PersistedQueries(Map.of(), 10, false),
                new OperationLimits(10, 10, 1000, 100), true, GraphqlMetrics.global(), context -> loaders());
        GraphqlWebSocket endpoint = new GraphqlWebSocket(engine, new Json(), new GraphqlWebSocket.Authenticator() {
            @Override
            public Principal authenticate(io.helidon.http.Headers headers, Map<String, Object> payload) {
                return Principal.ANONYMOUS;
            }

            @Override
            public String clientAddress(java.net.SocketAddress peer, io.helidon.http.Headers headers) {
                return "127.0.0.1";
            }
        },
                new RateLimiter("test", 1000, Duration.ofMinutes(1)),
                new GraphqlWebSocket.Limits(10_000, Duration.ofSeconds(10), maxOperations), Set.of());
        connection = new GraphqlWsConnection(endpoint);
        WritableHeaders<?> headers = WritableHeaders.create();
        headers.set(WsUpgrader.PROTOCOL, GraphqlWebSocket.PROTOCOL);
        connection.onHttpUpgrade(null, headers);
        connection.onOpen(session);
        send("{\"type\":\"connection_init\"}");
        assertEquals(Map.of("type", "connection_ack"), session.next());
    }

    private void send(String text) {
        connection.onMessage(session, text, true);
    }

    private GraphQLSchema schema() {
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type("Query", t -> t.dataFetcher("hello", env -> "hello"))
                .type("Subscription", t -> t.dataFetcher("ticks", env -> ticks))
                .type("Tick", t -> t.dataFetcher("n", env -> env.getSource())
                        .dataFetcher("label", env -> env.getDataLoader("labels").load("same key")))
                .build();
        return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring);
    }

    private DataLoaderRegistry loaders() {
        DataLoaderRegistry registry = new DataLoaderRegistry();
        registry.register("labels", DataLoaderFactory.newDataLoader((List<String> keys) -> CompletableFuture
                .completedFuture(keys.stream().map(key -> "load-" + loads.incrementAndGet()).toList())));
        return registry;
    }

    private Map<String, Object> nextOfType(String type) {
        Map<String, Object> message = session.next();
        while (!type.equals(message.get("type"))) {
            message = session.next();
        }
        return message;
    }

    private static String subscribe(String id, String query) {
        return "{\"id\":\"" + id + "\",\"type\":\"subscribe\",\"payload\":{\"query\":\"" + query + "\"}}";
    }

    @SuppressWarnings("unchecked")
    private static String label(Map<String, Object> next) {
        Map<String, Object> data = (Map<String, Object>) ((Map<String, Object>) next.get("payload")).get("data");
        return (String) ((Map<String, Object>) data.get("ticks")).get("label");
    }

    @SuppressWarnings("unchecked")
    private static String code(Map<String, Object> error) {
        Map<String, Object> first = ((List<Map<String, Object>>) error.get("payload")).getFirst();
        return (String) ((Map<String, Object>) first.get("extensions")).get("code");
    }

    /** JSON-B reads numbers as BigDecimal; the test compares with plain ints. */
    private static Object numbersAsInts(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, numbersAsInts(v)));
            return copy;
        }
        return value instanceof BigDecimal number ? number.intValueExact() : value;
    }
}
