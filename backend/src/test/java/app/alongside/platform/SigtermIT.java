package app.alongside.platform;

import app.alongside.App;
import app.alongside.Main;
import app.alongside.fixtures.EmbeddedServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real Main in its own JVM, stopped with SIGTERM the way a container runtime stops it: it exits, and a write
 * made just before the signal is in the store file, because the shutdown hook closed the store cleanly.
 */
class SigtermIT {
    private static final Pattern STORE_PORT = Pattern.compile("embedded store .* listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern HTTP_PORT = Pattern.compile("Alongside listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final int SIGTERM_EXIT = 128 + 15;
    /** The test classpath's logging-test.properties would hide the INFO lines that give the ports. */
    private static final String LOGGING = """
            handlers=java.util.logging.ConsoleHandler
            java.util.logging.ConsoleHandler.level=ALL
            .level=WARNING
            app.alongside.level=INFO
            """;

    @TempDir
    Path dir;

    @Test
    void sigtermStopsTheServerAndKeepsTheLastWrite() throws Exception {
        Path log = dir.resolve("server.log");
        Path data = dir.resolve("data");
        Path logging = Files.writeString(dir.resolve("logging.properties"), LOGGING);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.util.logging.config.file=" + logging, "-cp", System.getProperty("java.class.path"),
                Main.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(EmbeddedServer.env(data, java.util.Map.of()));
        Process server = builder.start();
        try {
            String storePort = awaitLogged(log, STORE_PORT, server);
            awaitLogged(log, HTTP_PORT, server);
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + storePort)) {
                client.getDatabase("alongside").getCollection("notes").insertOne(new Document("_id", "last"));
            }
            server.destroy();
            assertTrue(server.waitFor(15, TimeUnit.SECONDS), "the server did not stop on SIGTERM");
            assertEquals(SIGTERM_EXIT, server.exitValue(), () -> read(log));
        } finally {
            server.destroyForcibly();
        }
        try (App reopened = EmbeddedServer.start(data)) {
            assertNotNull(reopened.store().db().getCollection("notes").find(new Document("_id", "last")).first(),
                    "the write made just before SIGTERM is lost");
        }
    }

    /** The first group of {@code pattern} once the server has logged it. */
    private static String awaitLogged(Path log, Pattern pattern, Process server) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && server.isAlive()) {
            Matcher matcher = pattern.matcher(read(log));
            if (matcher.find()) {
                return matcher.group(1);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server never logged " + pattern + ":\n" + read(log));
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
