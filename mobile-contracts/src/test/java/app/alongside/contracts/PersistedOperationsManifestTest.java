package app.alongside.contracts;

import app.alongside.contracts.fixtures.Contracts;
import app.alongside.contracts.fixtures.Manifest;
import app.alongside.contracts.fixtures.Operation;
import app.alongside.contracts.fixtures.Schemas;
import app.alongside.platform.graphql.PersistedQueries;
import graphql.ParseAndValidate;
import graphql.language.Document;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code persisted-query-manifest.json} lists every operation with its hash, as generated from the {@code .graphql}
 * files; {@code -Dcontracts.update=true} regenerates it. The 0.2 manifest {@code persisted-operations.json} stays
 * as published: its documents must still run.
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

    @Test
    void legacyManifestDocumentsStayValid() {
        GraphQLSchema schema = Schemas.current();
        List<String> invalid = new ArrayList<>();
        for (Map<String, String> entry : legacyEntries()) {
            Document document = Parser.parse(entry.get("document"));
            ParseAndValidate.validate(schema, document).forEach(error -> invalid.add(entry.get("name") + ": "
                    + error.getMessage()));
            assertEquals(entry.get("sha256"), PersistedQueries.sha256(entry.get("document")), entry.get("name"));
        }
        assertEquals(List.of(), invalid, Contracts.LEGACY_MANIFEST + " holds documents the schema no longer runs");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> legacyEntries() {
        try {
            Map<String, Object> root = JsonbBuilder.create().fromJson(Files.readString(Contracts.LEGACY_MANIFEST,
                    StandardCharsets.UTF_8), Map.class);
            return (List<Map<String, String>>) root.get("operations");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
