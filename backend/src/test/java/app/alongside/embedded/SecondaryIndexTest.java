package app.alongside.embedded;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded backends' secondary indexes answer exactly what an unindexed scan answers (mongo-java-server's
 * plain memory backend, the reference), through the real driver, for the query shapes the platform uses: before
 * and after updates and deletes that move keys, on the memory backend and on the H2 file after a reopen. And a
 * page read through an index reads about as many documents as it returns.
 */
class SecondaryIndexTest {
    private static final long SEED = 20261201L;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<Bson> INDEXES = List.of(
            Indexes.compoundIndex(Indexes.ascending("owner"), Indexes.descending("at", "_id")),
            Indexes.ascending("push.state", "push.dueAt"),
            Indexes.ascending("tags"),
            Indexes.ascending("n"),
            Indexes.compoundIndex(Indexes.ascending("state"), Indexes.descending("n")));

    @TempDir
    static Path dir;
    private static MongoServer reference;
    private static MongoServer memory;
    private static IndexedMemoryBackend memoryBackend;
    private static MongoServer h2;
    private static MVStore h2Store;
    private static final Map<MongoServer, MongoClient> CLIENTS = new HashMap<>();

    @BeforeAll
    static void start() {
        reference = new MongoServer(new MemoryBackend());
        reference.bind();
        memoryBackend = new IndexedMemoryBackend();
        memory = new MongoServer(memoryBackend);
        memory.bind();
        openH2();
        List<Document> documents = documents(new Random(SEED), 3_000);
        for (MongoServer server : List.of(reference, memory, h2)) {
            MongoCollection<Document> c = collection(server);
            if (server != reference) {
                INDEXES.forEach(c::createIndex);
            }
            c.insertMany(documents.stream().map(Document::new).toList());
        }
    }

    @AfterAll
    static void stop() {
        CLIENTS.values().forEach(MongoClient::close);
        reference.shutdownNow();
        memory.shutdownNow();
        h2.shutdownNow();
        h2Store.close();
    }

    @Test
    void indexedQueriesAnswerWhatAScanAnswers() {
        assertSameAnswers();
    }

    @Test
    void updatesAndDeletesKeepTheIndexesExact() {
        for (MongoServer server : List.of(reference, memory, h2)) {
            MongoCollection<Document> c = collection(server);
            c.updateMany(Filters.eq("owner", "o3"), Updates.combine(Updates.set("owner", "o4"),
                    Updates.set("at", Date.from(T0.plusSeconds(5)))));
            c.updateMany(Filters.lt("n", 2), Updates.unset("n"));
            c.updateMany(Filters.eq("tags", "t1"), Updates.set("tags", List.of("t9", "t2")));
            c.updateMany(Filters.eq("push.state", "QUEUED"), Updates.set("push.state", "PENDING"));
            c.deleteMany(Filters.in("owner", "o5", "o6"));
            c.findOneAndUpdate(Filters.and(Filters.eq("push.state", "PENDING"),
                            Filters.lte("push.dueAt", Date.from(T0.plusSeconds(40_000)))),
                    Updates.set("push.state", "CLAIMED"), new FindOneAndUpdateOptions().sort(Sorts.ascending("_id")));
        }
        assertSameAnswers();
    }

    @Test
    void theFileStoreRebuildsItsIndexesWhenItOpens() {
        h2.shutdownNow();
        h2Store.close();
        openH2();
        assertSameAnswers();
    }

