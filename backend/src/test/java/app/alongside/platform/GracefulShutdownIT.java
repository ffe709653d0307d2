package app.alongside.platform;

import app.alongside.App;
import app.alongside.fixtures.EmbeddedServer;
import app.alongside.fixtures.Http;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * App.close() lets requests in flight finish while refusing new ones, stops the server, then closes the store so
 * its file reopens cleanly. A request in flight is held there by its body: the server's {@code 100 Continue}
 * proves the handler is reading it when close() begins.
 */
class GracefulShutdownIT {
    private static final String BODY = "{\"query\":\"{ __typename }\"}";

    @TempDir
    Path dir;

    @Test
    void closeWithAClientStillConnectedReturnsAndTheStoreReopensWithTheLastWrite() throws Exception {
        App app = EmbeddedServer.start(dir);
        Http http = EmbeddedServer.http(app);
        assertEquals(200, http.graphql("{ __typename }").status(), "leaves a keep-alive connection open");
        app.store().db().getCollection("notes").insertOne(new Document("_id", "before-close"));
        CompletableFuture.runAsync(app::close).get(20, TimeUnit.SECONDS);
        try (App reopened = EmbeddedServer.start(dir)) {
            assertNotNull(reopened.store().db().getCollection("notes").find(new Document("_id", "before-close"))
                    .first());
        }
    }

    @Test
    void requestInFlightFinishesBeforeTheServerStops() throws Exception {
        App app = EmbeddedServer.start(dir, Map.of("SHUTDOWN_GRACE_SECONDS", "10"));
        CompletableFuture<Void> closing;
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            out.write(("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json\r\nExpect: 100-continue\r\nContent-Length: " + BODY.length()
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("HTTP/1.1 100 Continue", in.readLine());
            in.readLine();

            closing = CompletableFuture.runAsync(app::close);
            awaitDraining(EmbeddedServer.http(app));
            out.write(BODY.getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertEquals("HTTP/1.1 200 OK", in.readLine());
            assertEquals("{\"data\":{\"__typename\":\"Query\"}}", readBody(in));
        }
        closing.get(20, TimeUnit.SECONDS);
    }

    /** Waits until close() has begun: new requests get 503 and readiness is DOWN, while ours is still open. */
    private static void awaitDraining(Http http) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            if (http.graphql("{ __typename }").status() == 503) {
                assertEquals(503, http.get("/observe/health/ready", null).status());
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("new requests are still served after close() began");
    }

    /** The body after the status line, by its Content-Length. */
    private static String readBody(BufferedReader in) throws IOException {
        int length = -1;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        char[] body = new char[Math.max(length, 0)];
        int read = 0;
        while (read < body.length) {
            int n = in.read(body, read, body.length - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        return new String(body, 0, read);
    }
}
