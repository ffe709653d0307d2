package app.alongside.records;

import app.alongside.fixtures.MutableClock;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.RecordsOps;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.YoungPersonApp;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The background upkeep on a running server: an index entry lost between the two writes comes back, and a
 * deleted record is purged once its undo window has passed, record and history both.
 */
class RecordsMaintenanceIT {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform(
            Map.of("RECORDS_MAINTENANCE_INTERVAL_SECONDS", "1"), CLOCK);

    @Test
    void lostIndexEntriesAreRepairedAndExpiredDeletesPurged() throws Exception {
        YoungPersonApp app = RecordsJourneyIT.joined(SERVER.http(), SERVER.platform(), "Oli",
                SERVER.platform().invite("Oli"));
        String kept = RecordsJourneyIT.create(app, "cvItem", Map.of("heading", "Kept"));
        String doomed = RecordsJourneyIT.create(app, "cvItem", Map.of("heading", "Doomed"));
        try (MongoClient client = MongoClients.create(SERVER.server().mongoUri())) {
            MongoDatabase db = client.getDatabase("alongside");
            // The upkeep runs every second, so it may mend the entry before any read here sees it gone: the
            // write's own count is the proof that it was lost.
            assertEquals(1, db.getCollection(RecordIndex.COLLECTION).updateMany(Filters.exists(
                    "records." + storedId(kept)), Updates.unset("records." + storedId(kept))).getModifiedCount(),
                    "the index lost an entry, as after a crash between writes");
            waitFor(() -> titles(app).size() == 2, "the lost entry is repaired");

            app.graphql("mutation($input: DeleteRecordInput!) { deleteRecord(input: $input) { userErrors { code } } }",
                    Ops.input(Map.of("id", doomed)));
            CLOCK.advance(Duration.ofMinutes(31));
            waitFor(() -> db.getCollection(RecordRepository.COLLECTION)
                    .countDocuments(Filters.eq("_id", storedId(doomed))) == 0, "the deleted record is purged");
            waitFor(() -> app.graphql(RecordsOps.MY_RECORDS, Map.of("includeDeleted", true)).body()
                    .contains(kept) && !app.graphql(RecordsOps.MY_RECORDS, Map.of("includeDeleted", true)).body()
                    .contains(doomed), "and gone from the index");
        }
    }

    private static List<Object> titles(YoungPersonApp app) {
        return Ops.<List<Map<String, Map<String, Object>>>>at(app.graphql(RecordsOps.MY_RECORDS, Map.of()),
                "myRecords", "edges").stream().map(e -> e.get("node").get("title")).map(Object.class::cast).toList();
    }

    private static String storedId(String globalId) {
        return app.alongside.platform.GlobalIds.decode(globalId).orElseThrow().id();
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
