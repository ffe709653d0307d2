package app.alongside.platform.http;

import app.alongside.platform.core.ApiException;
import app.alongside.platform.observe.Meters;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Token buckets (Bucket4j) per key, e.g. per client address or per account: {@code capacity} attempts, refilled
 * evenly over {@code period}. Buckets live in this instance's memory, bounded in number; behind a load balancer
 * each instance limits on its own, which still bounds guessing to instances × capacity.
 */
public final class RateLimiter {
    private static final int MAX_KEYS = 100_000;

    private final String name;
    private final long capacity;
    private final Duration period;
    private final Map<String, Bucket> buckets = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_KEYS;
        }
    });

    private final io.micrometer.core.instrument.Counter refusals;

    public RateLimiter(String name, long capacity, Duration period) {
        this.refusals = io.micrometer.core.instrument.Counter.builder("rate.limit.refusals")
                .description("Requests refused by a rate limit, by limit").tag("limit", name)
                .register(Meters.global().registry());
        this.name = name;
        this.capacity = capacity;
        this.period = period;
    }

    /** Takes one token for {@code key}, or throws {@link ErrorCode#RATE_LIMITED} with the seconds to wait. */
    public void acquire(String key) {
        Bucket bucket = buckets.computeIfAbsent(name + ":" + key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build()).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            refusals.increment();
            long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
            throw ApiException.rateLimited(seconds);
        }
    }

    /** Acquires for every key (e.g. the address and the account); the first that is exhausted throws. */
    public void acquireAll(List<String> keys) {
        keys.forEach(this::acquire);
    }
}
