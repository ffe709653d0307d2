package app.alongside.platform.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A failing count reads -1 without leaving the gauges after it stale. */
class CachedGaugesTest {
    @Test
    void aFailingQueryReadsMinusOneAndTheOthersStillRefresh() {
        Meters meters = Meters.global();
        CachedGauges gauges = new CachedGauges(meters);
        AtomicLong later = new AtomicLong(7);
        gauges.add("cached.gauges.test.first", "first", Tags.empty(), () -> 3);
        gauges.add("cached.gauges.test.failing", "failing", Tags.empty(), () -> {
            throw new IllegalStateException("store down");
        });
        gauges.add("cached.gauges.test.later", "later", Tags.empty(), later::get);

        IllegalStateException thrown = assertThrows(IllegalStateException.class, gauges::refresh);
        assertEquals("store down", thrown.getMessage());
        assertEquals(3.0, value(meters, "cached.gauges.test.first"));
        assertEquals(-1.0, value(meters, "cached.gauges.test.failing"));
        assertEquals(7.0, value(meters, "cached.gauges.test.later"), "a gauge after the failing one is refreshed");

        later.set(9);
        assertThrows(IllegalStateException.class, gauges::refresh);
        assertEquals(9.0, value(meters, "cached.gauges.test.later"));
    }

    private static double value(Meters meters, String name) {
        Gauge gauge = meters.registry().find(name).gauge();
        return gauge.value();
    }
}
