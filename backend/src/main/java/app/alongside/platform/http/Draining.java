package app.alongside.platform.http;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Graceful stop. Counts requests in flight; once draining starts, readiness reports DOWN (so a load balancer
 * sends no more), new requests get 503 with {@code Connection: close}, and the stop waits until the requests in
 * flight have finished or the grace period is over. Helidon's own stop would cut them off.
 */
public final class Draining implements HealthCheck {
    private static final byte[] BODY = ("{\"errors\":[{\"message\":\"The server is restarting. Try again shortly.\","
            + "\"extensions\":{\"code\":\"SERVICE_UNAVAILABLE\"}}]}").getBytes(StandardCharsets.UTF_8);

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object idle = new Object();
    private volatile boolean draining;

    public Filter filter() {
        return (chain, req, res) -> {
            if (draining && !req.prologue().uriPath().path().startsWith("/observe")) {
                res.status(Status.SERVICE_UNAVAILABLE_503).header(HeaderNames.CONNECTION, "close")
                        .header(HeaderNames.RETRY_AFTER, "5")
                        .header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8").send(BODY);
                return;
            }
            inFlight.incrementAndGet();
            try {
                chain.proceed();
            } finally {
                if (inFlight.decrementAndGet() == 0) {
                    synchronized (idle) {
                        idle.notifyAll();
                    }
                }
            }
        };
    }

    /** Refuses new requests from now on and waits up to {@code grace} for those in flight; true if they finished. */
    public boolean drain(Duration grace) {
        draining = true;
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (idle) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    idle.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "accepting-requests";
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.builder().status(!draining).detail("inFlight", inFlight.get()).build();
    }
}
