package app.alongside.platform.graphql;

import app.alongside.fixtures.BadValues;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.TestServer;
import graphql.introspection.IntrospectionQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Operation limits over HTTP: each is set by its environment variable, and the defaults admit introspection. */
class OperationLimitsIT {
    private static final String DEEP = "{ __schema { types { fields { name } } } }";
    private static final String TWO_ALIASES = "{ a: __typename b: __typename }";
    private static final String ELEVEN_FIELDS = "{ apiInfo { schemaVersion serverTime errorCodes __typename } "
            + "__typename node(id: \"x\") { id __typename } nodes(ids: []) { id } }";
    private static final String PAGE_OF_SIX = "{ organisations(first: 6) { pageInfo { hasNextPage } } }";
    private static TestServer defaults;
    private static TestServer strict;

    @BeforeAll
    static void start() {
        defaults = TestServer.start();
        strict = TestServer.start(Map.of("GRAPHQL_MAX_DEPTH", "3", "GRAPHQL_MAX_ALIASES", "1",
                "GRAPHQL_MAX_COST", "10", "GRAPHQL_MAX_PAGE_SIZE", "5"));
    }

    @AfterAll
    static void stop() {
        defaults.close();
        strict.close();
    }

    @Test
    void standardIntrospectionQueryPassesWithTheDefaults() {
        Reply reply = defaults.http().graphql(IntrospectionQuery.INTROSPECTION_QUERY);
        assertEquals(200, reply.status(), reply.body());
        assertNotNull(reply.data().get("__schema"));
    }

    @Test
    void depthLimitComesFromGraphqlMaxDepth() {
        assertEquals(200, defaults.http().graphql(DEEP).status());
        assertTooComplex(strict.http().graphql(DEEP), "depth", 3);
    }

    @Test
    void aliasLimitComesFromGraphqlMaxAliases() {
        assertEquals(200, defaults.http().graphql(TWO_ALIASES).status());
        assertTooComplex(strict.http().graphql(TWO_ALIASES), "aliases", 1);
    }

    @Test
    void costLimitComesFromGraphqlMaxCost() {
        assertEquals(200, defaults.http().graphql(ELEVEN_FIELDS).status());
        assertTooComplex(strict.http().graphql(ELEVEN_FIELDS), "cost", 10);
    }

    @Test
    void pageSizeLimitComesFromGraphqlMaxPageSizeAndNamesTheArgument() {
        Reply reply = strict.http().graphql(PAGE_OF_SIX);
        assertEquals(400, reply.status(), reply.body());
        assertEquals(List.of("BAD_USER_INPUT"), reply.errorCodes());
        Map<String, Object> extensions = extensions(reply);
        assertEquals(List.of("organisations", "first"), extensions.get("field"));
        assertEquals("pageSize", extensions.get("limit"));
        assertEquals(5, ((Number) extensions.get("maximum")).intValue());
        assertNull(reply.json().get("data"), "refused before execution");
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fragmentsSpreadTwiceInAChainAreRefusedAsTooComplex() {
        // 2^50 fields written out: validation stops counting at 100,000.
        assertTooComplex(defaults.http().graphql(BadValues.fragmentChain(50)), "fields", 100_000);
        // 2^15 = 32,768 fields written out, each returned: within validation's count, over the cost.
        assertTooComplex(defaults.http().graphql(BadValues.fragmentChain(15)), "cost", 10000);
    }

    private static void assertTooComplex(Reply reply, String limit, int maximum) {
        assertEquals(400, reply.status(), reply.body());
        assertEquals(List.of("QUERY_TOO_COMPLEX"), reply.errorCodes());
        Map<String, Object> extensions = extensions(reply);
        assertEquals(limit, extensions.get("limit"));
        assertEquals(maximum, ((Number) extensions.get("maximum")).intValue());
        assertNull(reply.json().get("data"), "refused before execution");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> extensions(Reply reply) {
        return (Map<String, Object>) reply.errors().getFirst().get("extensions");
    }
}
