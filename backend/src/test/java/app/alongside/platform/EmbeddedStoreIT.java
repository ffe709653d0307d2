package app.alongside.platform;

import app.alongside.App;
import app.alongside.fixtures.EmbeddedServer;
import app.alongside.platform.config.StartupException;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded store under DATA_DIR: what it keeps across restarts and how it refuses a bad directory. */
class EmbeddedStoreIT {
    @TempDir
    Path dir;

    @Test
    void documentWrittenThroughTheDriverSurvivesARestart() {
        Document written = new Document("_id", "n1").append("text", "kept").append("count", 3).append("big", 1L << 40)
                .append("ratio", 0.5).append("done", true).append("at", new Date(1_700_000_000_000L))
                .append("none", null).append("oid", new ObjectId()).append("amount", Decimal128.parse("12.50"))
                .append("tags", List.of("a", "b")).append("inner", new Document("depth", List.of(new Document())));
        try (App app = EmbeddedServer.start(dir)) {
            assertEquals(200, EmbeddedServer.http(app).get("/graphql?query=%7B__typename%7D", null).status());
            app.store().db().getCollection("notes").insertOne(written);
        }
        try (App again = EmbeddedServer.start(dir)) {
            Document found = again.store().db().getCollection("notes").find(new Document("_id", "n1")).first();
            assertEquals(written, found, "the document after a restart");
        }
    }

    @Test
    void missingDataDirIsCreated() {
        Path nested = dir.resolve("not/there/yet");
        try (App app = EmbeddedServer.start(nested)) {
            assertTrue(Files.isRegularFile(nested.resolve("alongside.mv.db")));
        }
    }

    @Test
    void dataDirThatIsARegularFileIsRefusedNamingThePath() throws IOException {
        Path file = Files.writeString(dir.resolve("data"), "not a directory");
        StartupException e = assertThrows(StartupException.class, () -> EmbeddedServer.start(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void corruptStoreFileIsRefusedNamingThePath() throws IOException {
        byte[] garbage = new byte[64 * 1024];
        new java.util.Random(42).nextBytes(garbage);
        Path file = Files.write(dir.resolve("alongside.mv.db"), garbage);
        StartupException e = assertThrows(StartupException.class, () -> EmbeddedServer.start(dir));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void secondServerOnTheSameDirectoryIsRefusedNamingThePath() {
        try (App first = EmbeddedServer.start(dir)) {
            StartupException e = assertThrows(StartupException.class, () -> EmbeddedServer.start(dir));
            assertTrue(e.getMessage().contains(dir.resolve("alongside.mv.db").toString()), e.getMessage());
        }
    }

    @Test
    void failedStartReleasesTheStoreFile() {
        assertThrows(StartupException.class, () -> EmbeddedServer.start(dir, Map.of("GRAPHQL_MAX_DEPTH", "deep")));
        try (App app = EmbeddedServer.start(dir)) {
            assertTrue(app.port() > 0);
        }
    }
}
