package app.alongside.platform;

import app.alongside.platform.config.Settings;
import app.alongside.platform.config.StartupException;
import app.alongside.platform.core.Json;
import app.alongside.platform.graphql.DataLoaders;
import app.alongside.platform.graphql.FieldGate;
import app.alongside.platform.graphql.GraphqlEndpoint;
import app.alongside.platform.graphql.GraphqlEngine;
import app.alongside.platform.graphql.GraphqlMetrics;
import app.alongside.platform.graphql.GraphqlWebSocket;
import app.alongside.platform.graphql.KnownOperations;
import app.alongside.platform.graphql.OperationLimits;
import app.alongside.platform.graphql.PersistedQueries;
import app.alongside.platform.http.Compression;
import app.alongside.platform.http.Draining;
import app.alongside.platform.http.HttpFilters;
import app.alongside.platform.http.RateLimiter;
import app.alongside.platform.http.ServerTls;
import app.alongside.platform.observe.Meters;
import app.alongside.platform.store.Store;
import app.alongside.platform.store.StoreHealth;
import app.alongside.platform.store.StoreSchema;
import graphql.schema.GraphQLSchema;
import io.helidon.health.HealthCheck;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.ErrorHandling;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.ObserveFeatureConfig;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.staticcontent.StaticContentService;
import io.micrometer.core.instrument.Tags;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The HTTP edge: GraphQL over HTTP and over WebSocket with their limits and persisted queries, {@code /auth},
 * the console's static files, the filters every request passes (request ids, security headers, CORS,
 * compression, draining, sign-ins only once the store is ready), health and metrics under {@code /observe}
 * (on a port of their own when {@code OBSERVE_PORT} is set), TLS and the graceful stop.
 */
public final class WebEdge {
    private static final Logger LOG = Logger.getLogger(WebEdge.class.getName());
    private static final Duration EMBEDDED_READY_WAIT = Duration.ofMinutes(2);
    private static final Duration REMOTE_READY_WAIT = Duration.ofSeconds(10);
    private static final String OBSERVE_SOCKET = "observe";
    private static final String METRICS_PATH = "/observe/metrics";

    /**
     * Who is asking, established by identity: over HTTP, over a socket, and the {@code /auth} endpoints; and what
     * their account lets them run at all ({@code gate}).
     */
    public record Doors(GraphqlEndpoint.Authenticator http, GraphqlWebSocket.Authenticator socket,
                        HttpService auth, FieldGate gate) {
    }

    private final WebServer server;
    private final GraphqlEngine engine;
    private final Draining draining = new Draining();
    private final Duration grace;
    private final String host;

    /**
     * @param limiter the GraphQL requests allowed per principal (see {@link #graphqlLimiter(Settings)})
     * @param checks  readiness checks besides the store's and draining's
     */
    public WebEdge(Foundation foundation, Json json, GraphQLSchema schema, DataLoaders loaders, RateLimiter limiter,
                   Doors doors, Store store, StoreSchema storeSchema, List<HealthCheck> checks) {
        Settings settings = foundation.settings();
        Settings graphql = settings.node("graphql");
        Meters meters = foundation.meters();
        PersistedQueries persisted = persistedQueries(graphql, json);
        Set<String> known = new HashSet<>(KnownOperations.console());
        known.addAll(KnownOperations.declaredIn(persisted.manifestDocuments()));
        GraphqlMetrics metrics = new GraphqlMetrics(meters, known);
        GraphqlEngine engine = new GraphqlEngine(schema, persisted, new OperationLimits(
                graphql.integer("max-depth", 2, 100), graphql.integer("max-aliases", 0, 1000),
                graphql.integer("max-cost", 10, 1_000_000), foundation.maxPage()),
                graphql.bool("introspection"), metrics, loaders::forRequest, foundation.tracing().tracer(),
                doors.gate());
        int maxBodyBytes = graphql.integer("max-body-bytes", 1024, 10_000_000);
        GraphqlEndpoint endpoint = new GraphqlEndpoint(engine, metrics, json, maxBodyBytes, doors.http());
        Set<String> origins = allowedOrigins(settings);
        GraphqlWebSocket webSocket = new GraphqlWebSocket(engine, json, doors.socket(), limiter,
                new GraphqlWebSocket.Limits(maxBodyBytes,
                        Duration.ofSeconds(graphql.integer("ws-init-timeout-seconds", 1, 3600)),
                        graphql.integer("ws-max-operations", 1, 10_000),
                        Duration.ofSeconds(graphql.integer("ws-recheck-seconds", 1, 86_400))), origins,
                new GraphqlWebSocket.Live());
        meters.gauge("graphql.ws.connections", "Open GraphQL WebSocket connections", Tags.empty(),
                webSocket.live().connections()::get);
        meters.gauge("graphql.ws.subscriptions", "Subscriptions running over GraphQL WebSockets", Tags.empty(),
                webSocket.live().subscriptions()::get);

        this.engine = engine;
        this.grace = Duration.ofSeconds(settings.integer("shutdown-grace-seconds", 0, 300));
        this.host = settings.string("host");
        Optional<javax.net.ssl.SSLContext> tls = ServerTls.from(settings);
        boolean observeApart = settings.get("observe.port").isPresent();
        var health = HealthObserver.builder().details(true)
                .addCheck(new StoreHealth(store, storeSchema)).addCheck(draining);
        checks.forEach(health::addCheck);
        ObserveFeatureConfig.Builder observe = ObserveFeature.builder().addObserver(health.build());
        WebServerConfig.Builder builder = WebServer.builder();
        if (observeApart) {
            // Health and metrics on a port of their own (for the platform's scraper and probes only), not public.
            int observePort = settings.integer("observe.port", 0, 65535);
            builder.putSocket(OBSERVE_SOCKET, socket -> socket.host(settings.string("host")).port(observePort));
            builder.routing(OBSERVE_SOCKET, r -> r.get(METRICS_PATH, meters.endpoint()));
            observe.sockets(List.of(OBSERVE_SOCKET));
        }
        this.server = builder
                .host(settings.string("host"))
                .port(settings.integer("port", 0, 65535))
                .shutdownHook(false)
                .shutdownGracePeriod(grace)
                // Answers and WebSocket events go out as several writes (HTTP/2 frames, one frame an event): with
                // Nagle's algorithm on (Helidon's default) a write waits for the peer's delayed ACK, up to 40 ms.
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                .tls(t -> tls.ifPresentOrElse(t::sslContext, () -> t.enabled(false)))
                // Refusals made before routing (a WebSocket upgrade with another subprotocol) carry their typed
                // message as the body; only messages marked safe are ever sent.
                .errorHandling(ErrorHandling.builder().includeEntity(true).build())
                .directHandlers(DirectHandlers.builder()
                        .addHandler(DirectHandler.EventType.BAD_REQUEST, GraphqlWebSocket.refusals()).build())
                .addFeature(observe.build())
                .routing(routing(origins, endpoint, doors.auth(), foundation, !observeApart)
                        .addFilter(draining.filter()).addFilter(StoreHealth.signInsOnceReady(storeSchema)))
                .addRouting(webSocket.routing("/graphql"))
                .build();
    }

