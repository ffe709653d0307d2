package app.alongside.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps the harness from rotting: every scenario for about a second at concurrency 1, both sides answering. */
class BenchSmokeTest {

    @Test
    void everyScenarioRunsBothSidesWithoutErrors() {
        Options options = new Options(Duration.ZERO, Duration.ofSeconds(1), List.of(1), List.of("all"));
        List<Bench.Row> rows = Bench.run(options, progress -> { });
        assertEquals(Bench.SCENARIOS.size(), rows.size());
        for (Bench.Row row : rows) {
            assertEquals(0, row.errors(), () -> Bench.table(options, rows));
            assertTrue(row.graphql().requests() > 0 && row.bare().requests() > 0, () -> Bench.table(options, rows));
        }
        assertTrue(Bench.table(options, rows).contains("gql/bare"));
    }
}
