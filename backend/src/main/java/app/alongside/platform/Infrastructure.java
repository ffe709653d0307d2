package app.alongside.platform;

import app.alongside.platform.config.Settings;
import app.alongside.platform.observe.CachedGauges;
import app.alongside.platform.observe.Meters;
import app.alongside.platform.observe.Tracing;
import app.alongside.platform.observe.TracingCommandListener;
import app.alongside.platform.store.EmbeddedMongo;
import app.alongside.platform.store.Store;
import com.google.firebase.FirebaseApp;
import com.mongodb.event.CommandListener;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsCommandListener;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsConnectionPoolListener;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the server runs on, opened before any module and closed after them all: the store (the embedded default
 * in its data directory, or {@code MONGODB_URI}), the meters and the tracer (the driver reports every command to
 * both) with the gauges read from the store, and the one Firebase app. A failure part way closes what was opened.
 */
public final class Infrastructure implements AutoCloseable {
    private final EmbeddedMongo embedded;
    private final Store store;
    private final Meters meters;
    private final Tracing tracing;
    private final CachedGauges gauges;
    private final Optional<FirebaseApp> firebase;

    private Infrastructure(EmbeddedMongo embedded, Store store, Meters meters, Tracing tracing,
                           Optional<FirebaseApp> firebase) {
        this.embedded = embedded;
        this.store = store;
        this.meters = meters;
        this.tracing = tracing;
        this.gauges = meters == null ? null : new CachedGauges(meters);
        this.firebase = firebase;
    }

    /** @param listeners told of every database command besides the meters and the tracer (tests count them) */
    public static Infrastructure open(Settings settings, List<CommandListener> listeners) {
        Optional<String> uri = settings.get("mongodb.uri");
        EmbeddedMongo embedded = uri.isEmpty() ? EmbeddedMongo.start(Path.of(settings.string("data-dir"))) : null;
        Tracing tracing = null;
        Store store = null;
        try {
            Meters meters = Meters.global();
            tracing = Tracing.create(settings.get("otel.exporter.otlp.endpoint"), settings.string("otel.service-name"));
            List<CommandListener> all = new ArrayList<>(listeners);
            all.add(new MongoMetricsCommandListener(meters.registry()));
            all.add(new TracingCommandListener(tracing.tracer()));
            store = Store.connect(uri.orElseGet(() -> embedded.connectionString()), settings.string("mongodb.database"),
                    all, List.of(new MongoMetricsConnectionPoolListener(meters.registry())));
            return new Infrastructure(embedded, store, meters, tracing,
                    Firebase.start(Firebase.Settings.from(settings)));
        } catch (RuntimeException | Error e) {
            new Infrastructure(embedded, store, null, tracing, Optional.empty()).close();
            throw e;
        }
    }

    public boolean embedded() {
        return embedded != null;
    }

    public Store store() {
        return store;
    }

    public Meters meters() {
        return meters;
    }

    public Tracing tracing() {
        return tracing;
    }

    /** The gauges read from the store (queue depths, service levels), refreshed in the background once started. */
    public CachedGauges gauges() {
        return gauges;
    }

    public Optional<FirebaseApp> firebase() {
        return firebase;
    }

    @Override
    public void close() {
        if (gauges != null) {
            gauges.close();
        }
        firebase.ifPresent(Firebase::stop);
        if (store != null) {
            store.close();
        }
        if (embedded != null) {
            embedded.close();
        }
        if (tracing != null) {
            tracing.close();
        }
    }
}
