package app.alongside.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps the messaging bench from rotting: a few subscriptions and messages, every event delivered once. */
class MessagingBenchSmokeTest {
    @Test
    void everyMessageReachesEverySubscriberOnce() {
        MessagingBench.Options options = new MessagingBench.Options(6, 3, 20, Duration.ofSeconds(1),
                Duration.ofMillis(200));
        MessagingBench.Result result = MessagingBench.run(options, progress -> { });
        String report = MessagingBench.report(options, result);
        assertEquals(20, result.sent(), report);
        assertEquals(40, result.expected(), report);
        assertEquals(0, result.sendErrors(), report);
        assertEquals(0, result.lost(), report);
        assertEquals(0, result.duplicated(), report);
        assertTrue(report.contains("p99"), report);
    }
}