    /** The one limit on GraphQL requests per principal, shared by authentication and the WebSocket. */
    public static RateLimiter graphqlLimiter(Settings settings) {
        return new RateLimiter("graphql", settings.integer("rate-limit.graphql-per-minute", 1, 1_000_000),
                Duration.ofMinutes(1));
    }

    /**
     * Starts listening once the schema, migrations and bootstrap admin are done, so that the first answer means a
     * sign-in works; a database that is down does not hold the start for long (the server then starts not ready).
     */
    public void listenOnceReady(StoreSchema schema, boolean embeddedStore) {
        if (!schema.awaitReady(embeddedStore ? EMBEDDED_READY_WAIT : REMOTE_READY_WAIT)) {
            LOG.warning("listening before the store is ready: sign-ins answer 503 and readiness is DOWN until it is");
        }
        server.start();
        LOG.info(() -> "Alongside listening on http://" + host + ":" + server.port()
                + " (store: " + (embeddedStore ? "embedded" : "MONGODB_URI") + ")"
                + (observeApart() ? "; /observe on port " + observePort() : ""));
    }

    /** The engine both transports run requests on: tests that hold one rule run operations on it directly. */
    public GraphqlEngine engine() {
        return engine;
    }

    public int port() {
        return server.port();
    }

    /** The port of {@code /observe} when {@code OBSERVE_PORT} is set, else the public port. */
    public int observePort() {
        int observe = server.port(OBSERVE_SOCKET);
        return observe > 0 ? observe : server.port();
    }

    /** True when observe has a port of its own. */
    public boolean observeApart() {
        return server.port(OBSERVE_SOCKET) > 0;
    }

    /**
     * Readiness goes DOWN and new requests get 503 while those in flight finish, for up to the grace period; then
     * the server stops.
     */
    public void stop() {
        LOG.info("Alongside stopping: draining requests (up to " + grace.toSeconds() + " s)");
        if (!draining.drain(grace)) {
            LOG.warning("stopping with requests still in flight after " + grace.toSeconds() + " s");
        }
        server.stop();
    }

    private static Set<String> allowedOrigins(Settings settings) {
        return settings.get("cors.allowed-origins")
                .map(list -> Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }

    private static HttpRouting.Builder routing(Set<String> origins, GraphqlEndpoint endpoint, HttpService auth,
                                               Foundation foundation, boolean metricsHere) {
        HttpRouting.Builder routing = HttpRouting.builder();
        if (metricsHere) {
            routing.get(METRICS_PATH, foundation.meters().endpoint());
        }
        return routing
                .addFilter(HttpFilters.requestIds(foundation.tracing(), foundation.meters()))
                .addFilter(HttpFilters.securityHeaders())
                .addFilter(HttpFilters.cors(origins))
                .addFilter(new Compression(Compression.DEFAULT_THRESHOLD, Compression.brotliAvailable()).filter())
                .register("/graphql", endpoint)
                .register("/auth", auth)
                .register("/console", StaticContentService.builder("console").welcomeFileName("index.html").build())
                .get("/", (req, res) -> res.status(Status.TEMPORARY_REDIRECT_307)
                        .header(HeaderNames.LOCATION, "/console/").send());
    }

    private static PersistedQueries persistedQueries(Settings graphql, Json json) {
        boolean only = graphql.bool("persisted-queries-only");
        Map<String, String> manifest = graphql.get("persisted-queries-manifest")
                .map(paths -> PersistedQueries.readManifests(paths, json))
                .orElse(Map.of());
        if (only && manifest.isEmpty()) {
            throw new StartupException("GRAPHQL_PERSISTED_QUERIES_ONLY is true but "
                    + "GRAPHQL_PERSISTED_QUERIES_MANIFEST names no manifest with operations");
        }
        return new PersistedQueries(manifest, graphql.integer("apq-cache-size", 0, 1_000_000), only);
    }
}
