package app.alongside.contracts;

import app.alongside.contracts.fixtures.Contracts;
import app.alongside.contracts.fixtures.Operation;
import app.alongside.contracts.fixtures.Relay;
import app.alongside.platform.graphql.PersistedQueries;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * relay-compiler 21 compiles every published operation and fragment: against the SDL as written (the domain files
 * as the server reads them) and against {@code schema.graphql}, persisting every operation with its SHA-256 id.
 */
class RelayCompilerTest {
    private static final Pattern NAME = Pattern.compile("^(?:query|mutation|subscription)\\s+(\\w+)");

    @Test
    void compilesEveryOperationAgainstTheSdlAsWritten() {
        Relay.Compilation compilation = Relay.compile("as-written", Relay.sdlAsWritten());
        System.out.println(Relay.version() + " on the SDL as written: exit " + compilation.exitCode() + "\n"
                + compilation.output());
        assertEquals(0, compilation.exitCode(), compilation.output());
    }

    @Test
    void persistsEveryOperationAgainstThePublishedSchema() throws IOException {
        Relay.Compilation compilation = Relay.compile("published", Files.readString(Contracts.SCHEMA,
                StandardCharsets.UTF_8));
        System.out.println(Relay.version() + " on " + Contracts.SCHEMA + ": exit " + compilation.exitCode() + ", "
                + compilation.persisted().size() + " operations persisted\n" + compilation.output());
        assertEquals(0, compilation.exitCode(), compilation.output());
        List<String> expected = Operation.all().stream().map(Operation::name).sorted().toList();
        assertEquals(expected, compilation.persisted().values().stream().map(RelayCompilerTest::nameOf).sorted()
                .toList(), "one persisted text per published operation");
        for (Map.Entry<String, String> entry : compilation.persisted().entrySet()) {
            assertEquals(PersistedQueries.sha256(entry.getValue()), entry.getKey(), "Relay's SHA256 id is the "
                    + "SHA-256 of the text it sends, as the server's APQ check needs");
        }
    }

    static String nameOf(String text) {
        Matcher name = NAME.matcher(text.strip());
        return name.find() ? name.group(1) : text;
    }
}
