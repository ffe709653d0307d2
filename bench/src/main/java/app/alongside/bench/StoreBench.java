package app.alongside.bench;

import app.alongside.fixtures.AuthEmulator;
import app.alongside.fixtures.EmbeddedServer;
import app.alongside.fixtures.TestServer;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The store bench of bench/README.md ({@code bash bench/store-bench.sh}): the packaged server
 * ({@code backend/target/backend.jar}) in its own process with the packaged defaults, once on the embedded H2 file
 * store a server without {@code MONGODB_URI} opens in {@code DATA_DIR} ({@value #DEFAULT}) and once with
 * {@code MONGODB_URI} at a mongo-java-server in a process of its own ({@value #MEMORY}), loaded by autocannon
 * (node, a third process) with each request signed in as a different young person. Each run starts a fresh
 * server process on the seeded store and stops it after; the two stores alternate run by run so that both see
 * the same machine. Prints a table and one JSON line per row to stdout, progress to stderr.
 *
 * <p>This class holds the knobs, the scenarios and the loop over runs; seeding is {@link StoreBenchSeeding}, the
 * server processes {@link StorePackagedServers}, the signed-in users {@link StoreBenchTokens}, one measured run
 * {@link StoreBenchMeasure} and the printed table {@link StoreBenchReport}.
 */
public final class StoreBench {
    static final String DEFAULT = "default";
    static final String MEMORY = "memory";
    static final String PEER = "peer";
    static final int PAGE = 20;
    static final double NEWEST_TARGET_PER_SECOND = 1_000;
    static final double NEWEST_TARGET_P99_MILLIS = 100;
    /** A paced run kept up when it answered at least this share of the rate offered. */
    static final double PACED_KEPT_UP = 0.98;
    static final double PEER_TARGET_RATIO = 2;
    static final double SEND_TARGET_PER_SECOND = 500;
    /** Every request comes from 127.0.0.1, whose packaged per-address limit (600 a minute) would refuse most. */
    static final String REQUESTS_PER_MINUTE = "1000000";
    /** Emulator ID tokens live an hour; a longer run signs everyone in again before they expire. */
    static final Duration TOKEN_REFRESH = Duration.ofMinutes(40);
    static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    static final Jsonb JSON = JsonbBuilder.create();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** JVM options for the measured servers, e.g. a flight recording: {@code SERVER_JAVA_OPTIONS}. */
    static final List<String> SERVER_JAVA_OPTIONS = Arrays.stream(
            System.getenv().getOrDefault("SERVER_JAVA_OPTIONS", "").split(" ")).filter(s -> !s.isBlank()).toList();

    /** What to run; from the environment by {@link #fromEnv}, with the names bench/README.md lists. */
    record Knobs(int users, int perUser, int connections, int warmup, int duration, List<Integer> writers,
                 List<String> scenarios, int repeats, boolean restartEachRun, boolean peer, Path peerDir,
                 String memoryBackend, Path workDir, boolean keepData, int pacedRate) {
        static Knobs fromEnv(Map<String, String> env, Path root) {
            return new Knobs(number(env, "USERS", 1_000), number(env, "PER_USER", 200),
                    number(env, "CONNECTIONS", 50), number(env, "WARMUP", 5), number(env, "DURATION", 20),
                    list(env.getOrDefault("WRITERS", "1,8,32")).stream().map(Integer::valueOf).toList(),
                    list(env.getOrDefault("SCENARIOS", "floor,newest20,newest20paced,homeScreen,send")),
                    number(env, "REPEATS", 1), !"never".equals(env.get("RESTART")), "1".equals(env.get("PEER")),
                    Path.of(env.getOrDefault("PEER_DIR", "/tmp/peer")).toAbsolutePath(),
                    env.getOrDefault("MEMORY_BACKEND", MemoryStore.DEFAULT_BACKEND),
                    Path.of(env.getOrDefault("WORK_DIR", root.resolve("bench/target/store-bench").toString()))
                            .toAbsolutePath(), "1".equals(env.get("KEEP_DATA")),
                    number(env, "PACED_RATE", (int) NEWEST_TARGET_PER_SECOND));
        }

        private static int number(Map<String, String> env, String name, int fallback) {
            String value = env.get(name);
            try {
                return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'", e);
            }
        }

        private static List<String> list(String value) {
            return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
    }

    /**
     * One kind of request: {@code floor} is anonymous, {@code read} and {@code send} signed in; {@code expect} is
     * text every right answer contains; {@code peerName} the peer's {@code bench.js} scenario doing the same work.
     */
    record Scenario(String name, String kind, String query, Map<String, Object> variables, String expect,
                    String peerName, int rate) {
        Scenario(String name, String kind, String query, Map<String, Object> variables, String expect,
                 String peerName) {
            this(name, kind, query, variables, expect, peerName, 0);
        }

        /** The same requests offered at {@code perSecond} in all, by the open loop of {@code load.js}. */
        Scenario paced(String pacedName, int perSecond) {
            return new Scenario(pacedName, kind, query, variables, expect, null, perSecond);
        }
    }

    /** CPU of one process over the measured period: cores busy, and milliseconds per request answered. */
    record Cpu(double cores, double msPerRequest) {
    }

    /** One line of the table. {@code cpu} is keyed by process: server, store, emulator. */
    record Row(int repeat, String scenario, String store, int connections, long requests, double perSecond,
               double p50Millis, double p99Millis, double maxMillis, long errors, String firstError,
               Map<String, Cpu> cpu, double loadgenCores, double loadAverage, double machineBusyPercent) {
    }

    /**
     * Everything a run printed: the header's facts, the rows and how long seeding took per store. It failed when
     * any request failed, since the figures then mean nothing; a missed target is reported, not a failure.
     */
    record Report(Knobs knobs, List<Row> rows, Map<String, Duration> seeding) {
        boolean failed() {
            return rows.stream().anyMatch(r -> r.errors() > 0);
        }
    }

    private StoreBench() {
    }

    public static void main(String[] args) {
        try (InputStream config = StoreBench.class.getResourceAsStream("/bench-logging.properties")) {
            LogManager.getLogManager().readConfiguration(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Path root = root();
            Report report = run(Knobs.fromEnv(System.getenv(), root), root, System.err::println);
            System.out.print(StoreBenchReport.table(report));
            StoreBenchReport.jsonLines(report).forEach(System.out::println);
            System.exit(report.failed() ? 1 : 0);
        } catch (RuntimeException e) {
            Logger.getLogger(StoreBench.class.getName()).log(Level.SEVERE, "the store bench failed", e);
            System.exit(1);
        }
    }

    /** Seeds both stores, runs every scenario on each (and the peer when asked) and answers the rows. */
    static Report run(Knobs knobs, Path root, Consumer<String> progress) {
        AuthEmulator.get();
        Path jar = root.resolve("backend/target/backend.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (bash bench/store-bench.sh does)");
        }
        List<Scenario> scenarios = chosen(knobs, root);
        recreate(knobs.workDir().resolve("data"));
        recreate(knobs.workDir().resolve("logs"));
        Autocannon load = Autocannon.install(knobs.workDir().resolve("node"));
        String java = ProcessHandle.current().info().command().orElse("java");
        EmulatorAccounts emulator = new EmulatorAccounts();
        progress.accept("store bench: signing up " + knobs.users() + " young people on the Auth emulator ...");
        List<EmulatorAccounts.Account> accounts = emulator.signUp(knobs.users());
        int storePort = ChildProcess.freePort();
        Map<String, Duration> seeding = new LinkedHashMap<>();
        List<Row> rows = new ArrayList<>();
        Peer peer = null;
        try (ChildProcess memory = MemoryStore.start(java, storePort, knobs.memoryBackend(), knobs.workDir(),
                knobs.workDir().resolve("logs/memory-store.log"), START_TIMEOUT)) {
            String memoryUri = "mongodb://127.0.0.1:" + storePort;
            Path dataDir = knobs.workDir().resolve("data/h2");
            Map<String, List<StoreSeed.Seeded>> seeded = new LinkedHashMap<>();
            seeded.put(DEFAULT, StoreBenchSeeding.seed(DEFAULT, knobs, accounts, seeding, progress,
                    () -> new StoreBenchSeeding.Seeding(EmbeddedServer.start(dataDir, StoreBenchSeeding.env()))));
            seeded.put(MEMORY, StoreBenchSeeding.seed(MEMORY, knobs, accounts, seeding, progress,
                    () -> new StoreBenchSeeding.Seeding(TestServer.startOn(memoryUri,
                            Map.of("PUSH_DISPATCHER_ENABLED", "false")).ready())));
            if (knobs.peer()) {
                progress.accept("store bench: bringing up the peer (Parse Server + PostgreSQL) ...");
                peer = Peer.start(root.resolve("../shared/peer-parse").normalize(), knobs.peerDir(), knobs.users(),
                        knobs.perUser(), "1".equals(System.getenv("PEER_KEEP")));
            }
            StoreBenchTokens tokens = new StoreBenchTokens(emulator, accounts, seeded, knobs.workDir());
            OptionalLong emulatorPid = ChildProcess.listeningPid(9099);
            int number = 0;
            try (StorePackagedServers servers = new StorePackagedServers(knobs, java, jar, Map.of(
                    DEFAULT, Map.of("DATA_DIR", dataDir.toString()), MEMORY, Map.of("MONGODB_URI", memoryUri)))) {
                for (int repeat = 1; repeat <= knobs.repeats(); repeat++) {
                    List<String> order = repeat % 2 == 1 ? List.of(DEFAULT, MEMORY) : List.of(MEMORY, DEFAULT);
                    for (Scenario scenario : scenarios) {
                        List<Integer> connections = scenario.kind().equals("send") ? knobs.writers()
                                : List.of(knobs.connections());
                        for (int conc : connections) {
                            for (String store : order) {
                                Map<String, Long> pids = new LinkedHashMap<>();
                                if (store.equals(MEMORY)) {
                                    pids.put("store", memory.pid());
                                }
                                emulatorPid.ifPresent(pid -> pids.put("emulator", pid));
                                number++;
                                Row row = StoreBenchMeasure.measure(new Run(repeat, number, scenario, store, conc),
                                        knobs, servers, tokens, load, pids);
                                rows.add(row);
                                progress.accept("store bench: " + StoreBenchReport.summary(row));
                            }
                            if (peer != null && scenario.peerName() != null) {
                                Row row = StoreBenchMeasure.peerRow(repeat, scenario, conc, knobs, peer);
                                rows.add(row);
                                progress.accept("store bench: " + StoreBenchReport.summary(row));
                            }
                        }
                    }
                }
            }
        } finally {
            if (peer != null) {
                peer.close();
            }
            if (!knobs.keepData()) {
                delete(knobs.workDir().resolve("data"));
            }
        }
        return new Report(knobs, rows, seeding);
    }

    /** Which run this is: for the plan, the log's name and the unique client message ids. */
    record Run(int repeat, int number, Scenario scenario, String store, int connections) {
        String name() {
            return String.format(Locale.ROOT, "%02d-%s-%d-%s", number, scenario.name(), connections, store);
        }
    }

    /** The scenarios asked for, in the order given; the operations of the app come from mobile-contracts. */
    static List<Scenario> chosen(Knobs knobs, Path root) {
        Path operations = root.resolve("mobile-contracts/src/main/graphql");
        Map<String, Scenario> known = new LinkedHashMap<>();
        known.put("floor", new Scenario("floor", "floor", "{ apiInfo { schemaVersion } }", Map.of(),
                "\"schemaVersion\"", "gql-health"));
        // The contract's MyRecords, asking for the fields the peer's gql-records returns (notes for its body).
        known.put("newest20", new Scenario("newest20", "read", "query MyRecords($first: Int) { myRecords(first: "
                + "$first) { edges { node { mission kind title notes createdAt } } } }", Map.of("first", PAGE),
                "\"edges\":[", "gql-records"));
        // The same request offered at a fixed rate (PACED_RATE, the target's 1,000 a second): its latency when the
        // server is not saturated, which is what the p99 target asks of it.
        known.put("newest20paced", known.get("newest20").paced("newest20paced", knobs.pacedRate()));
        known.put("homeScreen", new Scenario("homeScreen", "read", read(operations.resolve(
                "records/MissionSummary.graphql")), Map.of(), "\"missions\":[", null));
        // Sent as apps send it: the operation, then the shared fragment it spreads.
        known.put("myRecords", new Scenario("myRecords", "read", read(operations.resolve(
                "records/MyRecords.graphql")) + "\n" + read(operations.resolve("records/RecordFields.graphql")),
                Map.of("first", PAGE), "\"edges\":[", null));
        known.put("send", new Scenario("send", "send", read(operations.resolve("messaging/SendMessage.graphql")),
                Map.of(), "\"userErrors\":[]", null));
        return knobs.scenarios().stream().map(name -> Optional.ofNullable(known.get(name)).orElseThrow(
                () -> new IllegalArgumentException("unknown scenario " + name + " (known: " + known.keySet() + ")")))
                .toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the operation " + file, e);
        }
    }

    /**
     * The repository's root: the nearest folder up from the working directory with {@code backend/} and
     * {@code mobile-contracts/} (Maven runs the bench from {@code bench/}).
     */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("backend")) && Files.isDirectory(dir.resolve("mobile-contracts"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run the store bench from inside the repository (bash bench/store-bench.sh)");
    }

    static void recreate(Path dir) {
        delete(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}
