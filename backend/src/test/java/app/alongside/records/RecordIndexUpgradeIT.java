package app.alongside.records;

import app.alongside.fixtures.TestServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A store written by a version that listed every record in {@code recordIndex} starts without that dead data. */
class RecordIndexUpgradeIT {
    @Test
    void upgradeDropsTheOldPerRecordEntriesAndKeepsSharing() {
        MongoServer mongo = new MongoServer(new MemoryBackend());
        String uri = mongo.bindAndGetConnectionString();
        try (MongoClient client = MongoClients.create(uri)) {
            MongoDatabase db = client.getDatabase("alongside");
            MongoCollection<Document> index = db.getCollection(RecordIndex.COLLECTION);
            Document entries = new Document("r1", new Document("k", "CV_ITEM").append("v", 1));
            index.insertMany(List.of(
                    new Document("_id", "sharing").append("records", entries).append("goals", new Document())
                            .append("sharedMissions", List.of("WORK")),
                    new Document("_id", "onlyEntries").append("records", entries)));
            db.getCollection(RecordRepository.COLLECTION).createIndex(Indexes.ascending("updatedAt"));
            try (TestServer server = TestServer.startOn(uri, Map.of()).ready()) {
                Document kept = index.find(Filters.eq("_id", "sharing")).first();
                assertEquals(List.of("WORK"), kept.getList("sharedMissions", String.class));
                assertFalse(kept.containsKey("records") || kept.containsKey("goals"), kept.toJson());
                assertNull(index.find(Filters.eq("_id", "onlyEntries")).first(), "nothing left in it");
                List<String> names = db.getCollection(RecordRepository.COLLECTION).listIndexes()
                        .map(i -> i.getString("name")).into(new ArrayList<>());
                assertFalse(names.contains("updatedAt_1"), names.toString());
            }
        } finally {
            mongo.shutdownNow();
        }
    }
}
