package app.alongside.bench;

import app.alongside.fixtures.AuthEmulator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the home-screen scenario from rotting: a small population (3 young people, 30 records each, 2 clients)
 * for about a second on each store, against the Firebase Auth emulator (started here when none is listening).
 */
class HomeScreenSmokeTest {

    @Test
    void bothStoresAnswerTheSeededHomeScreenWithoutErrors() {
        AuthEmulator.get();
        Options options = new Options(Duration.ZERO, Duration.ofSeconds(1), List.of(1), List.of(HomeScreen.NAME));
        List<HomeScreen.Row> rows = new HomeScreen(3, 30, 2).run(options, progress -> { });
        String table = HomeScreen.table(options, rows);
        assertEquals(List.of("memory", "h2 file"), rows.stream().map(HomeScreen.Row::store).toList(), table);
        for (HomeScreen.Row row : rows) {
            assertEquals(0, row.figures().errors(), table);
            assertTrue(row.figures().requests() > 0, table);
        }
        assertTrue(table.contains("p99 < 50 ms: "), table);
    }
}
