package app.alongside.contracts;

import app.alongside.contracts.fixtures.Answers;
import app.alongside.contracts.fixtures.Docs;
import app.alongside.contracts.fixtures.Operation;
import app.alongside.fixtures.BadValues;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every default in the guide's Limits table is the running server's: just over it gets the documented status,
 * code and {@code extensions}, and at it the request runs. Every published operation runs at the largest page
 * size the guide allows, within the default cost.
 */
class DocumentedLimitsIT {
    private static final String JSON = "application/json";
    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    private static final Map<String, Docs.Limit> LIMITS = Docs.limits();
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
    }

    static List<Operation> pagedOperations() {
        return Operation.all().stream().filter(op -> op.source().contains("$first:") || op.source().contains("$last:"))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pagedOperations")
    void runsAtTheLargestPageSize(Operation operation) {
        long largest = limit("GRAPHQL_MAX_PAGE_SIZE").byDefault();
        for (String argument : List.of("first", "last")) {
            if (operation.source().contains("$" + argument + ":")) {
                Map<String, Object> variables = new HashMap<>();
                if (operation.exampleVariables() != null) {
                    variables.putAll(operation.exampleVariables());
                }
                variables.remove("first");
                variables.remove("last");
                variables.put(argument, largest);
                Answers.assertRan(operation, http.graphql(operation.document(), variables));
            }
        }
    }

    @Test
    void requestBody() {
        Docs.Limit limit = limit("GRAPHQL_MAX_BODY_BYTES");
        String query = "{\"query\":\"{ __typename }\"}";
        assertEquals(200, post(query + " ".repeat((int) limit.byDefault() - query.length())).status());
        assertOver(limit, post(query + " ".repeat((int) limit.byDefault() - query.length() + 1)), false);
    }

    @Test
    void jsonNesting() {
        Docs.Limit limit = limit("GRAPHQL_MAX_JSON_DEPTH");
        assertEquals(200, post(nestedBody((int) limit.byDefault())).status());
        assertOver(limit, post(nestedBody((int) limit.byDefault() + 1)), true);
    }

    @Test
    void operationDepth() {
        Docs.Limit limit = limit("GRAPHQL_MAX_DEPTH");
        assertEquals(200, http.graphql(deep((int) limit.byDefault())).status());
        assertOver(limit, http.graphql(deep((int) limit.byDefault() + 1)), true);
    }

    @Test
    void aliases() {
        Docs.Limit limit = limit("GRAPHQL_MAX_ALIASES");
        assertEquals(200, http.graphql(aliased((int) limit.byDefault())).status());
        assertOver(limit, http.graphql(aliased((int) limit.byDefault() + 1)), true);
    }

    /** 2^15 = 32,768 fields written out: over the cost, under the fields graphql-java's validation counts. */
    @Test
    void cost() {
        assertOver(limit("GRAPHQL_MAX_COST"), http.graphql(BadValues.fragmentChain(15)), true);
    }

    /** 2^30 fields written out from a few hundred bytes: refused before the cost is counted. */
    @Test
    void fieldsWrittenOut() {
        assertOver(LIMITS.get("fields written out, fragments expanded (graphql-java's validation)"),
                http.graphql(BadValues.fragmentChain(30)), true);
    }

    @Test
    void pageSize() {
        Docs.Limit limit = limit("GRAPHQL_MAX_PAGE_SIZE");
        String page = "{ opportunities(first: %d) { pageInfo { hasNextPage } } }";
        assertNotEquals(List.of("BAD_USER_INPUT"), http.graphql(page.formatted(limit.byDefault())).errorCodes());
        assertOver(limit, http.graphql(page.formatted(limit.byDefault() + 1)), true);
    }

    @Test
    void idsInNodes() {
        Docs.Limit limit = LIMITS.get("ids in `nodes(ids:)`");
        List<String> ids = IntStream.rangeClosed(0, (int) limit.byDefault()).mapToObj(i -> "id" + i).toList();
        Reply over = http.graphql("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", Map.of("ids", ids));
        assertEquals(List.of(code(limit.over())), over.errorCodes(), over.body());
        Reply at = http.graphql("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", Map.of("ids",
                ids.subList(0, (int) limit.byDefault())));
        assertEquals(List.of(), at.errorCodes(), at.body());
    }

    @Test
    void operationsPerRequest() {
        Docs.Limit limit = LIMITS.get("operations per request");
        assertEquals(1, limit.byDefault());
        assertOver(limit, post("[{\"query\":\"{ __typename }\"},{\"query\":\"{ __typename }\"}]"), false);
    }

    /** On a server of its own: it spends the whole minute's budget of this address. */
    @Test
    void requestsPerMinute() {
        Docs.Limit limit = limit("RATE_LIMIT_GRAPHQL_PER_MINUTE");
        try (TestServer own = TestServer.start()) {
            long started = System.nanoTime();
            int answered = 0;
            Reply reply = own.http().post("/graphql", JSON, GRAPHQL_RESPONSE, "{\"query\":\"{ __typename }\"}");
            while (reply.status() == 200 && answered <= 2 * limit.byDefault()) {
                answered++;
                reply = own.http().post("/graphql", JSON, GRAPHQL_RESPONSE, "{\"query\":\"{ __typename }\"}");
            }
            double minutes = (System.nanoTime() - started) / 60e9;
            assertOver(limit, reply, false);
            assertNotNull(reply.header("Retry-After"), "Retry-After");
            assertTrue(answered >= limit.byDefault(), answered + " answered before the first refusal");
            assertTrue(answered <= limit.byDefault() * (1 + minutes) + 1, answered + " answered in " + minutes
                    + " minutes: the budget refills at the documented rate, no faster");
        }
    }

    private static Docs.Limit limit(String variable) {
        return LIMITS.values().stream().filter(l -> l.label().contains("`" + variable + "`")).findFirst()
                .orElseThrow(() -> new AssertionError("the guide's Limits table has no row for " + variable));
    }

    /** The documented status and code, and when {@code withMaximum} the documented limit as the maximum. */
    private static void assertOver(Docs.Limit limit, Reply reply, boolean withMaximum) {
        Matcher status = Pattern.compile("\\b(\\d{3})\\b").matcher(limit.over());
        if (status.find()) {
            assertEquals(Integer.parseInt(status.group(1)), reply.status(), limit.label() + ": " + reply.body());
        }
        assertEquals(List.of(code(limit.over())), reply.errorCodes(), limit.label() + ": " + reply.body());
        Matcher name = Pattern.compile("`extensions.limit` = `(\\w+)`").matcher(limit.over());
        @SuppressWarnings("unchecked")
        Map<String, Object> extensions = (Map<String, Object>) reply.errors().getFirst().get("extensions");
        if (name.find()) {
            assertEquals(name.group(1), extensions.get("limit"), limit.label());
        }
        if (withMaximum) {
            assertEquals(limit.byDefault(), ((Number) extensions.get("maximum")).longValue(), limit.label());
        }
    }

    private static String code(String over) {
        Matcher code = Pattern.compile("`([A-Z_]{4,})`").matcher(over);
        assertTrue(code.find(), over);
        return code.group(1);
    }

    private static Reply post(String body) {
        return http.post("/graphql", JSON, GRAPHQL_RESPONSE, body);
    }

    /** A body whose deepest value is nested {@code depth} levels: the body, {@code extensions}, then arrays. */
    private static String nestedBody(int depth) {
        return "{\"query\":\"{ __typename }\",\"extensions\":{\"x\":" + "[".repeat(depth - 2) + "]".repeat(depth - 2)
                + "}}";
    }

    /** An operation whose deepest field is at {@code depth}: introspection's {@code ofType} nests without end. */
    private static String deep(int depth) {
        return "{ __schema { types { fields { type { " + "ofType { ".repeat(depth - 5) + "name"
                + " }".repeat(depth - 5) + " } } } } }";
    }

    private static String aliased(int count) {
        StringBuilder query = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            query.append(" a").append(i).append(": __typename");
        }
        return query.append(" }").toString();
    }
}
