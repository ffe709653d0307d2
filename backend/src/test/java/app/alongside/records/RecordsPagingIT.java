package app.alongside.records;

import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.MutableClock;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.RecordsOps;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.YoungPersonApp;
import app.alongside.platform.core.GlobalIds;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A young person's records list, paged to the end, is exactly what the store holds for them, in order, through
 * deletes, restores and purges, with ties in creation time; nobody else's records ever appear in it. So are their
 * goals, and what their advocate sees of what they shared.
 */
class RecordsPagingIT {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    static final int PAGE = 5;
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform(
            Map.of("RECORDS_MAINTENANCE_INTERVAL_SECONDS", "1", "PUSH_DISPATCHER_ENABLED", "false"), CLOCK);

    @Test
    void pagedToTheEndTheListIsExactlyTheirRecords() throws Exception {
        YoungPersonApp mia = RecordsJourneyIT.joined(SERVER.http(), SERVER.platform(), "Mia",
                SERVER.platform().invite("Mia"));
        YoungPersonApp ned = RecordsJourneyIT.joined(SERVER.http(), SERVER.platform(), "Ned",
                SERVER.platform().invite("Ned"));
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            created.add(i % 3 == 0 ? RecordsJourneyIT.create(mia, "importantPerson", Map.of("name", "Friend " + i,
                    "relationship", "FRIEND"))
                    : RecordsJourneyIT.create(mia, "cvItem", Map.of("heading", "Item " + i)));
            RecordsJourneyIT.create(ned, "cvItem", Map.of("heading", "Not Mia's " + i));
            if (i % 4 == 3) {
                CLOCK.advance(Duration.ofSeconds(1));
            }
        }
        try (MongoClient client = MongoClients.create(SERVER.server().mongoUri())) {
            MongoCollection<Document> records = client.getDatabase(SERVER.server().databaseName())
                    .getCollection(RecordRepository.COLLECTION);
            String owner = records.find(Filters.eq("_id", stored(created.getFirst()))).first().getString("ownerId");
            assertListsMatch(mia, records, owner);

            for (String id : created.subList(2, 9)) {
                mutate(mia, "deleteRecord", "DeleteRecordInput", id);
            }
            for (String id : created.subList(2, 5)) {
                mutate(mia, "restoreRecord", "RestoreRecordInput", id);
            }
            assertListsMatch(mia, records, owner);

            CLOCK.advance(Duration.ofMinutes(31));
            waitFor(() -> records.countDocuments(Filters.and(Filters.eq("ownerId", owner),
                    Filters.ne("deletedAt", null))) == 0, "the deleted records are purged");
            assertEquals(20, records.countDocuments(Filters.eq("ownerId", owner)));
            assertListsMatch(mia, records, owner);
        }
    }

    @Test
    void theAdvocateAndTheGoalListsPageThroughExactlyWhatIsThere() {
        String[] invite = SERVER.platform().invite("Ola");
        YoungPersonApp ola = RecordsJourneyIT.joined(SERVER.http(), SERVER.platform(), "Ola", invite);
        List<String> friends = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            RecordsJourneyIT.create(ola, "cvItem", Map.of("heading", "Item " + i));
            friends.add(RecordsJourneyIT.create(ola, "importantPerson", Map.of("name", "Friend " + i,
                    "relationship", "FRIEND")));
            ola.graphql(RecordsOps.CREATE_GOAL, Ops.input(Map.of("mission", i % 2 == 0 ? "WORK" : "HOME",
                    "title", "Goal " + i)));
            if (i % 5 == 4) {
                CLOCK.advance(Duration.ofSeconds(1));
            }
        }
        friends.subList(0, 9).forEach(id -> ola.graphql(RecordsOps.SHARE, Ops.input(Map.of("id", id,
                "shared", true))));
        mutate(ola, "deleteRecord", "DeleteRecordInput", friends.get(1));
        Reply work = ola.graphql("mutation($input: ShareMissionInput!) { shareMission(input: $input) { "
                + "userErrors { code } } }", Ops.input(Map.of("mission", "WORK", "shared", true)));
        assertEquals(List.of(), Ops.userErrorCodes(work, "shareMission"), work.body());
        String owner = stored(invite[0]);
        try (MongoClient client = MongoClients.create(SERVER.server().mongoUri())) {
            MongoCollection<Document> records = client.getDatabase(SERVER.server().databaseName())
                    .getCollection(RecordRepository.COLLECTION);
            MongoCollection<Document> goals = client.getDatabase(SERVER.server().databaseName())
                    .getCollection(GoalRepository.COLLECTION);
            Bson live = Filters.and(Filters.eq("ownerId", owner), Filters.eq("deletedAt", null));
            var advocate = SERVER.platform().as("advocate");
            String shared = "query($youngPersonId: ID!, $mission: Mission, $first: Int, $after: String) { "
                    + "sharedRecords(youngPersonId: $youngPersonId, mission: $mission, first: $first, after: $after) {"
                    + " edges { node { id } } pageInfo { hasNextPage endCursor } } }";
            assertEquals(stored(records, Filters.and(live, Filters.or(Filters.eq("mission", "WORK"),
                            Filters.eq("visibility", "SHARED_WITH_ADVOCATE")))),
                    pageToEnd(advocate::graphql, shared, "sharedRecords", Map.of("youngPersonId", invite[0])));
            assertEquals(stored(records, Filters.and(live, Filters.eq("visibility", "SHARED_WITH_ADVOCATE"))),
                    pageToEnd(advocate::graphql, shared, "sharedRecords", Map.of("youngPersonId", invite[0],
                            "mission", "RELATIONSHIPS")));
            String sharedGoals = "query($youngPersonId: ID!, $first: Int, $after: String) { "
                    + "sharedGoals(youngPersonId: $youngPersonId, first: $first, after: $after) {"
                    + " edges { node { id } } pageInfo { hasNextPage endCursor } } }";
            Bson mine = Filters.eq("ownerId", owner);
            assertEquals(stored(goals, Filters.and(mine, Filters.eq("mission", "WORK"))),
                    pageToEnd(advocate::graphql, sharedGoals, "sharedGoals", Map.of("youngPersonId", invite[0])));
            String myGoals = "query($mission: Mission, $first: Int, $after: String) { "
                    + "myGoals(mission: $mission, first: $first, after: $after) {"
                    + " edges { node { id } } pageInfo { hasNextPage endCursor } } }";
            assertEquals(stored(goals, mine), pageToEnd(ola::graphql, myGoals, "myGoals", Map.of()));
            assertEquals(stored(goals, Filters.and(mine, Filters.eq("mission", "HOME"))),
                    pageToEnd(ola::graphql, myGoals, "myGoals", Map.of("mission", "HOME")));
        }
    }

    private static void assertListsMatch(YoungPersonApp app, MongoCollection<Document> records, String owner) {
        Bson mine = Filters.eq("ownerId", owner);
        Bson live = Filters.and(mine, Filters.eq("deletedAt", null));
        assertEquals(stored(records, mine), pageToEnd(app, Map.of("includeDeleted", true)), "with deleted ones");
        assertEquals(stored(records, live), pageToEnd(app, Map.of()), "live ones");
        assertEquals(stored(records, Filters.and(live, Filters.eq("mission", "WORK"))),
                pageToEnd(app, Map.of("mission", "WORK")), "one mission's");
        assertEquals(stored(records, Filters.and(mine, Filters.eq("kind", "CV_ITEM"))),
                pageToEnd(app, Map.of("kinds", List.of("CV_ITEM"), "includeDeleted", true)), "one kind's");
        assertEquals(stored(records, Filters.and(live, Filters.in("kind", "IMPORTANT_PERSON", "CV_ITEM"))),
                pageToEnd(app, Map.of("kinds", List.of("IMPORTANT_PERSON", "CV_ITEM"))), "two kinds'");
    }

    /** The stored ids matching {@code filter}, newest first as the lists order them; more than a page of them. */
    private static List<String> stored(MongoCollection<Document> collection, Bson filter) {
        List<String> ids = collection.find(filter).sort(Sorts.descending("createdAt", "_id"))
                .map(doc -> doc.getString("_id")).into(new ArrayList<>());
        assertTrue(ids.size() > PAGE, "more than a page: " + ids.size());
        return ids;
    }

    private static List<String> pageToEnd(YoungPersonApp app, Map<String, Object> filter) {
        return pageToEnd(app::graphql, RecordsOps.MY_RECORDS, "myRecords", filter);
    }

    /** Every page of {@code field} in turn; a page before the last is always full. */
    private static List<String> pageToEnd(BiFunction<String, Map<String, Object>, Reply> client, String query,
                                          String field, Map<String, Object> filter) {
        List<String> ids = new ArrayList<>();
        String after = null;
        while (true) {
            Map<String, Object> variables = new HashMap<>(filter);
            variables.put("first", PAGE);
            if (after != null) {
                variables.put("after", after);
            }
            Reply reply = client.apply(query, variables);
            List<Map<String, Map<String, Object>>> edges = Ops.at(reply, field, "edges");
            assertTrue(edges != null, reply.body());
            edges.forEach(edge -> ids.add(stored((String) edge.get("node").get("id"))));
            Map<String, Object> pageInfo = Ops.at(reply, field, "pageInfo");
            if (!Boolean.TRUE.equals(pageInfo.get("hasNextPage"))) {
                return ids;
            }
            assertEquals(PAGE, edges.size(), "a page does not end early: " + reply.body());
            after = (String) pageInfo.get("endCursor");
        }
    }

    private static void mutate(YoungPersonApp app, String field, String inputType, String id) {
        Reply reply = app.graphql("mutation($input: " + inputType + "!) { " + field + "(input: $input) { "
                + "userErrors { code } } }", Ops.input(Map.of("id", id)));
        assertEquals(List.of(), Ops.userErrorCodes(reply, field), reply.body());
    }

    private static String stored(String globalId) {
        return GlobalIds.decode(globalId).orElseThrow().id();
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out: " + what);
            }
            Thread.sleep(100);
        }
    }
}
