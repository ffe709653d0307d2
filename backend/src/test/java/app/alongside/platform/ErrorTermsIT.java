package app.alongside.platform;

import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.RecordsOps;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.YoungPersonApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The answers the issue found wrong: values and types in GraphQL's terms, ranges by field, a strict ID. */
class ErrorTermsIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    private static YoungPersonApp app;

    @BeforeAll
    static void setUp() {
        Http http = SERVER.http();
        Platform platform = SERVER.platform();
        app = YoungPersonApp.signUp(http);
        Ops.at(app.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", platform.invite("Ash")[1]))), "redeemInvite");
    }

    private static String message(Reply reply) {
        assertFalse(reply.errors().isEmpty(), reply.body());
        return (String) reply.errors().getFirst().get("message");
    }

    @Test
    void valuesInMessagesAreWrittenAsGraphql() {
        String enumMessage = message(app.graphql("mutation { createGoal(input: {title: \"x\", mission: WRK}) "
                + "{ goal { id } } }"));
        assertTrue(enumMessage.contains("'WRK'") && !enumMessage.contains("EnumValue"), enumMessage);
        String objectMessage = message(app.graphql("mutation { updateMyProfile(input: {prefferedName: \"x\"}) "
                + "{ userErrors { code } } }"));
        assertTrue(objectMessage.contains("{prefferedName: \"x\"}") && !objectMessage.contains("ObjectValue"),
                objectMessage);
        Reply number = app.graphql("mutation($input: CreateGoalInput!) { createGoal(input: $input) { goal { id } } }",
                Ops.input(Map.of("title", 42, "mission", "WORK")));
        assertEquals(List.of("BAD_USER_INPUT"), number.errorCodes(), number.body());
        assertTrue(message(number).contains("'number'") && !message(number).contains("BigDecimal"), number.body());
    }

    @Test
    void anExtremeDateIsBadInputAtItsArgument() {
        Reply reply = app.graphql(RecordsOps.CREATE_GOAL, Ops.input(Map.of("title", "Far", "mission", "WORK",
                "targetDate", "+999999999-12-31")));
        assertEquals(List.of("BAD_USER_INPUT"), reply.errorCodes(), reply.body());
        Map<?, ?> extensions = (Map<?, ?>) reply.errors().getFirst().get("extensions");
        assertEquals(List.of("input"), extensions.get("field"), reply.body());
        assertTrue(message(reply).contains("2199-12-31"), reply.body());
    }

    @Test
    void anIdIsAStringOrAnIntegerNeverAListOrAnObject() {
        String node = "query($id: ID!) { node(id: $id) { id } }";
        for (Object bad : List.of(Map.of("id", "x"), List.of("a", "b"), 1.5)) {
            Reply reply = app.graphql(node, Map.of("id", bad));
            assertEquals(List.of("BAD_USER_INPUT"), reply.errorCodes(), reply.body());
        }
        Reply integer = app.graphql(node, Map.of("id", 12));
        assertEquals(List.of(), integer.errorCodes(), integer.body());
        assertNull(Ops.at(integer, "node"));
        Reply literal = app.graphql("{ node(id: {a: 1}) { id } }");
        assertEquals(List.of("GRAPHQL_VALIDATION_FAILED"), literal.errorCodes(), literal.body());
    }

    @Test
    void aListArgumentCountsInTheCost() {
        List<String> ids = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "id" + i).toList();
        String fields = "id " + "... on Goal { title mission status steps { id title done } } ";
        StringBuilder tenPages = new StringBuilder("query($ids: [ID!]!) {");
        for (int i = 0; i < 10; i++) {
            tenPages.append(" a").append(i).append(": nodes(ids: $ids) { ").append(fields).append("}");
        }
        Reply reply = app.graphql(tenPages.append(" }").toString(), Map.of("ids", ids));
        assertEquals(List.of("QUERY_TOO_COMPLEX"), reply.errorCodes(), reply.body());
        Reply few = app.graphql("query($ids: [ID!]!) { nodes(ids: $ids) { " + fields + "} }",
                Map.of("ids", ids.subList(0, 3)));
        assertEquals(List.of(), few.errorCodes(), few.body());
    }
}
