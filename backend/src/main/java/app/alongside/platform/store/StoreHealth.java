package app.alongside.platform.store;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;

import java.nio.charset.StandardCharsets;

/** Readiness: the database answers a ping and its indexes and migrations are in place. */
public final class StoreHealth implements HealthCheck {
    private static final byte[] STARTING = ("{\"errors\":[{\"message\":\"The server is starting. Try again shortly.\","
            + "\"extensions\":{\"code\":\"SERVICE_UNAVAILABLE\"}}]}").getBytes(StandardCharsets.UTF_8);
    private final Store store;
    private final StoreSchema schema;

    public StoreHealth(Store store, StoreSchema schema) {
        this.store = store;
        this.schema = schema;
    }

    /**
     * Refuses sign-ins ({@code /auth/*}) with 503 {@code SERVICE_UNAVAILABLE} until the schema, migrations and
     * bootstrap are done: before that, an admin being created would be told their password is wrong.
     */
    public static Filter signInsOnceReady(StoreSchema schema) {
        return (chain, req, res) -> {
            if (!schema.ready() && req.prologue().uriPath().path().startsWith("/auth/")) {
                res.status(Status.SERVICE_UNAVAILABLE_503).header(HeaderNames.RETRY_AFTER, "1")
                        .header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8").send(STARTING);
                return;
            }
            chain.proceed();
        };
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
