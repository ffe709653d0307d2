package app.alongside.bench;

import app.alongside.App;
import app.alongside.fixtures.AuthEmulator;
import app.alongside.fixtures.EmbeddedServer;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.RecordsOps;
import app.alongside.fixtures.TestServer;
import app.alongside.fixtures.YoungPersonApp;
import app.alongside.identity.YoungPerson;
import app.alongside.platform.core.GlobalIds;
import app.alongside.records.LifeRecord;
import app.alongside.records.RecordsSeed;
import com.mongodb.client.MongoDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The app's home screen ({@link RecordsOps#HOME_SCREEN}: {@code missionSummary} and the first 20 of
 * {@code myRecords}) for many young people with many records, each concurrent client signed in as a different
 * young person with a Firebase ID token from the Auth emulator. Not a GraphQL-against-bare pair: it measures the
 * App alone, once on the in-memory store and once on the embedded H2 file store a deployment without
 * {@code MONGODB_URI} uses, each a fresh server seeded the same way.
 *
 * <p>The young people are created through the API (an LA worker invites them all; the ones the clients sign in
 * as redeem their invite with an emulator account). Their records are written straight into the store by
 * {@link RecordsSeed}, in the shape {@code createRecord} writes, since 200,000 creates over HTTP would take hours.
 * The servers run with {@code FIREBASE_CHECK_REVOKED=false}, so a request does not also call the emulator to ask
 * whether its token was revoked (that call would be Firebase's latency, not ours).
 */
final class HomeScreen {
    static final String NAME = "homeScreen";
    static final double TARGET_P99_MILLIS = 50;
    static final String TARGET_STORE = "memory";
    static final int PAGE = 20;
    private static final int REQUESTS_PER_MINUTE = 1_000_000;
    /** Seeded history ends an hour before the run, a record every six hours: a history, not a burst of writes. */
    private static final Duration HISTORY_ENDS = Duration.ofHours(1);
    private static final Duration APART = Duration.ofHours(6);

    /** One line of the table. */
    record Row(String store, int people, int recordsEach, int clients, Duration seeding, Figures figures) {
        boolean targeted() {
            return TARGET_STORE.equals(store);
        }

        boolean targetMet() {
            return figures.p99Millis() < TARGET_P99_MILLIS;
        }
    }

    private final int people;
    private final int recordsEach;
    private final int clients;

    HomeScreen(int people, int recordsEach, int clients) {
        if (clients > people || people < 1) {
            throw new IllegalArgumentException("need at least as many young people as clients");
        }
        this.people = people;
        this.recordsEach = recordsEach;
        this.clients = clients;
    }

    /** The figures: 1,000 young people with 200 records each, 50 clients at once. */
    static HomeScreen full() {
        return new HomeScreen(1_000, 200, 50);
    }

    List<Row> run(Options options, Consumer<String> progress) {
        Load load = new Load(options.warmup(), options.measure());
        List<Row> rows = new ArrayList<>();
        for (String store : List.of(TARGET_STORE, "h2 file")) {
            try (Target target = Target.start(store)) {
                progress.accept("bench: " + NAME + " on " + store + ": creating " + people + " young people ...");
                long started = System.nanoTime();
                List<HttpRequest> requests = populate(target, progress);
                Duration seeding = Duration.ofNanos(System.nanoTime() - started);
                progress.accept("bench: " + NAME + " on " + store + ": seeded in " + seeding.toSeconds()
                        + " s; loading with " + clients + " clients ...");
                rows.add(new Row(store, people, recordsEach, clients, seeding, load.run(requests)));
            }
        }
        return rows;
    }

    /** Creates the young people, seeds their records and returns each client's checked request. */
    private List<HttpRequest> populate(Target target, Consumer<String> progress) {
        Http http = new Http(target.baseUrl());
        Platform platform = new Platform(http);
        RecordsSeed seed = new RecordsSeed(target.db());
        Instant newest = Instant.now().minus(HISTORY_ENDS);
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            String[] invite = platform.invite("Bench");
            String youngPersonId = GlobalIds.decode(invite[0]).filter(d -> d.type().equals(YoungPerson.TYPE))
                    .orElseThrow().id();
            List<String> recordIds = seed.seed(youngPersonId, recordsEach, newest.minusMillis(i), APART);
            if (i < clients) {
                YoungPersonApp app = YoungPersonApp.signUp(http);
                Http.Reply redeemed = app.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", invite[1])));
                if (Ops.at(redeemed, "redeemInvite", "youngPerson", "id") == null) {
                    throw new IllegalStateException("redeeming an invite failed: " + redeemed.body());
                }
                HttpRequest request = Exchanges.graphql(URI.create(target.baseUrl() + "/graphql"),
                        RecordsOps.HOME_SCREEN, Map.of()).header("Authorization", "Bearer " + app.idToken()).build();
                check(target.send(request), recordIds);
                requests.add(request);
            }
            if ((i + 1) % 100 == 0) {
                progress.accept("bench: " + NAME + ": " + (i + 1) + " of " + people + " young people");
            }
        }
        return requests;
    }

    /** The home screen shows the seeded records: all of them counted, the newest first on the first page. */
    private void check(HttpResponse<String> response, List<String> recordIds) {
        Map<String, Object> data = Exchanges.data("graphql", response);
        List<?> missions = (List<?>) ((Map<?, ?>) data.get("missionSummary")).get("missions");
        int counted = missions.stream().mapToInt(m -> ((Number) ((Map<?, ?>) m).get("recordCount")).intValue())
                .sum();
        Map<?, ?> mine = (Map<?, ?>) data.get("myRecords");
        List<?> edges = (List<?>) mine.get("edges");
        Object firstId = edges.isEmpty() ? null : ((Map<?, ?>) ((Map<?, ?>) edges.getFirst()).get("node")).get("id");
        boolean more = (Boolean) ((Map<?, ?>) mine.get("pageInfo")).get("hasNextPage");
        if (missions.size() != 5 || counted != recordsEach || edges.size() != Math.min(PAGE, recordsEach)
                || more != recordsEach > PAGE
                || !GlobalIds.encode(LifeRecord.TYPE, recordIds.getFirst()).equals(firstId)) {
            throw new IllegalStateException("the home screen does not show the seeded records: " + response.body());
        }
    }

    static String table(Options options, List<Row> rows) {
        StringBuilder out = new StringBuilder();
        Row first = rows.getFirst();
        out.append(String.format(Locale.ROOT, "Home screen (missionSummary + myRecords(first: %d)): %,d young people"
                        + " x %d records, %d clients, %.1f s warm-up + %.1f s measured, Java %s, %d cores%n%n",
                PAGE, first.people(), first.recordsEach(), first.clients(), options.warmup().toMillis() / 1000.0,
                options.measure().toMillis() / 1000.0, Runtime.version(), Runtime.getRuntime().availableProcessors()));
        out.append(String.format(Locale.ROOT, "%-9s %4s | %9s %8s %8s | %-22s | %s%n", "store", "conc", "req/s",
                "p50 ms", "p99 ms", "target", "seeded in"));
        for (Row row : rows) {
            String target = !row.targeted() ? "-" : String.format(Locale.ROOT, "p99 < %.0f ms: %s",
                    TARGET_P99_MILLIS, row.targetMet() ? "met" : "MISSED");
            out.append(String.format(Locale.ROOT, "%-9s %4d | %9.0f %8.2f %8.2f | %-22s | %d s%n", row.store(),
                    row.clients(), row.figures().perSecond(), row.figures().p50Millis(), row.figures().p99Millis(),
                    target, row.seeding().toSeconds()));
        }
        rows.stream().filter(r -> r.figures().errors() > 0).forEach(r -> out.append(String.format(Locale.ROOT,
                "errors on %s: %d; first: %s%n", r.store(), r.figures().errors(), r.figures().firstError())));
        return out.toString();
    }

    /** A fresh App on one store, and the App's own database handle to seed it through the driver. */
    private record Target(String baseUrl, MongoDatabase db, AutoCloseable server, Path dataDir)
            implements AutoCloseable {
        private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        static Target start(String store) {
            // Every client comes from 127.0.0.1, so the per-address limits are raised; invite redemption is
            // limited per address too.
            Map<String, String> env = new HashMap<>(Map.of("RATE_LIMIT_GRAPHQL_PER_MINUTE",
                    String.valueOf(REQUESTS_PER_MINUTE), "AUTH_INVITE_ATTEMPTS_PER_HOUR",
                    "10000", "FIREBASE_CHECK_REVOKED", "false"));
            if (TARGET_STORE.equals(store)) {
                TestServer server = TestServer.start(env).ready();
                return new Target(server.baseUrl(), server.app().store().db(), server, null);
            }
            env.putAll(AuthEmulator.serverEnv());
            env.put("BOOTSTRAP_ADMIN_EMAIL", TestServer.ADMIN_EMAIL);
            env.put("BOOTSTRAP_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD);
            env.put("AUTH_SIGN_IN_ATTEMPTS_PER_MINUTE", "1000");
            Path dir;
            try {
                dir = Files.createTempDirectory("alongside-bench-h2-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            App app = EmbeddedServer.start(dir, env);
            Target target = new Target("http://127.0.0.1:" + app.port(), app.store().db(), app, dir);
            target.awaitReady();
            return target;
        }

        /** As {@link TestServer#ready()}: the schema applied and the bootstrap admin created. */
        private void awaitReady() {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl + "/observe/health")).GET().build();
            while (send(health).statusCode() != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the server on the embedded store did not become ready");
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }

        HttpResponse<String> send(HttpRequest request) {
            return Servers.send(CLIENT, request);
        }

        @Override
        public void close() {
            try {
                server.close();
                if (dataDir != null) {
                    try (Stream<Path> files = Files.walk(dataDir)) {
                        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                            Files.delete(file);
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("could not stop the server or remove " + dataDir, e);
            }
        }
    }
}
