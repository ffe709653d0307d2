package app.alongside.embedded;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A journaled write is in the file when it is answered: a copy of the file taken right after the answers (what a
 * crash at that moment would leave) opens with every answered write in it. Concurrent writers share syncs.
 */
class DurableH2BackendTest {
    private static final int WRITERS = 16;
    private static final int WRITES_EACH = 25;

    @TempDir
    Path dir;

    @Test
    void everyAnsweredJournaledWriteIsInTheFileAndWritersShareSyncs() throws Exception {
        Path file = dir.resolve("store.mv.db");
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        store.setAutoCommitDelay(0);
        DurableH2Backend backend = new DurableH2Backend(store);
        MongoServer server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1, WRITERS * 2);
        String uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> docs = client.getDatabase("test").getCollection("docs")
                    .withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
            docs.insertOne(new Document("_id", "first"));
            long before = backend.commitCounts().syncs();
            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < WRITES_EACH; i++) {
                        docs.insertOne(new Document("_id", writer + "-" + i));
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            pool.shutdown();
            Path crashed = Files.copy(file, dir.resolve("crashed.mv.db"));
            long syncs = backend.commitCounts().syncs() - before;
            assertTrue(syncs < WRITERS * WRITES_EACH, syncs + " syncs for " + WRITERS * WRITES_EACH + " writes");
            assertEquals(1 + WRITERS * WRITES_EACH, documentsIn(crashed));
        } finally {
            server.shutdownNow();
            store.close();
        }
    }

    @Test
    void aProjectionLeavingOutFieldsAnswersWithoutThemAndLeavesTheStoredDocumentWhole() {
        onFileStore("projections", "records", records -> {
            Document stored = new Document("_id", "r1").append("ownerId", "p1").append("title", "Dentist")
                    .append("details", new Document("where", "High Street").append("notes", "bring card"))
                    .append("history", List.of(new Document("title", "Dentst")));
            records.insertOne(stored);
            assertEquals(new Document("_id", "r1").append("ownerId", "p1").append("title", "Dentist")
                            .append("details", new Document("where", "High Street").append("notes", "bring card")),
                    records.find(Filters.eq("ownerId", "p1")).projection(Projections.exclude("history")).first());
            assertEquals(new Document("ownerId", "p1").append("title", "Dentist"), records.find()
                    .projection(Projections.exclude("_id", "history", "details")).first());
            assertEquals(new Document("_id", "r1").append("ownerId", "p1").append("title", "Dentist")
                            .append("details", new Document("where", "High Street")).append("history",
                                    List.of(new Document("title", "Dentst"))),
                    records.find().projection(Projections.exclude("details.notes")).first());
            assertEquals(stored, records.find().first());
        });
    }

    @Test
    void anUpdateNoIndexServesChangesTheMatchesOnly() {
        onFileStore("scans", "docs", docs -> {
            for (int i = 0; i < 10; i++) {
                docs.insertOne(new Document("_id", "d" + i).append("n", i).append("tags", List.of("t" + i)));
            }
            assertEquals(5, docs.updateMany(Filters.gte("n", 5), Updates.push("tags", "late")).getModifiedCount());
            assertEquals(List.of("t4"), docs.find(Filters.eq("_id", "d4")).first().getList("tags", String.class));
            assertEquals(List.of("t7", "late"),
                    docs.find(Filters.eq("_id", "d7")).first().getList("tags", String.class));
            assertEquals(5, docs.countDocuments(Filters.eq("tags", "late")));
        });
    }

    /** Runs {@code use} on a collection of a file store of its own, over the wire. */
    private void onFileStore(String name, String collection, Consumer<MongoCollection<Document>> use) {
        MVStore store = new MVStore.Builder().fileName(dir.resolve(name + ".mv.db").toString()).open();
        MongoServer server = new MongoServer(new DurableH2Backend(store));
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            use.accept(client.getDatabase("test").getCollection(collection));
        } finally {
            server.shutdownNow();
            store.close();
        }
    }

    private static long documentsIn(Path file) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            return store.openMap("databases.test.docs").sizeAsLong();
        } finally {
            store.close();
        }
    }
}
