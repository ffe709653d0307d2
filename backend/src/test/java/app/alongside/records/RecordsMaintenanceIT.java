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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The background upkeep on a running server: a deleted record is purged once its undo window has passed, record and
 * history both, and the lists no longer name it.
 */
class RecordsMaintenanceIT {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform(
            Map.of("RECORDS_MAINTENANCE_INTERVAL_SECONDS", "1"), CLOCK);

    @Test
    void expiredDeletesArePurged() throws Exception {
        YoungPersonApp app = RecordsJourneyIT.joined(SERVER.http(), SERVER.platform(), "Oli",
                SERVER.platform().invite("Oli"));
        String kept = RecordsJourneyIT.create(app, "cvItem", Map.of("heading", "Kept"));
        String doomed = RecordsJourneyIT.create(app, "cvItem", Map.of("heading", "Doomed"));
        try (MongoClient client = MongoClients.create(SERVER.server().mongoUri())) {
            MongoDatabase db = client.getDatabase(SERVER.server().databaseName());
            app.graphql("mutation($input: DeleteRecordInput!) { deleteRecord(input: $input) { userErrors { code } } }",
                    Ops.input(Map.of("id", doomed)));
            CLOCK.advance(Duration.ofMinutes(31));
            waitFor(() -> db.getCollection(RecordRepository.COLLECTION)
                    .countDocuments(Filters.eq("_id", storedId(doomed))) == 0, "the deleted record is purged");
            String listed = app.graphql(RecordsOps.MY_RECORDS, Map.of("includeDeleted", true)).body();
            assertTrue(listed.contains(kept) && !listed.contains(doomed), listed);
            assertEquals(1, db.getCollection(RecordRepository.COLLECTION)
                    .countDocuments(Filters.eq("_id", storedId(kept))), "the live record stays");
        }
    }

    private static String storedId(String globalId) {
        return app.alongside.platform.core.GlobalIds.decode(globalId).orElseThrow().id();
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
