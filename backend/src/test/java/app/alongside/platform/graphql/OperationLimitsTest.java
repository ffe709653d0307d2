package app.alongside.platform.graphql;

import app.alongside.platform.config.Settings;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.ErrorCode;
import graphql.introspection.IntrospectionQuery;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The static limits on one operation, on parsed documents: no schema, no server. */
class OperationLimitsTest {
    private static final OperationLimits LIMITS = new OperationLimits(15, 20, 2000, 100);

    @Test
    void depthOverTheLimitIsRejectedBeforeExecution() {
        OperationLimits limits = new OperationLimits(3, 20, 2000, 100);
        assertDoesNotThrow(() -> check(limits, "{ a { b { c } } }", Map.of()));
        ApiException e = assertThrows(ApiException.class, () -> check(limits, "{ a { b { c { d } } } }", Map.of()));
        assertLimit(e, "depth", 3);
    }

    @Test
    void aliasesOverTheLimitAreRejected() {
        OperationLimits limits = new OperationLimits(15, 2, 2000, 100);
        assertDoesNotThrow(() -> check(limits, "{ x: a y: a }", Map.of()));
        assertLimit(assertThrows(ApiException.class, () -> check(limits, "{ x: a y: a z: a }", Map.of())),
                "aliases", 2);
    }

    @Test
    void costCountsEveryFieldTimesTheEnclosingPageSizes() {
        OperationLimits limits = new OperationLimits(15, 20, 1000, 100);
        assertDoesNotThrow(() -> check(limits, "{ list(first: 99) { id name } }", Map.of()));
        assertLimit(assertThrows(ApiException.class,
                () -> check(limits, "{ list(first: 50) { id inner(first: 20) { id } } }", Map.of())), "cost", 1000);
    }

    @Test
    void aConnectionWithoutFirstCountsItsDefaultPage() {
        OperationLimits limits = new OperationLimits(15, 20, 50, 100);
        assertDoesNotThrow(() -> check(limits, "{ list { id name } }", Map.of()), "not a connection: counts once");
        assertLimit(assertThrows(ApiException.class,
                () -> check(limits, "{ list { edges { node { id name } } } }", Map.of())), "cost", 50);
    }

    @Test
    void pageSizeOverTheLimitIsBadUserInputNamingTheField() {
        ApiException e = assertThrows(ApiException.class,
                () -> check(LIMITS, "{ orgs: organisations(first: 101) { id } }", Map.of()));
        assertEquals(ErrorCode.BAD_USER_INPUT, e.code());
        assertEquals(List.of("orgs", "first"), e.toExtensions().get("field"));
        assertEquals("pageSize", e.toExtensions().get("limit"));
        assertEquals(100, e.toExtensions().get("maximum"));
        assertThrows(ApiException.class, () -> check(LIMITS, "{ organisations(last: -1) { id } }", Map.of()));
    }

    @Test
    void pageSizeFromAVariableIsChecked() {
        String query = "query Q($n: Int) { organisations(first: $n) { id } }";
        assertDoesNotThrow(() -> check(LIMITS, query, Map.of("n", 100)));
        assertEquals(ErrorCode.BAD_USER_INPUT,
                assertThrows(ApiException.class, () -> check(LIMITS, query, Map.of("n", 101))).code());
    }

    @Test
    void pageSizeFromAVariableDefaultIsChecked() {
        String query = "query Q($n: Int = 500) { organisations(first: $n) { id } }";
        assertEquals(ErrorCode.BAD_USER_INPUT,
                assertThrows(ApiException.class, () -> check(LIMITS, query, Map.of())).code());
        assertDoesNotThrow(() -> check(LIMITS, query, Map.of("n", 5)));
    }

