package app.alongside.contracts;

import app.alongside.contracts.fixtures.Contracts;
import app.alongside.contracts.fixtures.SchemaChanges;
import app.alongside.contracts.fixtures.Schemas;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schema apps were built against is {@code schema-baseline.graphqls}; the current schema may add to it but not
 * break it. {@code -Dcontracts.update=true} makes the current schema the new baseline.
 */
class SchemaBaselineTest {
    @Test
    void currentSchemaBreaksNothingInTheBaseline() throws IOException {
        String current = Schemas.print(Schemas.current());
        if (Contracts.updating()) {
            Files.writeString(Contracts.BASELINE, current, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(Contracts.BASELINE), () -> Contracts.BASELINE + " is missing; write it with "
                + Contracts.UPDATE_COMMAND);
        String baseline = Files.readString(Contracts.BASELINE, StandardCharsets.UTF_8);
        SchemaChanges changes = SchemaChanges.between(baseline, current);
        assertTrue(changes.breaking().isEmpty(), () -> "The schema breaks apps built against "
                + Contracts.BASELINE + ":\n  - " + String.join("\n  - ", changes.breaking())
                + "\nRestore what they use (deprecate instead of removing), or, if this break is agreed with the app"
                + " builders, accept it with " + Contracts.UPDATE_COMMAND);
        if (!baseline.equals(current)) {
            System.out.println("The schema has changed without breaking apps; refresh " + Contracts.BASELINE
                    + " with " + Contracts.UPDATE_COMMAND + " when the change is published."
                    + (changes.dangerous().isEmpty() ? "" : " Apps should be ready for:\n  - "
                    + String.join("\n  - ", changes.dangerous())));
        }
    }
}
