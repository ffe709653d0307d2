package app.alongside.platform;

import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.TestServer;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A database that cannot be reached keeps the server up but not ready, until the database appears. */
class StoreUnavailableIT {
    private static final long RECOVERY_WAIT_MS = 30_000;

    @Test
    void serverStartsNotReadyButAliveAndRecoversWhenTheDatabaseAppears() throws IOException, InterruptedException {
        int port = freePort();
        String uri = "mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=300";
        try (TestServer server = TestServer.startOn(uri, Map.of())) {
            Http http = server.http();
            Reply ready = http.get("/observe/health/ready", null);
            assertEquals(503, ready.status(), ready.body());
            assertEquals("DOWN", ready.json().get("status"));
            Reply live = http.get("/observe/health/live", null);
            assertEquals(200, live.status(), live.body());
            assertEquals("UP", live.json().get("status"));
            assertEquals(503, http.get("/observe/health", null).status());
            assertEquals(Map.of("__typename", "Query"), http.graphql("{ __typename }").data());
            Reply signIn = http.post("/auth/login", "application/json", "application/json",
                    "{\"email\":\"a@example.test\",\"password\":\"not yet\"}");
            assertEquals(503, signIn.status(), "no sign-in before the store is ready: " + signIn.body());
            assertEquals(List.of("SERVICE_UNAVAILABLE"), signIn.errorCodes());

            MongoServer mongo = new MongoServer(new MemoryBackend());
            try {
                mongo.bind("127.0.0.1", port);
                assertEquals(200, waitForReady(http), "not ready after the database came up");
            } finally {
                mongo.shutdownNow();
            }
        }
    }

    /** Polls readiness: the store schema retries with backoff, so recovery takes a few seconds. */
    private static int waitForReady(Http http) throws InterruptedException {
        long deadline = System.currentTimeMillis() + RECOVERY_WAIT_MS;
        int status = http.get("/observe/health/ready", null).status();
        while (status != 200 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            status = http.get("/observe/health/ready", null).status();
        }
        return status;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
