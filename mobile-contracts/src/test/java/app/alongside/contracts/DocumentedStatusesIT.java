package app.alongside.contracts;

import app.alongside.contracts.fixtures.Contracts;
import app.alongside.contracts.fixtures.Docs;
import app.alongside.fixtures.AuthEmulator;
import app.alongside.fixtures.Console;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each status ERRORS.md gives a code is the status the running server sends for it, under
 * {@code Accept: application/graphql-response+json}. {@code RATE_LIMITED} is held by {@link DocumentedLimitsIT};
 * {@code INTERNAL} needs a fault the server does not have, so no test provokes it here.
 */
class DocumentedStatusesIT {
    private static final String JSON = "application/json";
    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    private static final Map<String, String> STATUSES = Docs.statuses();
    private static final Set<String> CHECKED = new TreeSet<>();
    private static TestServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = TestServer.start().ready();
        http = server.http();
    }

    @AfterAll
    static void stop() {
        server.close();
        Set<String> unchecked = new TreeSet<>(STATUSES.keySet());
        unchecked.removeAll(CHECKED);
        assertEquals(Set.of("INTERNAL", "RATE_LIMITED"), unchecked, "codes whose documented status no test here sent");
    }

    @Test
    void requestErrors() {
        assertDocumented("BAD_REQUEST", post(JSON, "not json"));
        assertDocumented("GRAPHQL_PARSE_FAILED", post(JSON, "{\"query\":\"{\"}"));
        assertDocumented("GRAPHQL_VALIDATION_FAILED", post(JSON, "{\"query\":\"{ nope }\"}"));
        assertDocumented("QUERY_TOO_COMPLEX", http.graphql("{ a: __typename b: __typename c: __typename d: "
                + "__typename e: __typename f: __typename g: __typename h: __typename i: __typename j: __typename "
                + "k: __typename l: __typename m: __typename n: __typename o: __typename p: __typename q: __typename "
                + "r: __typename s: __typename t: __typename u: __typename }"));
        assertDocumented("PERSISTED_QUERY_NOT_FOUND", post(JSON, "{\"extensions\":{\"persistedQuery\":{\"version\":1,"
                + "\"sha256Hash\":\"" + "0".repeat(64) + "\"}}}"));
        Reply get = http.get("/graphql?query=" + Http.encode("mutation { __typename }"), GRAPHQL_RESPONSE);
        assertDocumented("METHOD_NOT_ALLOWED", get);
        assertNotNull(get.header("Allow"), "405 names what is allowed");
        assertDocumented("PAYLOAD_TOO_LARGE", post(JSON, "{\"query\":\"{ __typename }\"}" + " ".repeat(200_000)));
        assertDocumented("UNSUPPORTED_MEDIA_TYPE", post("text/plain", "{ __typename }"));
        assertDocumented("BAD_USER_INPUT", 400, http.graphql("query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
                Map.of("ids", Map.of("not", "a list"))));
    }

    @Test
    void persistedOnlyRefusal() {
        try (TestServer only = TestServer.start(Map.of("GRAPHQL_PERSISTED_QUERIES_ONLY", "true",
                "GRAPHQL_PERSISTED_QUERIES_MANIFEST", Contracts.MANIFEST.toAbsolutePath().toString()))) {
            assertDocumented("PERSISTED_QUERY_NOT_ALLOWED", only.http().graphql("{ __typename }"));
        }
    }

    @Test
    void credentialsAndAccess() {
        assertDocumented("UNAUTHENTICATED", 401, http.send(http.request("/graphql").header("Content-Type", JSON)
                .header("Accept", GRAPHQL_RESPONSE).header("Authorization", "Bearer not-a-token")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"}"))));
        assertDocumented("UNAUTHENTICATED", 200, http.graphql("{ myRecords { edges { cursor } } }"));
        Console admin = Console.signIn(http, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        assertDocumented("FORBIDDEN", 403, admin.graphqlWithoutCsrf("{ viewer { __typename } }"));
        assertDocumented("FORBIDDEN", 200, admin.graphql("{ myRecords { edges { cursor } } }"));
        Reply missing = admin.graphql("mutation($id: ID!) { updateOrganisation(input: {organisationId: $id, name: "
                + "\"Renamed\"}) { userErrors { code } } }", Map.of("id", "T3JnYW5pc2F0aW9uOm5vbmU"));
        assertEquals("NOT_FOUND", Ops.<List<Map<String, Object>>>at(missing, "updateOrganisation", "userErrors")
                .getFirst().get("code"), missing.body());
        assertStatusDocumented("NOT_FOUND", missing.status());
        List<String> ids = IntStream.rangeClosed(0, 100).mapToObj(i -> "id" + i).toList();
        assertDocumented("BAD_USER_INPUT", 200, http.graphql("query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
                Map.of("ids", ids)));
        Map<String, Object> council = Ops.input(Map.of("name", "Twice Council", "kind", "LOCAL_AUTHORITY",
                "servesLocalAuthorityIds", List.of()));
        admin.graphql(Ops.CREATE_ORGANISATION, council);
        Reply twice = admin.graphql(Ops.CREATE_ORGANISATION, council);
        assertEquals("CONFLICT", Ops.<List<Map<String, Object>>>at(twice, "createOrganisation", "userErrors")
                .getFirst().get("code"), twice.body());
        assertStatusDocumented("CONFLICT", twice.status());
    }

    @Test
    void passwordSetBySomeoneElse() {
        Console admin = Console.signIn(http, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        Reply council = admin.graphql(Ops.CREATE_ORGANISATION, Ops.input(Map.of("name", "First Password Council",
                "kind", "LOCAL_AUTHORITY", "servesLocalAuthorityIds", List.of())));
        String councilId = Ops.at(council, "createOrganisation", "organisation", "id");
        admin.graphql(Ops.CREATE_STAFF, Ops.input(Map.of("organisationId", councilId, "name", "Ola",
                "email", "ola@example.test", "role", "LA_WORKER", "password", "a first password to change")));
        Console ola = Console.signIn(http, "ola@example.test", "a first password to change");
        Reply held = ola.graphql("{ youngPeople(first: 5) { edges { cursor } } }");
        assertDocumented("PASSWORD_CHANGE_REQUIRED", 200, held);
    }

    @Test
    void storeUnreachable() {
        String uri = "mongodb://127.0.0.1:9/?serverSelectionTimeoutMS=300";
        try (TestServer down = TestServer.startOn(uri, Map.of())) {
            String token = AuthEmulator.get().signUp().idToken();
            Reply reply = down.http().send(down.http().request("/graphql").header("Content-Type", JSON)
                    .header("Accept", GRAPHQL_RESPONSE).header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ viewer { __typename } }\"}")));
            assertDocumented("SERVICE_UNAVAILABLE", reply);
        }
    }

    private static Reply post(String contentType, String body) {
        return http.post("/graphql", contentType, GRAPHQL_RESPONSE, body);
    }

    /** As below, and the status is {@code expected}: the one ERRORS.md gives for this case. */
    private static void assertDocumented(String code, int expected, Reply reply) {
        assertEquals(expected, reply.status(), code + ": " + reply.body());
        assertDocumented(code, reply);
    }

    /** The reply carries {@code code}, with a status ERRORS.md gives that code. */
    private static void assertDocumented(String code, Reply reply) {
        assertTrue(reply.errorCodes().contains(code), code + ": " + reply.status() + " " + reply.body());
        assertStatusDocumented(code, reply.status());
    }

    private static synchronized void assertStatusDocumented(String code, int status) {
        String documented = STATUSES.get(code);
        assertNotNull(documented, code + " has no HTTP status in ERRORS.md");
        Matcher statuses = Pattern.compile("\\b[1-5]\\d\\d\\b").matcher(documented);
        Set<Integer> allowed = new TreeSet<>();
        while (statuses.find()) {
            allowed.add(Integer.parseInt(statuses.group()));
        }
        assertTrue(allowed.contains(status), code + " came with " + status + "; ERRORS.md says: " + documented);
        CHECKED.add(code);
    }
}