    @Test
    void aPageReadsAboutAsManyDocumentsAsItReturns() {
        MongoCollection<Document> c = collection(memory);
        long before = memoryBackend.documentsRead();
        List<Document> page = c.find(Filters.eq("owner", "o7")).sort(Sorts.descending("at", "_id")).limit(20).into(new ArrayList<>());
        long read = memoryBackend.documentsRead() - before;
        long owned = collection(reference).countDocuments(Filters.eq("owner", "o7"));
        assertEquals(20, page.size());
        assertTrue(read <= 21, "read " + read + " documents for a page of 20 (o7 has " + owned + ")");

        Document last = page.getLast();
        Bson after = Filters.and(Filters.eq("owner", "o7"), Filters.or(Filters.lt("at", last.getDate("at")),
                Filters.and(Filters.eq("at", last.getDate("at")), Filters.lt("_id", last.getString("_id")))));
        before = memoryBackend.documentsRead();
        List<Document> next = c.find(after).sort(Sorts.descending("at", "_id")).limit(20).into(new ArrayList<>());
        read = memoryBackend.documentsRead() - before;
        assertEquals(ids(collection(reference).find(after).sort(Sorts.descending("at", "_id")).limit(20)
                .into(new ArrayList<>())), ids(next));
        assertTrue(read <= 22, "read " + read + " documents for the page after a cursor");

        Bson byIdAndOwner = Filters.and(Filters.eq("_id", last.getString("_id")), Filters.eq("owner", "o7"));
        before = memoryBackend.documentsRead();
        c.updateOne(byIdAndOwner, Updates.set("touched", true));
        assertTrue(memoryBackend.documentsRead() - before <= 1, "an update by _id and owner reads one document");
        collection(reference).updateOne(byIdAndOwner, Updates.set("touched", true));
        collection(h2).updateOne(byIdAndOwner, Updates.set("touched", true));

        before = memoryBackend.documentsRead();
        long count = c.countDocuments(Filters.eq("owner", "o7"));
        long counted = memoryBackend.documentsRead() - before;
        assertEquals(owned, count);
        assertTrue(counted <= owned, "read " + counted + " documents to count " + owned);
    }

    @Test
    void uniqueIndexesRefuseDuplicatesAndServeRanges() {
        for (MongoServer server : List.of(reference, memory, h2)) {
            collection(server);
            MongoCollection<Document> c = CLIENTS.get(server).getDatabase("test").getCollection("messages");
            c.createIndex(Indexes.ascending("thread", "seq"), new IndexOptions().unique(true));
            for (int i = 0; i < 300; i++) {
                c.insertOne(new Document("_id", "m" + i).append("thread", "t" + i % 3).append("seq", i / 3));
            }
            MongoWriteException duplicate = assertThrows(MongoWriteException.class,
                    () -> c.insertOne(new Document("_id", "again").append("thread", "t1").append("seq", 7)));
            assertEquals(ErrorCategory.DUPLICATE_KEY, duplicate.getError().getCategory());
            assertThrows(MongoWriteException.class, () -> c.updateOne(Filters.eq("_id", "m0"), Updates.set("seq", 5)));
            c.updateOne(Filters.eq("_id", "m0"), Updates.set("seq", 500));
        }
        Bson after = Filters.and(Filters.eq("thread", "t0"), Filters.gt("seq", 90));
        List<Object> expected = ids(CLIENTS.get(reference).getDatabase("test").getCollection("messages").find(after)
                .sort(Sorts.ascending("seq")).limit(5).into(new ArrayList<>()));
        for (MongoServer server : List.of(memory, h2)) {
            assertEquals(expected, ids(CLIENTS.get(server).getDatabase("test").getCollection("messages").find(after)
                    .sort(Sorts.ascending("seq")).limit(5).into(new ArrayList<>())));
        }
        long before = memoryBackend.documentsRead();
        CLIENTS.get(memory).getDatabase("test").getCollection("messages").find(after).sort(Sorts.ascending("seq"))
                .limit(5).into(new ArrayList<>());
        assertTrue(memoryBackend.documentsRead() - before <= 6, "a page after a sequence number reads its page");
    }

