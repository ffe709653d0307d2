package app.alongside.identity;

import app.alongside.fixtures.BadValues;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.OpportunityOps;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.PushOps;
import app.alongside.fixtures.RecordsOps;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.YoungPersonApp;
import app.alongside.platform.core.GlobalIds;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For every kind of id in the schema, another person's real id and a made-up one answer exactly the same for
 * every caller who may not see it, in {@code node}, {@code nodes} and the other arguments that take ids; the
 * refusal of a real id is audited.
 */
class IdUniformityIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    private static final String NODE = "query($id: ID!) { node(id: $id) { __typename id } }";
    private static final String NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }";
    /** The objects of Jo's (and one staff member's), by kind: Jo's young person id, record, goal, ... */
    private static final Map<String, String> REAL = new LinkedHashMap<>();
    private static final Map<String, BiFunction<String, Map<String, Object>, Reply>> CALLERS = new LinkedHashMap<>();
    private static YoungPersonApp jo;

    @BeforeAll
    static void setUp() {
        Http http = SERVER.http();
        Platform platform = SERVER.platform();
        String[] invite = platform.invite("Jo");
        jo = YoungPersonApp.signUp(http);
        Ops.at(jo.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", invite[1]))), "redeemInvite");
        REAL.put("YoungPerson", invite[0]);
        REAL.put("Record", Ops.at(jo.graphql(RecordsOps.CREATE, Ops.input(Map.of("details", Map.of("cvItem",
                Map.of("heading", "Private"))))), "createRecord", "record", "id"));
        REAL.put("Goal", Ops.at(jo.graphql(RecordsOps.CREATE_GOAL, Ops.input(Map.of("title", "Private",
                "mission", "HOME", "steps", List.of(Map.of("title", "First step"))))), "createGoal", "goal", "id"));
        REAL.put("GoalStep", Ops.<List<Map<String, String>>>at(jo.graphql("query($id: ID!) { node(id: $id) "
                + "{ ... on Goal { steps { id } } } }", Map.of("id", REAL.get("Goal"))), "node", "steps")
                .getFirst().get("id"));
        REAL.put("GoalComment", Ops.<List<Map<String, String>>>at(jo.graphql("mutation($input: CommentOnGoalInput!) "
                + "{ commentOnGoal(input: $input) { goal { comments { id } } } }", Ops.input(Map.of("goalId",
                REAL.get("Goal"), "body", "Note to self"))), "commentOnGoal", "goal", "comments").getFirst()
                .get("id"));
        REAL.put("Advocacy", Ops.at(jo.graphql("{ myAdvocacy { id } }"), "myAdvocacy", "id"));
        REAL.put("MessageThread", Ops.at(jo.graphql("{ myAdvocacy { thread { id } } }"), "myAdvocacy", "thread",
                "id"));
        REAL.put("Message", Ops.at(jo.graphql("mutation($input: SendMessageInput!) { sendMessage(input: $input) "
                + "{ message { id } } }", Ops.input(Map.of("threadId", REAL.get("MessageThread"), "body", "hello",
                "clientMessageId", UUID.randomUUID().toString()))), "sendMessage", "message", "id"));
        String draft = Ops.at(platform.as("corporate").graphql(OpportunityOps.CREATE, Ops.input(
                OpportunityOps.job("Draft", "2027-06-01"))), "createOpportunity", "opportunity", "id");
        REAL.put("Opportunity", draft);
        String open = Ops.at(platform.as("corporate").graphql(OpportunityOps.CREATE, Ops.input(
                OpportunityOps.job("Open", "2027-06-01"))), "createOpportunity", "opportunity", "id");
        platform.as("corporate").graphql(OpportunityOps.action("submitOpportunity"), Ops.input(Map.of("id", open)));
        platform.admin.graphql(OpportunityOps.action("approveOpportunity"), Ops.input(Map.of("id", open)));
        REAL.put("Interest", Ops.at(jo.graphql(OpportunityOps.INTEREST, Ops.input(Map.of("opportunityId", open,
                "share", List.of()))), "expressInterest", "interest", "id"));
        platform.as("manager").graphql("mutation($input: AllocateAdvocateInput!) { allocateAdvocate(input: $input) "
                + "{ userErrors { code } } }", Ops.input(Map.of("youngPersonId", invite[0], "advocateId",
                platform.staffIds.get("advocate"))));
        Reply advocacy = jo.graphql("{ myAdvocacy { service { id organisationId } advocate { id staffMemberId } } }");
        REAL.put("AdvocacyService", Ops.at(advocacy, "myAdvocacy", "service", "id"));
        REAL.put("Advocate", Ops.at(advocacy, "myAdvocacy", "advocate", "id"));
        assertEquals(platform.advocacyService, Ops.at(advocacy, "myAdvocacy", "service", "organisationId"));
        assertEquals(platform.staffIds.get("advocate"), Ops.at(advocacy, "myAdvocacy", "advocate", "staffMemberId"));
        REAL.put("Device", Ops.at(jo.graphql(PushOps.REGISTER_DEVICE, PushOps.device(PushOps.token("jo"), "IOS")),
                "registerDevice", "device", "id"));
        REAL.put("PushNotification", storedNotification(invite[0]));
        REAL.put("StaffMember", platform.staffIds.get("laWorkerA"));
        REAL.put("Organisation", platform.councilA);
        REAL.values().forEach(id -> assertNotNull(id, "set-up made every object: " + REAL));
        YoungPersonApp kit = YoungPersonApp.signUp(http);
        Ops.at(kit.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", platform.invite("Kit")[1]))), "redeemInvite");
        CALLERS.put("anonymous", http::graphql);
        CALLERS.put("another young person", kit::graphql);
        for (String staff : List.of("otherAdvocate", "corporate", "laWorkerB", "advocate")) {
            CALLERS.put(staff, platform.as(staff)::graphql);
        }
        CALLERS.put("admin", platform.admin::graphql);
    }

    /** A push to Jo as the dispatcher stores it; only admins may see it. */
    private static String storedNotification(String youngPersonId) {
        String id = UUID.randomUUID().toString().replace("-", "");
        try (MongoClient client = MongoClients.create(SERVER.server().mongoUri())) {
            client.getDatabase("alongside").getCollection("notifications").insertOne(new Document("_id", id)
                    .append("state", "PENDING").append("category", "NEW_MESSAGE").append("kind", "message.added")
                    .append("recipient", "yp:" + GlobalIds.decode(youngPersonId).orElseThrow().id())
                    .append("attempts", 0).append("createdAt", new Date()));
        }
        return GlobalIds.encode("PushNotification", id);
    }

    private static String madeUp(String realId) {
        String type = GlobalIds.decode(realId).orElseThrow().type();
        return BadValues.madeUpId(type, UUID.randomUUID().toString().replace("-", ""));
    }

    @Test
    void aRealIdNobodyMaySeeAnswersLikeAMadeUpOneForEveryKindAndCaller() {
        for (Map.Entry<String, String> kind : REAL.entrySet()) {
            CALLERS.entrySet().parallelStream().forEach(entry -> {
                String caller = entry.getKey();
                BiFunction<String, Map<String, Object>, Reply> send = entry.getValue();
                Reply real = send.apply(NODE, Map.of("id", kind.getValue()));
                if (Ops.at(real, "node") != null) {
                    return;
                }
                Reply madeUp = send.apply(NODE, Map.of("id", madeUp(kind.getValue())));
                assertEquals(madeUp.status(), real.status(), caller + ", " + kind.getKey());
                assertEquals(madeUp.body(), real.body(), caller + ", " + kind.getKey());
                Reply both = send.apply(NODES, Map.of("ids", List.of(kind.getValue(), madeUp(kind.getValue()))));
                assertEquals(Arrays.asList(null, null), Ops.at(both, "nodes"), caller + ": " + both.body());
                assertEquals(List.of(), both.errorCodes(), both.body());
            });
        }
    }

    @Test
    void everyKindOfNodeResolvesForWhoMaySeeIt() {
        for (String kind : List.of("YoungPerson", "Record", "Goal", "GoalStep", "GoalComment", "Advocacy",
                "AdvocacyService", "Advocate", "MessageThread", "Message", "Interest", "Device")) {
            Reply reply = jo.graphql(NODE, Map.of("id", REAL.get(kind)));
            String type = kind.equals("Record") ? "CvItem" : kind;
            assertEquals(Map.of("__typename", type, "id", REAL.get(kind)), Ops.at(reply, "node"), reply.body());
        }
        for (String kind : List.of("AdvocacyService", "Advocate", "MessageThread")) {
            assertNotNull(Ops.at(CALLERS.get("advocate").apply(NODE, Map.of("id", REAL.get(kind))), "node"), kind);
        }
        Reply push = CALLERS.get("admin").apply(NODE, Map.of("id", REAL.get("PushNotification")));
        assertEquals("PushNotification", Ops.at(push, "node", "__typename"), push.body());
    }

    @Test
    void newNodeKindsStayHiddenFromWhoMayNotSeeThem() {
        for (String kind : List.of("GoalStep", "GoalComment", "Device")) {
            CALLERS.forEach((caller, send) -> assertNull(Ops.at(send.apply(NODE, Map.of("id", REAL.get(kind))),
                    "node"), caller + " sees Jo's private " + kind));
        }
        for (String kind : List.of("AdvocacyService", "Advocate")) {
            for (String caller : List.of("anonymous", "otherAdvocate", "corporate", "laWorkerB")) {
                assertNull(Ops.at(CALLERS.get(caller).apply(NODE, Map.of("id", REAL.get(kind))), "node"),
                        caller + " sees Jo's " + kind);
            }
        }
        assertNull(Ops.at(CALLERS.get("another young person").apply(NODE, Map.of("id", REAL.get("Advocate"))),
                "node"), "another young person sees Jo's advocate");
        CALLERS.forEach((caller, send) -> {
            if (!caller.equals("admin")) {
                assertNull(Ops.at(send.apply(NODE, Map.of("id", REAL.get("PushNotification"))), "node"), caller);
            }
        });
        assertNull(Ops.at(jo.graphql(NODE, Map.of("id", REAL.get("PushNotification"))), "node"), "Jo");
    }

    @Test
    void privateThingsStayHiddenFromEveryoneButTheirOwner() {
        for (String kind : List.of("Record", "Goal")) {
            CALLERS.forEach((caller, send) -> assertNull(Ops.at(send.apply(NODE, Map.of("id", REAL.get(kind))),
                    "node"), caller + " sees Jo's private " + kind));
        }
        for (String kind : List.of("MessageThread", "Message", "Advocacy", "Interest", "YoungPerson")) {
            for (String caller : List.of("anonymous", "another young person", "otherAdvocate", "corporate")) {
                assertNull(Ops.at(CALLERS.get(caller).apply(NODE, Map.of("id", REAL.get(kind))), "node"),
                        caller + " sees Jo's " + kind);
            }
        }
        for (String caller : List.of("anonymous", "another young person", "otherAdvocate")) {
            assertNull(Ops.at(CALLERS.get(caller).apply(NODE, Map.of("id", REAL.get("Opportunity"))), "node"),
                    caller + " sees a draft opportunity");
        }
    }

    /** Jo's own service's advocate may see some of these; every other caller may see none. */
    @Test
    void otherIdArgumentsAnswerARealForeignIdLikeAMadeUpOne() {
        Map<String, String> operations = new LinkedHashMap<>();
        operations.put("MessageThread", "query($id: ID!) { messages(threadId: $id, first: 5) "
                + "{ edges { node { id } } } }");
        operations.put("YoungPerson", "query($id: ID!) { sharedRecords(youngPersonId: $id) "
                + "{ edges { node { id } } } }");
        operations.put("Record", "mutation($id: ID!) { deleteRecord(input: {id: $id}) "
                + "{ userErrors { field message code } } }");
        operations.put("Goal", "mutation($id: ID!) { completeGoalStep(input: {goalId: $id, stepId: \"s1\", "
                + "done: true}) { userErrors { field message code } } }");
        operations.put("Message", "mutation($id: ID!) { deleteMessage(input: {messageId: $id}) "
                + "{ userErrors { field message code } } }");
        operations.put("Interest", "mutation($id: ID!) { withdrawInterest(input: {interestId: $id}) "
                + "{ userErrors { field message code } } }");
        operations.forEach((kind, operation) -> CALLERS.forEach((caller, send) -> {
            if (caller.equals("advocate")) {
                return;
            }
            Reply real = send.apply(operation, Map.of("id", REAL.get(kind)));
            Reply madeUp = send.apply(operation, Map.of("id", madeUp(REAL.get(kind))));
            assertFalse(real.errorCodes().contains("GRAPHQL_VALIDATION_FAILED"), real.body());
            assertEquals(madeUp.status() + " " + madeUp.body(), real.status() + " " + real.body(),
                    caller + " on " + kind + ": " + operation);
        }));
    }

    @Test
    void theRefusalOfARealIdIsAudited() {
        CALLERS.get("another young person").apply(NODE, Map.of("id", REAL.get("Record")));
        CALLERS.get("anonymous").apply(NODE, Map.of("id", REAL.get("Goal")));
        try (MongoClient client = MongoClients.create(SERVER.server().mongoUri())) {
            var audit = client.getDatabase("alongside").getCollection("audit");
            for (String kind : List.of("Record", "Goal")) {
                String stored = GlobalIds.decode(REAL.get(kind)).orElseThrow().id();
                assertTrue(audit.countDocuments(Filters.and(Filters.eq("action", "ACCESS_DENIED"),
                        Filters.eq("targetId", stored))) > 0, kind + " refusal audited");
            }
        }
    }
}
