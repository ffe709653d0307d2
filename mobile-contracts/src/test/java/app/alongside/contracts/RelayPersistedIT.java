package app.alongside.contracts;

import app.alongside.contracts.fixtures.Answers;
import app.alongside.contracts.fixtures.Contracts;
import app.alongside.contracts.fixtures.Operation;
import app.alongside.contracts.fixtures.Relay;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.TestServer;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A Relay app's own persisted queries: relay-compiler rewrites every document (its own printing, ids added), so
 * none of its ids is in the published manifest. A server in persisted-only mode given the manifest relay-compiler
 * wrote, beside the published one, runs every operation by Relay's id alone.
 */
class RelayPersistedIT {
    private static TestServer server;
    private static Http http;
    private static Map<String, String> relayIds;

    @BeforeAll
    static void start() throws IOException {
        Relay.Compilation compilation = Relay.compile("persisted-it", Files.readString(Contracts.SCHEMA,
                StandardCharsets.UTF_8));
        assertEquals(0, compilation.exitCode(), compilation.output());
        Path manifest = Path.of("target", "relay", "persisted-it", "persisted-queries.json").toAbsolutePath();
        relayIds = compilation.persisted().entrySet().stream().collect(Collectors.toMap(
                entry -> RelayCompilerTest.nameOf(entry.getValue()), Map.Entry::getKey));
        server = TestServer.start(Map.of("GRAPHQL_PERSISTED_QUERIES_ONLY", "true",
                "GRAPHQL_PERSISTED_QUERIES_MANIFEST", Contracts.MANIFEST.toAbsolutePath() + "," + manifest)).ready();
        http = server.http();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<Operation> operations() {
        return Operation.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void runsByRelaysIdAlone(Operation operation) {
        String id = relayIds.get(operation.name());
        Map<String, Object> payload = new LinkedHashMap<>();
        if (operation.exampleVariables() != null) {
            payload.put("variables", operation.exampleVariables());
        }
        payload.put("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", id)));
        if (operation.subscription()) {
            Answers.assertRanOverWebSocket(operation, server.baseUrl(), payload);
            return;
        }
        Answers.assertRan(operation, http.post("/graphql", "application/json", "application/graphql-response+json",
                JsonbBuilder.create().toJson(payload)));
    }

}