    @Test
    void fragmentSpreadsAreCountedWhereverTheyAreSpread() {
        OperationLimits limits = new OperationLimits(4, 3, 2000, 100);
        String twoAliases = "fragment F on T { x: a y: a }";
        assertDoesNotThrow(() -> check(limits, "{ ...F } " + twoAliases, Map.of()));
        assertLimit(assertThrows(ApiException.class, () -> check(limits, "{ ...F t { ...F } } " + twoAliases,
                Map.of())), "aliases", 3);
        String deep = "{ a { ...G } } fragment G on T { b { ... on T { c { d { e } } } } }";
        assertLimit(assertThrows(ApiException.class, () -> check(limits, deep, Map.of())), "depth", 4);
        assertEquals(ErrorCode.BAD_USER_INPUT, assertThrows(ApiException.class, () -> check(limits,
                "{ ...P } fragment P on T { organisations(first: 1000) { id } }", Map.of())).code());
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fragmentsSpreadTwiceInAChainStopAtTheCostLimitInsteadOfExpandingExponentially() {
        StringBuilder query = new StringBuilder("{ ...F0 }");
        int levels = 60;
        for (int i = 0; i < levels; i++) {
            query.append(" fragment F").append(i).append(" on T { ...F").append(i + 1).append(" ...F").append(i + 1)
                    .append(" }");
        }
        query.append(" fragment F").append(levels).append(" on T { __typename }");
        assertLimit(assertThrows(ApiException.class, () -> check(LIMITS, query.toString(), Map.of())), "cost",
                2000);
    }

    @Test
    void theStandardIntrospectionQueryPassesWithTheDefaults() {
        assertDoesNotThrow(() -> check(defaults(), IntrospectionQuery.INTROSPECTION_QUERY, Map.of()));
    }

    private static final graphql.schema.GraphQLSchema SCHEMA = graphql.schema.idl.UnExecutableSchemaGenerator
            .makeUnExecutableSchema(new graphql.schema.idl.SchemaParser().parse("""
                    type Query { nodes(ids: [ID!]!): [Node]! thing: Thing }
                    interface Node { id: ID! }
                    type A implements Node { id: ID! a1: String a2: String a3: String }
                    type B implements Node { id: ID! b1: String }
                    type Thing { history: [Version!] }
                    type Version { v: Int }
                    """));

    private static void check(OperationLimits limits, String query, Map<String, Object> variables,
                              graphql.schema.GraphQLSchema schema) {
        Document document = Parser.parse(query);
        Map<String, FragmentDefinition> fragments = document.getDefinitionsOfType(FragmentDefinition.class).stream()
                .collect(Collectors.toMap(FragmentDefinition::getName, f -> f));
        limits.check(document.getDefinitionsOfType(OperationDefinition.class).getFirst(), fragments, variables,
                schema);
    }

    @Test
    void aListArgumentCountsItsLengthAndTypedFragmentsAreAlternatives() {
        String query = "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on A { a1 a2 a3 } ... on B { b1 } } }";
        Map<String, Object> fifty = Map.of("ids", java.util.Collections.nCopies(50, "x"));
        assertDoesNotThrow(() -> check(new OperationLimits(15, 20, 201, 100), query, fifty, SCHEMA));
        assertLimit(assertThrows(ApiException.class, () -> check(new OperationLimits(15, 20, 200, 100), query,
                fifty, SCHEMA)), "cost", 200);
        assertDoesNotThrow(() -> check(new OperationLimits(15, 20, 5, 100), "{ thing { history { v } } }",
                Map.of(), SCHEMA), "a list field counts 3 items");
        assertThrows(ApiException.class, () -> check(new OperationLimits(15, 20, 4, 100),
                "{ thing { history { v } } }", Map.of(), SCHEMA));
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void alternativesInAChainStopInsteadOfExpandingExponentially() {
        StringBuilder query = new StringBuilder("query($ids: [ID!]!) { nodes(ids: $ids) { ...F0 } }");
        int levels = 60;
        for (int i = 0; i < levels; i++) {
            query.append(" fragment F").append(i).append(" on Node { ... on A { ...F").append(i + 1)
                    .append(" } ... on B { ...F").append(i + 1).append(" } }");
        }
        query.append(" fragment F").append(levels).append(" on Node { id }");
        assertLimit(assertThrows(ApiException.class, () -> check(LIMITS, query.toString(), Map.of("ids",
                List.of("x")), SCHEMA)), "cost", 2000);
    }

    /** The limits App builds from the bundled application.yaml. */
    private static OperationLimits defaults() {
        Settings settings = Settings.load(Map.of());
        return new OperationLimits(settings.integer("graphql.max-depth", 2, 100),
                settings.integer("graphql.max-aliases", 0, 1000), settings.integer("graphql.max-cost", 10, 1_000_000),
                settings.integer("graphql.max-page-size", 1, 1000));
    }

    private static void assertLimit(ApiException e, String limit, int maximum) {
        assertEquals(ErrorCode.QUERY_TOO_COMPLEX, e.code());
        assertEquals(limit, e.toExtensions().get("limit"));
        assertEquals(maximum, e.toExtensions().get("maximum"));
    }

    private static void check(OperationLimits limits, String query, Map<String, Object> variables) {
        Document document = Parser.parse(query);
        Map<String, FragmentDefinition> fragments = document.getDefinitionsOfType(FragmentDefinition.class).stream()
                .collect(Collectors.toMap(FragmentDefinition::getName, f -> f));
        limits.check(document.getDefinitionsOfType(OperationDefinition.class).getFirst(), fragments, variables);
    }
}
