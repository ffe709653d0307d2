package app.alongside.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Concurrent {@code findOneAndUpdate}s on one document each answer the document their own update made: a thread's
 * sequence counter never hands out a number twice (mongo-java-server answered the stored instance, which later
 * updates changed before it reached the wire).
 */
class ConcurrentAnswersTest {
    private static final int WRITERS = 32;
    private static final int EACH = 40;

    @TempDir
    Path dir;

    @Test
    void theMemoryStoreAnswersEachIncrementItsOwnValue() throws Exception {
        assertEachIncrementAnswersItsOwnValue(new IndexedMemoryBackend());
    }

    @Test
    void theFileStoreAnswersEachIncrementItsOwnValue() throws Exception {
        MVStore store = new MVStore.Builder().fileName(dir.resolve("answers.mv.db").toString()).open();
        try {
            assertEachIncrementAnswersItsOwnValue(new DurableH2Backend(store));
        } finally {
            store.close();
        }
    }

    private static void assertEachIncrementAnswersItsOwnValue(MongoBackend backend) throws Exception {
        MongoServer server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1, WRITERS);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            MongoCollection<Document> threads = client.getDatabase("test").getCollection("threads");
            threads.insertOne(new Document("_id", "t1").append("lastSequence", 0L));
            Set<Long> answered = ConcurrentHashMap.newKeySet();
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < EACH; i++) {
                        Document after = threads.findOneAndUpdate(Filters.eq("_id", "t1"),
                                Updates.inc("lastSequence", 1L),
                                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
                        answered.add(after.getLong("lastSequence"));
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            assertEquals(WRITERS * EACH, answered.size(), "each of the increments answered its own number");
        } finally {
            server.shutdownNow();
        }
    }

    /**
     * The file store's queries take no lock: while updates change a document (and move it in an index), every read
     * of it, by {@code _id}, through the index or by a scan, sees it as one update left it.
     */
    @Test
    void theFileStoreReadsBesideUpdatesSeeWholeDocuments() throws Exception {
        MVStore store = new MVStore.Builder().fileName(dir.resolve("reads.mv.db").toString()).open();
        MongoServer server = new MongoServer(new DurableH2Backend(store));
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1, WRITERS);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            MongoCollection<Document> docs = client.getDatabase("test").getCollection("docs");
            docs.createIndex(Indexes.ascending("owner", "n"));
            for (int d = 0; d < 20; d++) {
                docs.insertOne(new Document("_id", "d" + d).append("owner", "o").append("n", 0).append("copy", 0)
                        .append("history", List.of()));
            }
            AtomicBoolean done = new AtomicBoolean();
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < WRITERS / 2; r++) {
                int reader = r;
                readers.add(pool.submit(() -> {
                    long reads = 0;
                    while (!done.get()) {
                        List<Document> seen = switch (reader % 3) {
                            case 0 -> docs.find(Filters.eq("_id", "d" + reads % 20)).into(new ArrayList<>());
                            case 1 -> docs.find(Filters.eq("owner", "o")).sort(Sorts.descending("n")).limit(5)
                                    .into(new ArrayList<>());
                            default -> docs.find(Filters.gte("copy", 0)).into(new ArrayList<>());
                        };
                        for (Document doc : seen) {
                            assertEquals(doc.getInteger("n"), doc.getInteger("copy"), "a whole update: " + doc);
                            assertEquals(doc.getInteger("n"), doc.getList("history", Integer.class).size());
                        }
                        reads++;
                    }
                    return reads;
                }));
            }
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS / 2; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < EACH; i++) {
                        String id = "d" + (writer + i) % 20;
                        Document before = docs.find(Filters.eq("_id", id)).first();
                        int next = before.getInteger("n") + 1;
                        docs.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("n", next - 1)),
                                Updates.combine(Updates.set("n", next), Updates.set("copy", next),
                                        Updates.push("history", next)));
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            done.set(true);
            for (Future<?> reader : readers) {
                assertTrue((Long) reader.get() > 0);
            }
            long total = docs.find().into(new ArrayList<>()).stream().mapToInt(d -> d.getInteger("n")).sum();
            assertTrue(total > 0 && total <= (long) WRITERS / 2 * EACH, "updates applied: " + total);
        } finally {
            server.shutdownNow();
            store.close();
        }
    }
}
