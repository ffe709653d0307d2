package app.alongside;

import app.alongside.platform.DataLoaders;
import app.alongside.platform.EmbeddedMongo;
import app.alongside.platform.GraphqlEndpoint;
import app.alongside.platform.GraphqlEngine;
import app.alongside.platform.GraphqlMetrics;
import app.alongside.platform.HttpFilters;
import app.alongside.platform.IndexPlan;
import app.alongside.platform.Json;
import app.alongside.platform.Migration;
import app.alongside.platform.Nodes;
import app.alongside.platform.OperationLimits;
import app.alongside.platform.PersistedQueries;
import app.alongside.platform.PlatformWiring;
import app.alongside.platform.RequestContext;
import app.alongside.platform.SchemaLoader;
import app.alongside.platform.Settings;
import app.alongside.platform.Store;
import app.alongside.platform.StoreHealth;
import app.alongside.platform.StoreSchema;
import app.alongside.platform.Wiring;
import graphql.schema.GraphQLSchema;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.webserver.staticcontent.StaticContentService;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The composition root: reads settings, opens the store, builds every domain with {@code new}, wires the schema
 * and starts the web server. {@link Main} runs it for real; tests start it with their own settings and clock.
 */
public final class App implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(App.class.getName());

    private final WebServer server;
    private final Store store;
    private final EmbeddedMongo embedded;
    private final Thread schemaThread;

    private App(WebServer server, Store store, EmbeddedMongo embedded, Thread schemaThread) {
        this.server = server;
        this.store = store;
        this.embedded = embedded;
        this.schemaThread = schemaThread;
    }

    /** Builds everything and starts listening. Throws {@link app.alongside.platform.StartupException} on bad config. */
    public static App start(Settings settings, Clock clock) {
        Optional<String> uri = settings.get("mongodb.uri");
        EmbeddedMongo embedded = uri.isEmpty() ? EmbeddedMongo.start(Path.of(settings.string("data-dir"))) : null;
        try {
            return start(settings, clock, embedded, uri.orElseGet(() -> embedded.connectionString()));
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    private static App start(Settings settings, Clock clock, EmbeddedMongo embedded, String uri) {
        Json json = new Json();
        Store store = Store.connect(uri, settings.string("mongodb.database"));
        List<IndexPlan> indexes = new ArrayList<>();
        List<Migration> migrations = new ArrayList<>();
        StoreSchema storeSchema = new StoreSchema(store, indexes, migrations, clock);

        Wiring wiring = new Wiring();
        Nodes nodes = new Nodes();
        DataLoaders dataLoaders = new DataLoaders();
        PlatformWiring.register(wiring, nodes, clock);
        nodes.registerLoaders(dataLoaders);
        GraphQLSchema schema = SchemaLoader.build(wiring);

        GraphqlEngine engine = new GraphqlEngine(schema, persistedQueries(settings, json),
                new OperationLimits(settings.integer("graphql.max-depth", 2, 100),
                        settings.integer("graphql.max-aliases", 0, 1000),
                        settings.integer("graphql.max-cost", 10, 1_000_000),
                        settings.integer("graphql.max-page-size", 1, 1000)),
                settings.bool("graphql.introspection"), GraphqlMetrics.global(), dataLoaders::forRequest);
        GraphqlEndpoint endpoint = new GraphqlEndpoint(engine, json,
                settings.integer("graphql.max-body-bytes", 1024, 10_000_000),
                (req, requestId) -> new RequestContext(requestId));

        WebServer server = WebServer.builder()
                .host(settings.string("host"))
                .port(settings.integer("port", 0, 65535))
                .shutdownHook(false)
                .shutdownGracePeriod(Duration.ofSeconds(settings.integer("shutdown-grace-seconds", 0, 300)))
                .addFeature(ObserveFeature.builder()
                        .addObserver(HealthObserver.builder().details(true)
                                .addCheck(new StoreHealth(store, storeSchema)).build())
                        .addObserver(MetricsObserver.create())
                        .build())
                .routing(routing(settings, endpoint))
                .build();
        Thread schemaThread = storeSchema.applyInBackground();
        server.start();
        LOG.info(() -> "Alongside listening on http://" + settings.string("host") + ":" + server.port()
                + " (store: " + (embedded != null ? "embedded" : "MONGODB_URI") + ")");
        return new App(server, store, embedded, schemaThread);
    }

    private static HttpRouting.Builder routing(Settings settings, GraphqlEndpoint endpoint) {
        Set<String> origins = settings.get("cors.allowed-origins")
                .map(list -> Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
        return HttpRouting.builder()
                .addFilter(HttpFilters.requestIds())
                .addFilter(HttpFilters.securityHeaders())
                .addFilter(HttpFilters.cors(origins))
                .register("/graphql", endpoint)
                .register("/console", StaticContentService.builder("console").welcomeFileName("index.html").build())
                .get("/", (req, res) -> res.status(io.helidon.http.Status.TEMPORARY_REDIRECT_307)
                        .header(io.helidon.http.HeaderNames.LOCATION, "/console/").send());
    }

    private static PersistedQueries persistedQueries(Settings settings, Json json) {
        boolean only = settings.bool("graphql.persisted-queries-only");
        Map<String, String> manifest = settings.get("graphql.persisted-queries-manifest")
                .map(path -> PersistedQueries.readManifest(Path.of(path), json))
                .orElse(Map.of());
        if (only && manifest.isEmpty()) {
            throw new app.alongside.platform.StartupException("GRAPHQL_PERSISTED_QUERIES_ONLY is true but "
                    + "GRAPHQL_PERSISTED_QUERIES_MANIFEST names no manifest with operations");
        }
        return new PersistedQueries(manifest, settings.integer("graphql.apq-cache-size", 0, 1_000_000), only);
    }

    public int port() {
        return server.port();
    }

    public Store store() {
        return store;
    }

    /** Graceful stop: in-flight requests finish (up to the grace period), then the store closes cleanly. */
    @Override
    public void close() {
        server.stop();
        schemaThread.interrupt();
        store.close();
        if (embedded != null) {
            embedded.close();
        }
        LOG.info("Alongside stopped");
    }
}
