package app.alongside.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.logging.LogManager;

/**
 * Starts the servers, runs every chosen scenario at every concurrency (GraphQL side, then bare side) and prints
 * the table to stdout, then the {@link HomeScreen} table if it was chosen; progress goes to stderr. Exits 1 when
 * any request failed, since the figures then mean nothing; a ratio or a p99 under its target is reported, not
 * treated as a failure.
 */
public final class Bench {
    /** Every pair the harness knows, in the order they run; {@link HomeScreen} runs after them. */
    static final List<Scenario> SCENARIOS = List.of(new OrganisationsScenario(), new ApiInfoScenario());
    static final double TARGET_RATIO = 0.85;

    /** One line of the table. */
    record Row(String scenario, int concurrency, Figures graphql, Figures bare) {
        double ratio() {
            return graphql.perSecond() / bare.perSecond();
        }

        long errors() {
            return graphql.errors() + bare.errors();
        }
    }

    private Bench() {
    }

    public static void main(String[] args) {
        quietLogging();
        try {
            Options options = Options.parse(args);
            List<Row> rows = options.chosen(SCENARIOS).isEmpty() ? List.of() : run(options, System.err::println);
            if (!rows.isEmpty()) {
                System.out.print(table(options, rows));
            }
            List<HomeScreen.Row> home = options.wants(HomeScreen.NAME)
                    ? HomeScreen.full().run(options, System.err::println) : List.of();
            if (!home.isEmpty()) {
                System.out.print((rows.isEmpty() ? "" : System.lineSeparator()) + HomeScreen.table(options, home));
            }
            OpportunitiesBench.Result opportunities = options.wants(OpportunitiesBench.NAME)
                    ? new OpportunitiesBench().run(options, System.err::println) : null;
            if (opportunities != null) {
                System.out.print(System.lineSeparator() + OpportunitiesBench.table(options, opportunities));
            }
            boolean failed = rows.stream().anyMatch(r -> r.errors() > 0)
                    || home.stream().anyMatch(r -> r.figures().errors() > 0)
                    || (opportunities != null && opportunities.search().errors() > 0);
            System.exit(failed ? 1 : 0);
        } catch (RuntimeException | AssertionError e) {
            // Exit for sure: the in-memory store's threads would otherwise keep the JVM alive.
            e.printStackTrace();
            System.exit(2);
        }
    }

    static List<Row> run(Options options, Consumer<String> progress) {
        List<Scenario> chosen = options.chosen(SCENARIOS);
        Load load = new Load(options.warmup(), options.measure());
        try (Servers servers = Servers.start(chosen)) {
            List<Row> rows = new ArrayList<>();
            for (Scenario scenario : chosen) {
                Scenario.Requests requests = scenario.prepare(servers);
                int most = options.concurrency().stream().max(Integer::compare).orElse(1);
                progress.accept("bench: " + scenario.name() + ": warming up both sides ...");
                load.warmUp(requests.graphql(), most);
                load.warmUp(requests.bare(), most);
                for (int concurrency : options.concurrency()) {
                    progress.accept("bench: " + scenario.name() + " at concurrency " + concurrency + " ...");
                    Figures graphql = load.run(requests.graphql(), concurrency);
                    Figures bare = load.run(requests.bare(), concurrency);
                    rows.add(new Row(scenario.name(), concurrency, graphql, bare));
                }
            }
            return rows;
        }
    }

    static String table(Options options, List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Alongside bench: %.1f s warm-up + %.1f s measured per run, "
                        + "Java %s, %d cores, loopback%n%n", options.warmup().toMillis() / 1000.0,
                options.measure().toMillis() / 1000.0, Runtime.version(), Runtime.getRuntime().availableProcessors()));
        out.append(String.format(Locale.ROOT, "%-16s %4s | %9s %8s %8s | %9s %8s %8s | %8s%n", "scenario", "conc",
                "gql req/s", "p50 ms", "p99 ms", "bare r/s", "p50 ms", "p99 ms", "gql/bare"));
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "%-16s %4d | %9.0f %8.2f %8.2f | %9.0f %8.2f %8.2f | %8.2f %s%n",
                    row.scenario(), row.concurrency(), row.graphql().perSecond(), row.graphql().p50Millis(),
                    row.graphql().p99Millis(), row.bare().perSecond(), row.bare().p50Millis(),
                    row.bare().p99Millis(), row.ratio(), row.ratio() >= TARGET_RATIO ? "" : "< " + TARGET_RATIO));
        }
        rows.stream().filter(r -> r.errors() > 0).forEach(r -> out.append(String.format(Locale.ROOT,
                "errors in %s at %d: graphql %d, bare %d; first: %s%n", r.scenario(), r.concurrency(),
                r.graphql().errors(), r.bare().errors(),
                r.graphql().firstError() != null ? r.graphql().firstError() : r.bare().firstError())));
        return out.toString();
    }

    /** Warnings only: the servers' access and start-up lines would drown the table. */
    private static void quietLogging() {
        try (InputStream config = Bench.class.getResourceAsStream("/bench-logging.properties")) {
            LogManager.getLogManager().readConfiguration(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
