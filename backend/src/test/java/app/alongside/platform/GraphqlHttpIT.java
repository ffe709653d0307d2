package app.alongside.platform;

import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.ServerExtension;
import app.alongside.platform.graphql.PlatformWiring;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GraphQL over HTTP against the real server: media types, methods, request errors and their codes. */
class GraphqlHttpIT {
    private static final String JSON = "application/json";
    private static final String GQL = "application/graphql-response+json";
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.plain();
    private final Http http = SERVER.http();

    @Test
    void answersAQueryInTheMediaTypeAsked() {
        Reply modern = http.post("/graphql", JSON, GQL, "{\"query\":\"{ apiInfo { schemaVersion } }\"}");
        assertEquals(200, modern.status());
        assertTrue(modern.header("Content-Type").startsWith(GQL));
        assertEquals(PlatformWiring.SCHEMA_VERSION, ((Map<?, ?>) modern.data().get("apiInfo")).get("schemaVersion"));

        Reply legacy = http.post("/graphql", JSON, JSON, "{\"query\":\"{ __typename }\"}");
        assertTrue(legacy.header("Content-Type").startsWith(JSON));
        assertEquals(Map.of("__typename", "Query"), legacy.data());
    }

    @Test
    void getRunsQueriesWithJsonVariables() {
        String query = Http.encode("query Q($name: String!) { __type(name: $name) { name } }");
        Reply reply = http.get("/graphql?query=" + query + "&variables=" + Http.encode("{\"name\":\"ApiInfo\"}"), null);
        assertEquals(200, reply.status());
        assertEquals(Map.of("name", "ApiInfo"), reply.data().get("__type"));
    }

    @Test
    void mutationOverGetIsRefusedWith405() {
        Reply reply = http.get("/graphql?query=" + Http.encode("mutation { __typename }"), GQL);
        assertEquals(405, reply.status());
        assertEquals("POST", reply.header("Allow"));
        assertEquals(List.of("METHOD_NOT_ALLOWED"), reply.errorCodes());
    }

    @Test
    void malformedJsonIs400UnderEitherMediaType() {
        Reply reply = http.post("/graphql", JSON, GQL, "{ \"not a JSON");
        assertEquals(400, reply.status());
        assertEquals(List.of("BAD_REQUEST"), reply.errorCodes());
        assertNull(reply.json().get("data"));
        Reply legacy = http.post("/graphql", JSON, JSON, "{ \"not a JSON");
        assertEquals(400, legacy.status());
        assertEquals(List.of("BAD_REQUEST"), legacy.errorCodes());
    }

    @Test
    void wrongContentTypeIs415() {
        Reply reply = http.post("/graphql", "text/plain", GQL, "{\"query\":\"{ __typename }\"}");
        assertEquals(415, reply.status());
        assertEquals(List.of("UNSUPPORTED_MEDIA_TYPE"), reply.errorCodes());
        assertEquals(415, http.post("/graphql", "application/json; charset=latin1", GQL, "{}").status());
    }

    @Test
    void oversizedBodyIs413() {
        String big = "{\"query\":\"{ __typename }\",\"variables\":{\"pad\":\"" + "x".repeat(110_000) + "\"}}";
        Reply reply = http.post("/graphql", JSON, GQL, big);
        assertEquals(413, reply.status());
        assertEquals(List.of("PAYLOAD_TOO_LARGE"), reply.errorCodes());
    }

    @Test
    void missingQueryUnknownOperationAndBatchAreRequestErrors() {
        assertCode(http.post("/graphql", JSON, GQL, "{\"notquery\":\"{ __typename }\"}"), 400, "BAD_REQUEST");
        assertCode(http.post("/graphql", JSON, GQL, "{\"query\":\"query A { __typename }\",\"operationName\":\"B\"}"),
                400, "GRAPHQL_VALIDATION_FAILED");
        assertCode(http.post("/graphql", JSON, GQL, "[{\"query\":\"{ __typename }\"}]"), 400, "BAD_REQUEST");
        assertCode(http.post("/graphql", JSON, GQL, "{\"query\":\"{\"}"), 400, "GRAPHQL_PARSE_FAILED");
        assertCode(http.post("/graphql", JSON, GQL, "{\"query\":\"{ nope }\"}"), 400, "GRAPHQL_VALIDATION_FAILED");
        assertCode(http.post("/graphql", JSON, GQL, "{\"query\":\"{ __typename }\",\"variables\":[1]}"), 400,
                "BAD_REQUEST");
    }

    @Test
    void variablesOfTheWrongTypeAreBadUserInput() {
        Reply wrong = http.graphql("query Q($b: Boolean!) { __typename @include(if: $b) }", Map.of("b", "yes"));
        assertEquals(400, wrong.status());
        assertEquals(List.of("BAD_USER_INPUT"), wrong.errorCodes());
        assertNull(wrong.json().get("data"));
    }

    @Test
    void otherMethodsAre405() {
        Reply reply = http.send(http.request("/graphql").method("PUT", HttpRequest.BodyPublishers.noBody()));
        assertEquals(405, reply.status());
        assertEquals("GET, POST", reply.header("Allow"));
    }

    @Test
    void unknownNodeIdsAreNullNotErrors() {
        Reply reply = http.graphql("{ node(id: \"bm9wZTox\") { id } nodes(ids: [\"???\"]) { id } }");
        assertEquals(200, reply.status());
        assertNull(reply.data().get("node"));
        assertEquals(java.util.Collections.singletonList(null), reply.data().get("nodes"));
    }

    @Test
    void everyResponseCarriesSecurityHeadersAndARequestId() {
        Reply reply = http.send(http.request("/graphql?query=" + Http.encode("{ __typename }"))
                .header("X-Request-Id", "abc-123"));
        assertEquals("abc-123", reply.header("X-Request-Id"));
        assertEquals("nosniff", reply.header("X-Content-Type-Options"));
        assertEquals("no-referrer", reply.header("Referrer-Policy"));
        assertNull(reply.header("Server"));
        Reply generated = http.get("/observe/health", null);
        assertNotNull(generated.header("X-Request-Id"));
        Reply hostile = http.send(http.request("/observe/health").header("X-Request-Id", "bad id {\"$gt\": 1}"));
        assertFalse(hostile.header("X-Request-Id").contains(" "), "an unsafe id is replaced, not echoed");
        Reply tooLong = http.send(http.request("/observe/health").header("X-Request-Id", "x".repeat(200)));
        assertTrue(tooLong.header("X-Request-Id").length() <= 64);
    }

    private static void assertCode(Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals(List.of(code), reply.errorCodes(), reply.body());
    }
}
