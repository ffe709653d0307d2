package app.alongside.push;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/**
 * Readiness detail for push: without Firebase credentials pushes wait in the store, which is degraded rather than
 * down (the API itself works, and a laptop needs no credentials), so the check stays UP and says so.
 */
public final class PushHealth implements HealthCheck {
    private final PushDispatcher dispatcher;

    public PushHealth(PushDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "push";
    }

    @Override
    public HealthCheckResponse call() {
        boolean sending = dispatcher.canSend();
        return HealthCheckResponse.builder().status(true)
                .detail("degraded", !sending)
                .detail("sender", sending ? "fcm" : "none: pushes stay pending until Firebase credentials are set")
                .build();
    }
}
