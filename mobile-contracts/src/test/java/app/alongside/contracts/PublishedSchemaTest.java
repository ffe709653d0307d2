package app.alongside.contracts;

import app.alongside.contracts.fixtures.Contracts;
import app.alongside.contracts.fixtures.Schemas;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code schema.graphql} is the current schema in one file, printed without type extensions: what Relay, Apollo
 * Kotlin, Apollo iOS and GraphQL Code Generator read. Relay takes a field declared in an {@code extend type} as a
 * client-only field and leaves it out of the text it sends, so tools get this file rather than the domain files.
 */
class PublishedSchemaTest {
    @Test
    void committedSchemaIsTheCurrentSchema() throws IOException {
        String current = Schemas.print(Schemas.current());
        if (Contracts.updating()) {
            Files.writeString(Contracts.SCHEMA, current, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(Contracts.SCHEMA), () -> Contracts.SCHEMA + " is missing; write it with "
                + Contracts.UPDATE_COMMAND);
        String committed = Files.readString(Contracts.SCHEMA, StandardCharsets.UTF_8);
        assertEquals(current, committed, () -> Contracts.SCHEMA + " is out of date with the schema; regenerate it "
                + "with " + Contracts.UPDATE_COMMAND);
        assertFalse(committed.contains("\nextend "), "no type extensions");
    }
}
