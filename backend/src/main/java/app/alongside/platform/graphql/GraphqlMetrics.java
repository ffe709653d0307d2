package app.alongside.platform.graphql;

import app.alongside.platform.observe.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-operation GraphQL timings (a histogram) and error counts by code, published at {@code /observe/metrics}.
 * Operation names come from clients, so a name is a label only when it is one of the operations this server knows
 * (the persisted-query manifests and the console's own documents); any other name is {@code other}, and an operation
 * without a name {@code anonymous}. A client cannot add series by inventing names.
 */
public final class GraphqlMetrics {
    private final Meters meters;
    private final Set<String> known;
    /** Meters by their tags: looking one up in the registry builds a builder and tag list every time. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public GraphqlMetrics(Meters meters, Set<String> knownOperations) {
        this.meters = meters;
        this.known = Set.copyOf(knownOperations);
    }

    /** Labels only anonymous and {@code other} operations (tests that build an engine by hand). */
    public static GraphqlMetrics global() {
        return new GraphqlMetrics(Meters.global(), Set.of());
    }

    public void recordOperation(String operationName, String operationType, Duration duration, boolean failed) {
        String operation = label(operationName);
        String type = operationType == null ? "unknown" : operationType;
        String outcome = failed ? "error" : "ok";
        timers.computeIfAbsent(operation + "|" + type + "|" + outcome, key -> meters.timer("graphql.operation",
                "Time to answer one GraphQL operation over HTTP or WebSocket",
                Tags.of("operation", operation, "type", type, "outcome", outcome))).record(duration);
    }

    public void recordError(String code) {
        counters.computeIfAbsent(code, key -> Counter.builder("graphql.errors")
                .description("GraphQL errors returned to clients, by extensions.code")
                .tags("code", code).register(meters.registry())).increment();
    }

    /** The operation's label: its name when known, else {@code other}; {@code anonymous} without a name. */
    public String label(String operationName) {
        if (operationName == null) {
            return "anonymous";
        }
        return known.contains(operationName) ? operationName : "other";
    }
}
