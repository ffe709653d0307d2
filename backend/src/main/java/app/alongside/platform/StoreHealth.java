package app.alongside.platform;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/** Readiness: the database answers a ping and its indexes and migrations are in place. */
public final class StoreHealth implements HealthCheck {
    private final Store store;
    private final StoreSchema schema;

    public StoreHealth(Store store, StoreSchema schema) {
        this.store = store;
        this.schema = schema;
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "mongodb";
    }

    @Override
    public HealthCheckResponse call() {
        boolean reachable = store.ping();
        boolean ready = schema.ready();
        return HealthCheckResponse.builder()
                .status(reachable && ready)
                .detail("reachable", reachable)
                .detail("schemaReady", ready)
                .build();
    }
}
