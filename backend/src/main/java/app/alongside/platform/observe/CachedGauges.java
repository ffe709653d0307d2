package app.alongside.platform.observe;

import app.alongside.platform.core.Periodic;
import io.micrometer.core.instrument.Tags;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Gauges whose values come from the store (queue depths, service levels): each is a count on an index, run by one
 * background round every {@link #INTERVAL} rather than at every scrape, so any number of scrapers cost the database
 * nothing more. A value is -1 until its first round (readiness comes first) or when its query failed.
 */
public final class CachedGauges implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofSeconds(15);

    private record Entry(LongSupplier query, AtomicLong value) {
    }

    private final Meters meters;
    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final Periodic refresher;

    public CachedGauges(Meters meters) {
        this.meters = meters;
        this.refresher = new Periodic("store-gauges", INTERVAL, this::refresh);
    }

    /** Publishes {@code name} with {@code tags}, its value the last answer of {@code query}. */
    public void add(String name, String description, Tags tags, LongSupplier query) {
        AtomicLong value = new AtomicLong(-1);
        entries.add(new Entry(query, value));
        meters.gauge(name, description, tags, value::get);
    }

    /**
     * Runs every query now (the background round does this every {@link #INTERVAL}). A query that fails reads -1
     * and the others are still refreshed; the first failure is thrown at the end, for the round to log.
     */
    public void refresh() {
        RuntimeException failed = null;
        for (Entry entry : entries) {
            try {
                entry.value().set(entry.query().getAsLong());
            } catch (RuntimeException e) {
                entry.value().set(-1);
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    public CachedGauges start() {
        refresher.start();
        return this;
    }

    @Override
    public void close() {
        refresher.close();
    }
}
