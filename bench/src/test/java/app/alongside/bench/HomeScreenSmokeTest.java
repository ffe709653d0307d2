package app.alongside.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Keeps the home-screen scenario from rotting: a small population (3 young people, 30 records each, 2 clients)
 * for about a second on each store. It needs the Firebase Auth emulator the backend's tests start on port 9099.
 */
class HomeScreenSmokeTest {

    @Test
    void bothStoresAnswerTheSeededHomeScreenWithoutErrors() {
        assumeTrue(emulatorListening(), "the Auth emulator is not running on 127.0.0.1:9099");
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

    private static boolean emulatorListening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 9099), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
