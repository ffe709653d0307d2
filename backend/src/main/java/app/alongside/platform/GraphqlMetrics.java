package app.alongside.platform;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Per-operation GraphQL timings and error counts by code, published at {@code /observe/metrics}. Operation names
 * come from clients, so only well-formed names are used as tags and at most {@value #MAX_NAMES} of them; the
 * rest are counted as {@code other}.
 */
public final class GraphqlMetrics {
    private static final int MAX_NAMES = 200;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private final MeterRegistry registry;
    private final Set<String> names = ConcurrentHashMap.newKeySet();
    /** Meters by their tags: looking one up in the registry builds a builder and tag list every time. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public GraphqlMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public static GraphqlMetrics global() {
        return new GraphqlMetrics(Metrics.globalRegistry());
    }

    public void recordOperation(String operationName, String operationType, Duration duration, boolean failed) {
        String operation = tagName(operationName);
        String type = operationType == null ? "unknown" : operationType;
        String outcome = failed ? "error" : "ok";
        timers.computeIfAbsent(operation + "|" + type + "|" + outcome, key -> registry.getOrCreate(
                Timer.builder("graphql.operation")
                        .description("Time to answer one GraphQL operation over HTTP or WebSocket")
                        .tags(List.of(Tag.create("operation", operation), Tag.create("type", type),
                                Tag.create("outcome", outcome))))).record(duration);
    }

    public void recordError(String code) {
        counters.computeIfAbsent(code, key -> registry.getOrCreate(Counter.builder("graphql.errors")
                .description("GraphQL errors returned to clients, by extensions.code")
                .tags(List.of(Tag.create("code", code))))).increment();
    }

    private String tagName(String operationName) {
        if (operationName == null) {
            return "anonymous";
        }
        if (!NAME.matcher(operationName).matches()) {
            return "other";
        }
        if (names.contains(operationName) || (names.size() < MAX_NAMES && names.add(operationName))) {
            return operationName;
        }
        return "other";
    }
}
