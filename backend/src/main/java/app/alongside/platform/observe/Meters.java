package app.alongside.platform.observe;

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
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The meters published at {@code /observe/metrics}: a Micrometer Prometheus registry whose timers are histograms
 * with fixed buckets (they add up across instances, where summaries do not). Every timer made here or by a library
 * (the MongoDB driver's listeners) gets the buckets of {@link #BUCKETS}. Helidon's own metrics are not used: its
 * registry mirrors Micrometer's under a second lock, taken in the opposite order, and deadlocked a stop.
 */
public final class Meters {
    /** From 5 ms to 10 s: a GraphQL answer, a database command, an FCM call. */
    static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    /**
     * The JVM's meters: the JVM and process meters describe the process, so there is one registry per process
     * (several servers in one test JVM share it, as meters of one process).
     */
    private static final Meters GLOBAL = new Meters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));

    private final PrometheusMeterRegistry registry;

    private Meters(PrometheusMeterRegistry registry) {
        this.registry = registry;
        registry.config().meterFilter(histograms());
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    public static Meters global() {
        return GLOBAL;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Answers {@code GET /observe/metrics} with every meter in Prometheus text. */
    public io.helidon.webserver.http.Handler endpoint() {
        return (req, res) -> {
            res.header(io.helidon.http.HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            res.send(registry.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        };
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

    /**
     * The filter that gives every timer the buckets. It must not read this class's static fields: it runs on
     * whichever thread registers a timer, and the JVM's GC notification thread registers one (JvmGcMetrics) while
     * {@link #GLOBAL} may still be under construction. Reading {@link #BUCKETS} there waited for this class's
     * initialisation while holding the registry's lock, which the constructor then waited for: a start that hung
     * for ever before logging that it listens (seen about once in 80 starts). So the buckets are worked out here,
     * once, and the filter keeps its own copy.
     */
    private static MeterFilter histograms() {
        double[] nanos = new double[BUCKETS.length];
        for (int i = 0; i < BUCKETS.length; i++) {
            nanos[i] = BUCKETS[i].toNanos();
        }
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(io.micrometer.core.instrument.Meter.Id id,
                                                         DistributionStatisticConfig config) {
                if (id.getType() != io.micrometer.core.instrument.Meter.Type.TIMER) {
                    return config;
                }
                return DistributionStatisticConfig.builder().percentilesHistogram(false).percentiles()
                        .serviceLevelObjectives(nanos.clone()).build().merge(config);
            }
        };
    }
}
