package app.alongside.identity;

import app.alongside.fixtures.Console;
import app.alongside.fixtures.TestServer;
import app.alongside.platform.config.StartupException;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The first admin comes from configuration once; a weak password stops the start. */
class BootstrapAdminIT {
    @Test
    void aWeakBootstrapPasswordStopsTheServerFromStarting() {
        StartupException e = assertThrows(StartupException.class, () -> TestServer.start(Map.of(
                "BOOTSTRAP_ADMIN_PASSWORD", "password1234")));
        assertTrue(e.getMessage().contains("BOOTSTRAP_ADMIN_PASSWORD"), e.getMessage());
    }

    @Test
    void bootstrapIsANoOpOnceAnAdminExists() {
        MongoServer mongo = new MongoServer(new MemoryBackend());
        String uri = mongo.bindAndGetConnectionString();
        try {
            try (TestServer first = TestServer.startOn(uri, Map.of("BOOTSTRAP_ADMIN_EMAIL", "first@example.test",
                    "BOOTSTRAP_ADMIN_PASSWORD", "amber river lantern")).ready()) {
                assertEquals(200, Console.login(first.http(), "first@example.test", "amber river lantern")
                        .status());
            }
            try (TestServer second = TestServer.startOn(uri, Map.of("BOOTSTRAP_ADMIN_EMAIL", "second@example.test",
                    "BOOTSTRAP_ADMIN_PASSWORD", "copper meadow kettle")).ready()) {
                assertEquals(401, Console.login(second.http(), "second@example.test", "copper meadow kettle")
                        .status());
                assertEquals(200, Console.login(second.http(), "first@example.test", "amber river lantern")
                        .status(), "the first admin and its data survive a restart");
            }
        } finally {
            mongo.shutdownNow();
        }
    }
}
