package app.alongside.privacy.retention;

import app.alongside.fixtures.TestServer;
import app.alongside.platform.config.StartupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A deployer's rules file with a mistake stops the server before it serves anything, saying what to fix. */
class RetentionStartIT {
    @Test
    void aRulesFileWithAnUnknownCollectionStopsTheStart(@TempDir Path dir) throws IOException {
        String shipped = new String(RetentionRules.class.getResourceAsStream(RetentionRules.RESOURCE).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        Path file = dir.resolve("rules.json");
        Files.writeString(file, shipped.replace("\"collection\": \"invites\"", "\"collection\": \"invitations\""));
        StartupException e = assertThrows(StartupException.class,
                () -> TestServer.start(Map.of("PRIVACY_RETENTION_RULES", file.toString())));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("(invitations): the platform stores no collection of that name"),
                e.getMessage());
        assertTrue(e.getMessage().contains("collection invites has no rule"), e.getMessage());
    }

    @Test
    void aRulesFileThatIsNotThereStopsTheStart(@TempDir Path dir) {
        StartupException e = assertThrows(StartupException.class, () -> TestServer.start(Map.of(
                "PRIVACY_RETENTION_RULES", dir.resolve("missing.json").toString())));
        assertTrue(e.getMessage().contains("PRIVACY_RETENTION_RULES"), e.getMessage());
    }
}
