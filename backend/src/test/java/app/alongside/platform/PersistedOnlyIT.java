package app.alongside.platform;

import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.TestServer;
import app.alongside.platform.config.StartupException;
import app.alongside.platform.graphql.PersistedQueries;
import app.alongside.platform.graphql.PlatformWiring;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GRAPHQL_PERSISTED_QUERIES_ONLY: the server runs the operations of its manifests and nothing else. Manifests come
 * in Apollo's format, Relay's and the 0.2 one, several at once (the published one and an app's own).
 */
class PersistedOnlyIT {
    private static final String JSON = "application/json";
    private static final String VERSION = "query Version { apiInfo { schemaVersion } }";
    private static final String TYPENAME = "query Typename { __typename }";
    private static final String RELAY = "query RelayClock { apiInfo { serverTime } }";

    @TempDir
    static Path dir;
    private static TestServer server;
    private static Http http;

    @BeforeAll
    static void start() throws IOException {
        Map<String, Object> version = Map.of("id", PersistedQueries.sha256(VERSION), "name", "Version",
                "type", "query", "body", VERSION);
        Path apollo = Files.writeString(dir.resolve("apollo.json"), Http.toJson(Map.of(
                "format", "apollo-persisted-query-manifest", "version", 1, "operations", List.of(version))));
        Path legacy = manifest("manifest.json", List.of(operation("Typename", TYPENAME, TYPENAME)));
        Path relay = Files.writeString(dir.resolve("relay.json"), Http.toJson(Map.of(PersistedQueries.sha256(RELAY),
                RELAY)));
        server = TestServer.start(Map.of("GRAPHQL_PERSISTED_QUERIES_ONLY", "true",
                "GRAPHQL_PERSISTED_QUERIES_MANIFEST", apollo + "," + legacy + ", " + relay));
        http = server.http();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void manifestOperationRunsByHash() {
        Reply reply = send(Map.of("extensions", persisted(PersistedQueries.sha256(VERSION))));
        assertEquals(200, reply.status(), reply.body());
        assertEquals(Map.of("schemaVersion", PlatformWiring.SCHEMA_VERSION), reply.data().get("apiInfo"));
        String get = "/graphql?extensions=" + Http.encode(Http.toJson(persisted(PersistedQueries.sha256(TYPENAME))));
        assertEquals(Map.of("__typename", "Query"), http.get(get, JSON).data());
        Reply relay = send(Map.of("extensions", persisted(PersistedQueries.sha256(RELAY))));
        assertEquals(200, relay.status(), relay.body());
    }

    @Test
    void manifestOperationRunsByFullText() {
        assertEquals(Map.of("__typename", "Query"), send(Map.of("query", TYPENAME)).data());
    }

    @Test
    void anyOtherOperationIsNotAllowed() {
        String other = "query Other { __typename }";
        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("query", other),
                Map.of("query", other, "extensions", persisted(PersistedQueries.sha256(other))),
                Map.of("extensions", persisted(PersistedQueries.sha256(other))))) {
            Reply reply = send(body);
            assertEquals(List.of("PERSISTED_QUERY_NOT_ALLOWED"), reply.errorCodes(), body + " -> " + reply.body());
        }
    }

    @Test
    void manifestWhoseHashDoesNotMatchItsDocumentStopsStartUp() throws IOException {
        Path bad = manifest("bad.json", List.of(operation("Version", VERSION, TYPENAME)));
        StartupException e = assertThrows(StartupException.class, () -> TestServer.start(Map.of(
                "GRAPHQL_PERSISTED_QUERIES_ONLY", "true", "GRAPHQL_PERSISTED_QUERIES_MANIFEST", bad.toString())));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    }

    @Test
    void manifestThatIsNotAManifestStopsStartUp() throws IOException {
        for (String text : List.of("not json", "{\"operations\": {}}", "{\"operations\": [\"query A { a }\"]}",
                "{\"format\": \"apollo-persisted-query-manifest\", \"version\": 2, \"operations\": []}",
                "{\"format\": \"apollo-persisted-query-manifest\", \"version\": 1, \"operations\": [{\"id\": 1}]}",
                "{\"abc\": \"query A { a }\"}", "[]")) {
            Path bad = Files.writeString(dir.resolve("broken.json"), text);
            StartupException e = assertThrows(StartupException.class, () -> TestServer.start(Map.of(
                    "GRAPHQL_PERSISTED_QUERIES_MANIFEST", bad.toString())), text);
            assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        }
    }

    @Test
    void persistedOnlyModeWithoutAManifestStopsStartUp() {
        StartupException e = assertThrows(StartupException.class,
                () -> TestServer.start(Map.of("GRAPHQL_PERSISTED_QUERIES_ONLY", "true")));
        assertTrue(e.getMessage().contains("GRAPHQL_PERSISTED_QUERIES_MANIFEST"), e.getMessage());
    }

    private static Reply send(Map<String, Object> body) {
        return http.post("/graphql", JSON, JSON, Http.toJson(body));
    }

    private static Map<String, Object> persisted(String hash) {
        return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
    }

    private static Map<String, Object> operation(String name, String hashed, String document) {
        return Map.of("name", name, "sha256", PersistedQueries.sha256(hashed), "document", document);
    }

    private static Path manifest(String name, List<Map<String, Object>> operations) throws IOException {
        return Files.writeString(dir.resolve(name), Http.toJson(Map.of("operations", operations)));
    }
}