    private static void assertSameAnswers() {
        Date mid = Date.from(T0.plusSeconds(43_200));
        List<Bson> filters = List.of(
                Filters.eq("owner", "o1"),
                Filters.in("owner", "o2", "o4", "nobody"),
                Filters.and(Filters.eq("owner", "o4"), Filters.lt("at", mid)),
                Filters.and(Filters.eq("owner", "o4"), Filters.or(Filters.lt("at", mid),
                        Filters.and(Filters.eq("at", mid), Filters.lt("_id", "d1500")))),
                Filters.and(Filters.eq("push.state", "PENDING"), Filters.lte("push.dueAt", mid),
                        Filters.or(Filters.eq("push.leaseUntil", null), Filters.lte("push.leaseUntil", mid))),
                Filters.eq("tags", "t2"),
                Filters.in("tags", "t0", "t3"),
                Filters.and(Filters.gt("n", 2), Filters.lte("n", 5L)),
                Filters.eq("n", 3),
                Filters.eq("n", 3.0),
                Filters.lt("n", 3.5),
                Filters.eq("state", null),
                Filters.in("state", null, "A"),
                Filters.and(Filters.eq("state", "B"), Filters.gte("n", 4)),
                Filters.eq("state", "nothing"),
                Filters.and(Filters.eq("_id", "d12"), Filters.eq("owner", "o2")),
                new Document("n", new Document("$gt", 6).append("$lt", 2)),
                Filters.and(Filters.gt("_id", "d2990"), Filters.eq("owner", "o1")),
                Filters.and(Filters.in("_id", "d1", "d2", "d2999", "none"), Filters.exists("n")));
        List<Bson> sorts = List.of(Sorts.descending("at", "_id"), Sorts.ascending("at", "_id"),
                Sorts.ascending("n", "_id"), Sorts.descending("_id"));
        for (Bson filter : filters) {
            assertSame(filter, c -> c.find(filter).into(new ArrayList<>()), false);
            for (Bson sort : sorts) {
                assertSame(filter, c -> c.find(filter).sort(sort).into(new ArrayList<>()), true);
                assertSame(filter, c -> c.find(filter).sort(sort).skip(3).limit(7).into(new ArrayList<>()), true);
            }
            assertSame(filter, c -> List.of(new Document("n", c.countDocuments(filter))), true);
            assertSame(filter, c -> c.aggregate(List.of(Aggregates.match(filter),
                    Aggregates.group("$state", Accumulators.sum("n", 1)), Aggregates.sort(Sorts.ascending("_id"))))
                    .into(new ArrayList<>()), true);
        }
    }

    private static void assertSame(Bson filter, Function<MongoCollection<Document>, List<Document>> query,
                                   boolean ordered) {
        List<Document> expected = query.apply(collection(reference));
        for (MongoServer server : List.of(memory, h2)) {
            List<Document> actual = query.apply(collection(server));
            Supplier<String> what = () -> filter.toBsonDocument() + " on " + (server == h2 ? "h2" : "memory");
            if (ordered) {
                assertEquals(ids(expected), ids(actual), what);
            } else {
                assertEquals(new HashSet<>(expected), new HashSet<>(actual), what);
            }
        }
    }

    /** What a failure shows: ids, or whole documents when they have none (counts, groups). */
    private static List<Object> ids(List<Document> documents) {
        return documents.stream().map(d -> d.get("_id") instanceof String id ? id : d.toJson()).map(Object.class::cast)
                .toList();
    }

    private static List<Document> documents(Random random, int count) {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Document d = new Document("_id", "d" + i).append("owner", "o" + random.nextInt(10))
                    .append("at", Date.from(T0.plusSeconds(random.nextInt(86_400))));
            switch (random.nextInt(4)) {
                case 0 -> d.append("n", random.nextInt(8));
                case 1 -> d.append("n", (long) random.nextInt(8));
                case 2 -> d.append("n", random.nextInt(16) / 2.0);
                default -> {
                    // no n
                }
            }
            switch (random.nextInt(4)) {
                case 0 -> d.append("tags", List.of("t" + random.nextInt(4), "t" + random.nextInt(4)));
                case 1 -> d.append("tags", List.of());
                case 2 -> d.append("tags", "t" + random.nextInt(4));
                default -> {
                    // no tags
                }
            }
            switch (random.nextInt(3)) {
                case 0 -> d.append("state", random.nextBoolean() ? "A" : "B");
                case 1 -> d.append("state", null);
                default -> {
                    // no state
                }
            }
            if (random.nextBoolean()) {
                d.append("push", new Document("state", random.nextBoolean() ? "PENDING" : "QUEUED")
                        .append("dueAt", Date.from(T0.plusSeconds(random.nextInt(86_400))))
                        .append("leaseUntil", random.nextBoolean() ? null
                                : Date.from(T0.plusSeconds(random.nextInt(86_400)))));
            }
            documents.add(d);
        }
        return documents;
    }

    private static void openH2() {
        h2Store = new MVStore.Builder().fileName(dir.resolve("index-test.mv.db").toString()).open();
        h2 = new MongoServer(new DurableH2Backend(h2Store));
        h2.bind();
    }

    private static MongoCollection<Document> collection(MongoServer server) {
        MongoClient client = CLIENTS.computeIfAbsent(server,
                s -> MongoClients.create("mongodb://127.0.0.1:" + s.getLocalAddress().getPort()));
        return client.getDatabase("test").getCollection("docs");
    }
}
