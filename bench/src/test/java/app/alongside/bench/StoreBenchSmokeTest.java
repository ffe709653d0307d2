package app.alongside.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the store bench from rotting: the whole harness (sign-ups on the Auth emulator, seeding both stores, the
 * packaged server started on each, the check before loading, autocannon) with 20 young people x 20 records and a
 * second of each scenario, one server process per store for all of them ({@code RESTART=never}) to keep it short. Needs {@code backend/target/backend.jar}, which the reactor build packages before this
 * module's tests run, and node with npm (autocannon is installed with {@code npm ci} the first time).
 */
class StoreBenchSmokeTest {

    @Test
    void everyScenarioRunsOnBothStoresWithoutFailedRequests() {
        Path root = StoreBench.root();
        StoreBench.Knobs knobs = StoreBench.Knobs.fromEnv(Map.of("USERS", "20", "PER_USER", "20",
                "CONNECTIONS", "4", "WARMUP", "0", "DURATION", "1", "WRITERS", "2", "RESTART", "never",
                "WORK_DIR", root.resolve("bench/target/store-bench-smoke").toString()), root);
        StoreBench.Report report = StoreBench.run(knobs, root, progress -> { });
        String table = StoreBenchReport.table(report);
        List<String> expected = List.of("floor default", "floor memory", "newest20 default", "newest20 memory",
                "newest20paced default", "newest20paced memory", "homeScreen default", "homeScreen memory",
                "send default", "send memory");
        assertEquals(expected, report.rows().stream().map(r -> r.scenario() + " " + r.store()).toList(), table);
        assertFalse(report.failed(), table);
        assertTrue(report.rows().stream().mapToLong(StoreBench.Row::requests).sum() > 0, table);
        assertTrue(report.rows().stream().allMatch(r -> r.cpu().containsKey("server")), table);
        assertEquals(report.rows().size(), StoreBenchReport.jsonLines(report).size(), table);
        assertTrue(table.contains(">= 1000/s: "), table);
        assertTrue(table.contains("1000/s offered, p99 <= 100 ms: "), table);
    }
}
