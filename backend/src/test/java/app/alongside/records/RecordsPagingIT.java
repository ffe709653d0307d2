package app.alongside.records;

import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.MutableClock;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.RecordsOps;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.YoungPersonApp;
import app.alongside.platform.GlobalIds;
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
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A young person's records list, paged to the end, is exactly what the store holds for them, in order, through
 * deletes, restores and purges, with ties in creation time; nobody else's records ever appear in it.
 */
class RecordsPagingIT {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    static final int PAGE = 7;
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
            MongoCollection<Document> records = client.getDatabase("alongside")
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

    /** The stored ids matching {@code filter}, newest first as the list orders them. */
    private static List<String> stored(MongoCollection<Document> records, Bson filter) {
        List<String> ids = records.find(filter).sort(Sorts.descending("createdAt", "_id"))
                .map(doc -> doc.getString("_id")).into(new ArrayList<>());
        assertTrue(ids.size() > PAGE, "more than one page: " + ids.size());
        return ids;
    }

    /** Every page in turn; a page before the last is always full. */
    private static List<String> pageToEnd(YoungPersonApp app, Map<String, Object> filter) {
        List<String> ids = new ArrayList<>();
        String after = null;
        while (true) {
            Map<String, Object> variables = new HashMap<>(filter);
            variables.put("first", PAGE);
            if (after != null) {
                variables.put("after", after);
            }
            Reply reply = app.graphql(RecordsOps.MY_RECORDS, variables);
            List<Map<String, Map<String, Object>>> edges = Ops.at(reply, "myRecords", "edges");
            assertTrue(edges != null, reply.body());
            edges.forEach(edge -> ids.add(stored((String) edge.get("node").get("id"))));
            Map<String, Object> pageInfo = Ops.at(reply, "myRecords", "pageInfo");
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
