package app.alongside.platform;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The meters published at {@code /observe/metrics}: the Micrometer registry behind Helidon's, so that timers are
 * Prometheus histograms with fixed buckets (they add up across instances; Helidon's own timers are summaries).
 * Every timer made here or by a library (the MongoDB driver's listeners) gets the buckets of {@link #BUCKETS}.
 */
public final class Meters {
    /** From 5 ms to 10 s: a GraphQL answer, a database command, an FCM call. */
    static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;

    private Meters(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * The registry Helidon publishes. It is the JVM's (several servers in one test JVM share it), so the JVM meters
     * and the histogram filter are added once.
     */
    public static Meters global() {
        MeterRegistry registry = io.helidon.metrics.api.Metrics.globalRegistry().unwrap(MeterRegistry.class);
        synchronized (Meters.class) {
            if (registry.find("jvm.memory.used").gauge() == null) {
                registry.config().meterFilter(histograms());
                new JvmMemoryMetrics().bindTo(registry);
                new JvmGcMetrics().bindTo(registry);
                new JvmThreadMetrics().bindTo(registry);
                new ClassLoaderMetrics().bindTo(registry);
                new ProcessorMetrics().bindTo(registry);
                new UptimeMetrics().bindTo(registry);
                new FileDescriptorMetrics().bindTo(registry);
            }
        }
        return new Meters(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A histogram timer (the buckets come from the registry's filter). */
    public Timer timer(String name, String description, Tags tags) {
        return Timer.builder(name).description(description).tags(tags).register(registry);
    }

    /**
     * A gauge read at each scrape from {@code value}, which must be cheap (a field, not a query). It replaces a gauge
     * of the same name and tags: the registry is the JVM's, and the newest server's value is the one that counts.
     */
    public void gauge(String name, String description, Tags tags, Supplier<Number> value) {
        registry.find(name).tags(tags).meters().stream().filter(m -> Tags.of(m.getId().getTags()).equals(tags))
                .forEach(registry::remove);
        io.micrometer.core.instrument.Gauge.builder(name, value).description(description).tags(tags)
                .strongReference(true).register(registry);
    }

    private static MeterFilter histograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(io.micrometer.core.instrument.Meter.Id id,
                                                         DistributionStatisticConfig config) {
                if (id.getType() != io.micrometer.core.instrument.Meter.Type.TIMER) {
                    return config;
                }
                double[] nanos = new double[BUCKETS.length];
                for (int i = 0; i < BUCKETS.length; i++) {
                    nanos[i] = BUCKETS[i].toNanos();
                }
                return DistributionStatisticConfig.builder().percentilesHistogram(false).percentiles()
                        .serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }
}
