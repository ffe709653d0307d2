package app.alongside.platform;

import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.ServerExtension;
import app.alongside.platform.graphql.PersistedQueries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Automatic persisted queries, Apollo's protocol: a hash alone once the server knows it, over POST and GET. */
class PersistedQueriesIT {
    private static final String JSON = "application/json";
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.plain();
    private final Http http = SERVER.http();

    @Test
    void unknownHashAloneIsPersistedQueryNotFound() {
        Reply reply = post(null, PersistedQueries.sha256("query Unknown { __typename }"));
        assertEquals(List.of("PERSISTED_QUERY_NOT_FOUND"), reply.errorCodes(), reply.body());
        assertEquals("PersistedQueryNotFound", reply.errors().getFirst().get("message"));
    }

    @Test
    void registeredQueryRunsByHashOverPost() {
        String query = "query ByPost { __typename }";
        String hash = PersistedQueries.sha256(query);
        assertEquals(Map.of("__typename", "Query"), post(query, hash).data());
        Reply byHash = post(null, hash);
        assertEquals(200, byHash.status(), byHash.body());
        assertEquals(Map.of("__typename", "Query"), byHash.data());
    }

    @Test
    void registeredQueryRunsByHashOverGet() {
        String query = "query ByGet($name: String!) { __type(name: $name) { name } }";
        String hash = PersistedQueries.sha256(query);
        String extensions = Http.encode(Http.toJson(extensions(hash)));
        String variables = Http.encode("{\"name\":\"ApiInfo\"}");
        Reply unknown = http.get("/graphql?extensions=" + extensions + "&variables=" + variables, JSON);
        assertEquals(List.of("PERSISTED_QUERY_NOT_FOUND"), unknown.errorCodes(), unknown.body());
        Reply register = http.get("/graphql?query=" + Http.encode(query) + "&extensions=" + extensions + "&variables="
                + variables, JSON);
        assertEquals(Map.of("name", "ApiInfo"), register.data().get("__type"), register.body());
        Reply byHash = http.get("/graphql?extensions=" + extensions + "&variables=" + variables, JSON);
        assertEquals(200, byHash.status(), byHash.body());
        assertEquals(Map.of("name", "ApiInfo"), byHash.data().get("__type"));
    }

    @Test
    void hashThatDoesNotMatchTheQueryIsBadRequest() {
        Reply reply = post("query Mismatch { __typename }", PersistedQueries.sha256("query Other { __typename }"));
        assertEquals(List.of("BAD_REQUEST"), reply.errorCodes(), reply.body());
        assertEquals(List.of("PERSISTED_QUERY_NOT_FOUND"),
                post(null, PersistedQueries.sha256("query Mismatch { __typename }")).errorCodes(),
                "a mismatched pair registers nothing");
    }

    @Test
    void malformedPersistedQueryIsBadRequest() {
        String hash = PersistedQueries.sha256("{ __typename }");
        for (Object persisted : List.of("abc", Map.of("version", 1), Map.of("version", 1, "sha256Hash", "abc"),
                Map.of("version", 2, "sha256Hash", hash), Map.of("version", 1, "sha256Hash", hash.toUpperCase()))) {
            Reply reply = send(Map.of("query", "{ __typename }", "extensions", Map.of("persistedQuery", persisted)));
            assertEquals(List.of("BAD_REQUEST"), reply.errorCodes(), persisted + " -> " + reply.body());
        }
    }

    private Reply post(String query, String hash) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (query != null) {
            body.put("query", query);
        }
        body.put("extensions", extensions(hash));
        return send(body);
    }

    private Reply send(Map<String, Object> body) {
        return http.post("/graphql", JSON, JSON, Http.toJson(body));
    }

    private Map<String, Object> extensions(String hash) {
        return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
    }
}
