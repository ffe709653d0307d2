package app.alongside.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
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

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
