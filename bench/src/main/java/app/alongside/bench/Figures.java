package app.alongside.bench;

import java.time.Duration;
import java.util.Arrays;

/**
 * What one side did at one concurrency during the measured period: requests completed per second, latency
 * percentiles (nearest rank) in milliseconds, and how many requests failed (not 200, or no answer) in the whole
 * run, warm-up included; {@code firstError} says what the first failure was.
 */
public record Figures(long requests, double perSecond, double p50Millis, double p99Millis, long errors,
                      String firstError) {

    /** From the latencies (nanoseconds) of the requests started in a measured period of length {@code measured}. */
    static Figures of(long[] latencies, Duration measured, long errors, String firstError) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        double seconds = measured.toNanos() / 1e9;
        return new Figures(sorted.length, sorted.length / seconds, percentile(sorted, 0.50),
                percentile(sorted, 0.99), errors, firstError);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(rank, 1) - 1] / 1e6;
    }
}
