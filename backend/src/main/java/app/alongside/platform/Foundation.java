package app.alongside.platform;

import app.alongside.platform.config.Settings;
import app.alongside.platform.http.ClientAddresses;
import app.alongside.platform.observe.CachedGauges;
import app.alongside.platform.observe.Meters;
import app.alongside.platform.observe.Tracing;
import app.alongside.platform.store.Idempotency;
import com.mongodb.client.MongoDatabase;

import java.time.Clock;

/**
 * What every module stands on: the settings (each module reads its own node), the database, the clock, the
 * idempotency store every mutation shares, the meters and tracer, the gauges read from the store, the client
 * address rule and the largest page a connection serves.
 */
public record Foundation(Settings settings, MongoDatabase db, Clock clock, Idempotency idempotency, Meters meters,
                         Tracing tracing, CachedGauges gauges, ClientAddresses addresses, int maxPage) {
    /** The foundation on {@code infrastructure}'s store, meters and gauges. */
    public static Foundation of(Settings settings, Clock clock, Infrastructure infrastructure) {
        MongoDatabase db = infrastructure.store().db();
        return new Foundation(settings, db, clock, new Idempotency(db, clock), infrastructure.meters(),
                infrastructure.tracing(), infrastructure.gauges(), ClientAddresses.from(settings),
                settings.integer("graphql.max-page-size", 1, 1000));
    }
}
