package app.alongside.contracts;

import app.alongside.contracts.fixtures.Contracts;
import app.alongside.contracts.fixtures.Manifest;
import app.alongside.contracts.fixtures.Operation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code persisted-operations.json} lists every operation with its hash, as generated from the {@code .graphql}
 * files; {@code -Dcontracts.update=true} regenerates it.
 */
class PersistedOperationsManifestTest {
    @Test
    void committedManifestMatchesTheOperations() throws IOException {
        String expected = Manifest.render(Operation.all());
        if (Contracts.updating()) {
            Files.writeString(Contracts.MANIFEST, expected, StandardCharsets.UTF_8);
            return;
        }
        String regenerate = "regenerate it with " + Contracts.UPDATE_COMMAND;
        assertTrue(Files.exists(Contracts.MANIFEST), () -> Contracts.MANIFEST + " is missing; " + regenerate);
        assertEquals(expected, Files.readString(Contracts.MANIFEST, StandardCharsets.UTF_8),
                () -> Contracts.MANIFEST + " is out of date with the operations; " + regenerate);
    }
}
