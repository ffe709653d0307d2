package app.alongside.platform;

import app.alongside.fixtures.EmbeddedServer;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.PackagedServer;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16, as an operator starts and stops the packaged server: a sign-in sent as soon as the server first answers
 * works (it listens only once the schema, migrations and bootstrap admin are done), and every SIGTERM logs the
 * whole stop, however soon after start it comes (the JDK's log manager used to close the handlers first).
 */
class StartStopIT {
    /** The issue asks for 20 stops; {@code -Dstart-stop.stops=N} runs fewer while working on this. */
    private static final int STOPS = Integer.getInteger("start-stop.stops", 20);
    private static final int PARALLEL = 2;
    private static final int SIGTERM_EXIT = 128 + 15;
    private static final String EMAIL = "first.admin@example.test";
    private static final String PASSWORD = "a long and unguessable phrase";

    @TempDir
    Path dir;

    @Test
    void aSignInRightAfterTheFirstAnswerSucceeds() {
        Map<String, String> env = new HashMap<>(EmbeddedServer.env(dir.resolve("data"), Map.of(
                "BOOTSTRAP_ADMIN_EMAIL", EMAIL, "BOOTSTRAP_ADMIN_PASSWORD", PASSWORD)));
        try (PackagedServer server = PackagedServer.listening(env, dir.resolve("first.log"))) {
            Http http = new Http(server.baseUrl());
            Reply first = http.graphql("{ __typename }");
            assertEquals(200, first.status(), first.body());
            Reply signIn = http.post("/auth/login", "application/json", "application/json",
                    Http.toJson(Map.of("email", EMAIL, "password", PASSWORD)));
            assertEquals(200, signIn.status(), signIn.body() + "\n" + server.output());
            assertEquals(200, http.get("/observe/health/ready", null).status(), "ready as soon as it answers");
        }
    }

    @Test
    void everySigtermLogsTheWholeStop() throws Exception {
        MongoServer mongo = new MongoServer(new MemoryBackend());
        String uri = mongo.bindAndGetConnectionString();
        // A few at once: each start is mostly the JVM warming up, and the stops are what is tested.
        try (ExecutorService starts = Executors.newFixedThreadPool(PARALLEL)) {
            List<Future<String>> stops = new ArrayList<>();
            for (int i = 0; i < STOPS; i++) {
                int stop = i;
                stops.add(starts.submit(() -> startAndStop(uri, stop)));
            }
            List<String> missing = new ArrayList<>();
            for (Future<String> stop : stops) {
                String problem = stop.get();
                if (!problem.isEmpty()) {
                    missing.add(problem);
                }
            }
            assertTrue(missing.isEmpty(), missing.size() + " of " + STOPS + " stops did not log the stop:\n"
                    + missing);
        } finally {
            mongo.shutdownNow();
        }
    }

    /** Starts the server, stops it with SIGTERM once it answers; empty when the stop was logged in full. */
    private String startAndStop(String uri, int stop) {
        Map<String, String> env = Map.of("PORT", "0", "HOST", "127.0.0.1", "MONGODB_URI", uri,
                "MONGODB_DATABASE", "stop" + stop, "SHUTDOWN_GRACE_SECONDS", "1");
        try (PackagedServer server = PackagedServer.listening(env, dir.resolve("stop-" + stop + ".log"))) {
            assertEquals(200, new Http(server.baseUrl()).get("/observe/health/live", null).status());
            server.stop();
            String log = server.output();
            if (server.exitValue() != SIGTERM_EXIT || !log.contains("Alongside stopping")
                    || !log.contains("Alongside stopped")) {
                return "stop " + stop + " (exit " + server.exitValue() + "):\n" + log;
            }
            return "";
        }
    }
}
