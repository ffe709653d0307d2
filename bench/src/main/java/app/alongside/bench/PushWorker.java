package app.alongside.bench;

import app.alongside.App;
import app.alongside.fixtures.TestPushSource;
import app.alongside.platform.config.Settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.logging.LogManager;

/**
 * One server instance for the push fan-out bench, in its own JVM so that it can be killed for real
 * ({@code kill -9}): the real App with its push dispatcher, on the bench's store, sending through the real Admin
 * SDK to the bench's fake FCM. Prints {@code READY} once it serves. Arguments: the MongoDB URI, the FCM URL, the
 * senders and the fake's certificate (PEM).
 */
public final class PushWorker {
    private PushWorker() {
    }

    public static void main(String[] args) {
        try (InputStream config = PushWorker.class.getResourceAsStream("/bench-logging.properties")) {
            LogManager.getLogManager().readConfiguration(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = Map.of("PORT", "0", "HOST", "127.0.0.1", "MONGODB_URI", args[0],
                "FIREBASE_PROJECT_ID", "demo-bench", "FCM_ENDPOINT", args[1], "PUSH_LEASE_SECONDS",
                PushFanOut.LEASE_SECONDS, "PUSH_POLL_INTERVAL_MS", "50", "PUSH_SENDERS", args[2],
                "SHUTDOWN_GRACE_SECONDS", "0", "FCM_ENDPOINT_CA", args[3]);
        App.start(Settings.load(env), Clock.systemUTC(), new App.Extras(List.of(), List.of(new TestPushSource())));
        System.out.println("READY");
        System.out.flush();
    }
}
