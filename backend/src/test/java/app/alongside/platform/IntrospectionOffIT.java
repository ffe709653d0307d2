package app.alongside.platform;

import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** GRAPHQL_INTROSPECTION=false: the schema cannot be read through the API, in any disguise; the API still works. */
class IntrospectionOffIT {
    private static TestServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("GRAPHQL_INTROSPECTION", "false"));
        http = server.http();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void schemaAndTypeQueriesAreRefusedAsValidationFailures() {
        for (String query : List.of("{ __schema { types { name } } }", "{ __type(name: \"Query\") { name } }",
                "{ s: __schema { queryType { name } } }",
                "{ ...F } fragment F on Query { __schema { types { name } } }",
                "{ ... on Query { __type(name: \"ApiInfo\") { fields { name } } } }",
                "{ apiInfo { schemaVersion } __type(name: \"Query\") { name } }")) {
            Reply reply = http.graphql(query);
            assertEquals(400, reply.status(), query + " -> " + reply.body());
            assertEquals(List.of("GRAPHQL_VALIDATION_FAILED"), reply.errorCodes(), query + " -> " + reply.body());
            assertNull(reply.json().get("data"), query + " -> " + reply.body());
        }
    }

    @Test
    void ordinaryQueriesStillWork() {
        Reply reply = http.graphql("{ __typename apiInfo { schemaVersion } }");
        assertEquals(200, reply.status(), reply.body());
        assertEquals("Query", reply.data().get("__typename"));
        assertEquals(200, http.get("/graphql?query=" + Http.encode("{ apiInfo { schemaVersion } }"), null).status());
    }

    @Test
    void errorsSuggestNoFieldNames() {
        for (String query : List.of("{ apiInf { schemaVersion } }", "{ apiInfo { schemaVersio } }",
                "{ node(idd: \"x\") { id } }", "{ organisations(kind: LOCAL_AUTHORIT) { pageInfo { hasNextPage } } }",
                "{ ... on Querry { __typename } }")) {
            Reply reply = http.graphql(query);
            assertEquals(400, reply.status(), reply.body());
            assertEquals(Set.of("GRAPHQL_VALIDATION_FAILED"), Set.copyOf(reply.errorCodes()), reply.body());
            assertFalse(reply.body().contains("Did you mean"), reply.body());
        }
    }
}
