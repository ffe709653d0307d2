package app.alongside.platform;

import app.alongside.fixtures.Http;
import app.alongside.fixtures.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With {@code OBSERVE_PORT} set, health and metrics are served on that port only: the public port, which apps and
 * browsers reach, no longer shows the platform's internals.
 */
class ObservePortIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.with(Map.of("OBSERVE_PORT", Integer.toString(freePort())));

    @Test
    void healthAndMetricsAreOnTheObservePortAndNotThePublicOne() {
        Http publicPort = SERVER.http();
        Http observe = new Http("http://127.0.0.1:" + SERVER.server().app().observePort());
        assertNotEquals(SERVER.server().app().port(), SERVER.server().app().observePort());
        assertEquals(404, publicPort.get("/observe/metrics", "text/plain").status());
        assertEquals(404, publicPort.get("/observe/health", null).status());
        assertEquals(200, publicPort.graphql("{ __typename }").status(), "the API stays where it was");
        assertEquals(200, observe.get("/observe/health/ready", null).status());
        assertTrue(observe.get("/observe/metrics", "text/plain").body().contains("# TYPE jvm_memory_used_bytes"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
