package app.alongside.push;

import app.alongside.platform.observe.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts what became of each push attempt, published at {@code /observe/metrics} as {@code push_outcomes_total}
 * with tags {@code outcome} (sent, retried, failed, dropped) and {@code reason} (an FCM error code or ours).
 */
public final class PushMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public PushMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public static PushMetrics global() {
        return new PushMetrics(Meters.global().registry());
    }

    public void count(String outcome, String reason, int times) {
        if (times <= 0) {
            return;
        }
        String tag = reason == null ? "none" : reason;
        counters.computeIfAbsent(outcome + "|" + tag, key -> Counter.builder("push.outcomes")
                .description("Push notifications by outcome and reason").tags("outcome", outcome, "reason", tag)
                .register(registry)).increment(times);
    }
}
