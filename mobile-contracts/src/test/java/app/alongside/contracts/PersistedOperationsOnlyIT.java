package app.alongside.contracts;

import app.alongside.contracts.fixtures.Answers;
import app.alongside.contracts.fixtures.Contracts;
import app.alongside.contracts.fixtures.Operation;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A server that runs only the committed manifest's operations runs each of them by its hash alone. */
class PersistedOperationsOnlyIT {
    private static final String UNPUBLISHED = "query NotPublished { apiInfo { schemaVersion } }";
    private static TestServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("GRAPHQL_PERSISTED_QUERIES_ONLY", "true",
                "GRAPHQL_PERSISTED_QUERIES_MANIFEST", Contracts.MANIFEST.toAbsolutePath().toString())).ready();
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
    void publishedOperationRunsByHashAlone(Operation operation) {
        if (operation.subscription()) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("variables", operation.exampleVariables());
            payload.put("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash",
                    operation.sha256())));
            Answers.assertRanOverWebSocket(operation, server.baseUrl(), payload);
            return;
        }
        Answers.assertRan(operation, byHash(operation.sha256(), operation.exampleVariables()));
    }

    @Test
    void unpublishedOperationIsRefused() {
        Answers.assertRefused("PERSISTED_QUERY_NOT_ALLOWED", http.graphql(UNPUBLISHED));
    }

    @Test
    void unknownHashIsRefused() {
        Answers.assertRefused("PERSISTED_QUERY_NOT_ALLOWED", byHash("0".repeat(64), null));
    }

    private static Reply byHash(String sha256, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (variables != null) {
            body.put("variables", variables);
        }
        body.put("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", sha256)));
        return http.post("/graphql", "application/json", "application/graphql-response+json", Http.toJson(body));
    }
}
