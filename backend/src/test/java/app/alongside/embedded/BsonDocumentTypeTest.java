package app.alongside.embedded;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The file store keeps documents as BSON, on disk and in its page cache (a read decodes a copy of its own): every type
 * the driver sends comes back as it went in, after the store is closed and opened again, and a file written by the
 * library's own H2 backend (Java-serialized documents) opens, answers as before (its {@code _id} index now in memory)
 * and moves over to BSON as its pages change.
 */
class BsonDocumentTypeTest {
    @TempDir
    Path dir;

    @Test
    void everyBsonTypeTheDriverSendsSurvivesAReopen() {
        Path file = dir.resolve("types.mv.db");
        Document sent = new Document("_id", "every-type").append("text", "Ünïcödé and 😀").append("int", 42)
                .append("long", 1L << 40).append("double", 2.5).append("flag", true).append("nothing", null)
                .append("date", new Date(1_796_166_478_123L)).append("oid", new ObjectId())
                .append("decimal", new Decimal128(new BigDecimal("12.345")))
                .append("binary", new Binary(new byte[] {1, 2, 3})).append("uuid", new Binary((byte) 4, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}))
                .append("list", List.of(1, "two", new Document("three", 3), List.of()))
                .append("nested", new Document("deeper", new Document("deepest", List.of(new Date(0)))));
        withServer(file, DurableH2Backend::new, docs -> docs.insertOne(sent));
        withServer(file, DurableH2Backend::new, docs -> assertEquals(sent, docs.find().first()));
        assertEquals(BsonDocumentType.BSON_TAG, firstValueTag(file));
    }

    @Test
    void aStoreWrittenWithJavaSerializationOpensAndMovesOverAsItChanges() {
        Path file = dir.resolve("legacy.mv.db");
        List<Document> written = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            written.add(new Document("_id", String.format("r%03d", i)).append("ownerId", "p" + i % 5)
                    .append("createdAt", new Date(1_700_000_000_000L + i * 1000L)).append("tags", List.of("a", i)));
        }
        withServer(file, H2Backend::new, docs -> {
            docs.insertMany(written);
            docs.createIndex(Indexes.compoundIndex(Indexes.ascending("ownerId"), Indexes.descending("createdAt")));
        });
        assertNotEquals(BsonDocumentType.BSON_TAG, firstValueTag(file));

        withServer(file, DurableH2Backend::new, docs -> {
            assertEquals(written, docs.find().sort(Sorts.ascending("_id")).into(new ArrayList<>()));
            assertEquals(List.of("r045", "r040"), docs.find(Filters.eq("ownerId", "p0"))
                    .sort(Sorts.descending("createdAt")).limit(2).map(d -> d.getString("_id")).into(new ArrayList<>()));
            docs.updateOne(Filters.eq("_id", "r000"), Updates.set("ownerId", "moved"));
            MongoWriteException duplicate = assertThrows(MongoWriteException.class,
                    () -> docs.insertOne(new Document("_id", "r001")));
            assertEquals(11000, duplicate.getCode());
        });
        assertFalse(mapExists(file, "test.docs._index__id_"), "the library's _id index map is gone");
        withServer(file, DurableH2Backend::new, docs -> {
            assertEquals(1, docs.countDocuments(Filters.eq("ownerId", "moved")));
            assertEquals(9, docs.countDocuments(Filters.eq("ownerId", "p0")));
            assertEquals(written.get(1), docs.find(Filters.eq("_id", "r001")).first());
        });
        assertEquals(BsonDocumentType.BSON_TAG, firstValueTag(file));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMapHoldsBsonBytesAndEveryReadDecodesACopyOfItsOwn() {
        Path file = dir.resolve("stored.mv.db");
        de.bwaldvogel.mongo.bson.Document written = new de.bwaldvogel.mongo.bson.Document("_id", "r1")
                .append("title", "Started college").append("tags", new ArrayList<>(List.of("education")))
                .append("push", new de.bwaldvogel.mongo.bson.Document("state", "PENDING"));
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        MVMap<Object, Object> map = store.openMap("docs",
                new MVMap.Builder<Object, Object>().valueType(BsonDocumentType.INSTANCE));
        map.put("r1", BsonDocumentType.store(written));
        store.close();

        MVStore reopened = new MVStore.Builder().fileName(file.toString()).open();
        try {
            Object held = reopened.openMap("docs",
                    new MVMap.Builder<Object, Object>().valueType(BsonDocumentType.INSTANCE)).get("r1");
            assertInstanceOf(BsonDocumentType.Stored.class, held, "one byte array, not a tree of maps");
            de.bwaldvogel.mongo.bson.Document first = BsonDocumentType.document(held);
            assertEquals(written, first);
            ((List<Object>) first.get("tags")).add("changed by a reader");
            ((de.bwaldvogel.mongo.bson.Document) first.get("push")).put("state", "SENT");
            assertEquals(written, BsonDocumentType.document(held), "what one reader changes, no other read sees");
            assertEquals(32 + BsonDocumentType.encode(written).length, BsonDocumentType.INSTANCE.getMemory(held));
        } finally {
            reopened.close();
        }
    }

    @Test
    void aValueBsonCannotHoldIsWrittenTheOldWayInsteadOfFailingTheCommit() {
        Path file = dir.resolve("odd.mv.db");
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        MVMap<Object, de.bwaldvogel.mongo.bson.Document> map = store.openMap("odd",
                new MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>().valueType(BsonDocumentType.INSTANCE));
        map.put("x", new de.bwaldvogel.mongo.bson.Document("when", new java.util.Date(5)));
        store.close();
        MVStore reopened = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            Object when = reopened.openMap("odd", new MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>()
                    .valueType(BsonDocumentType.INSTANCE)).get("x").get("when");
            assertInstanceOf(java.util.Date.class, when);
        } finally {
            reopened.close();
        }
    }

    private static boolean mapExists(Path file, String name) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            return store.hasMap(name);
        } finally {
            store.close();
        }
    }

    /** The tag the first stored document of the collection test.docs starts with. */
    private static byte firstValueTag(Path file) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            String name = "databases.test.docs";
            byte[] tag = new byte[1];
            MVMap<Object, Object> map = store.openMap(name, new MVMap.Builder<Object, Object>()
                    .valueType(new BasicDataType<>() {
                        @Override
                        public int getMemory(Object value) {
                            return 1;
                        }

                        @Override
                        public void write(WriteBuffer buffer, Object value) {
                            throw new UnsupportedOperationException("read only");
                        }

                        @Override
                        public Object read(ByteBuffer buffer) {
                            tag[0] = buffer.get(buffer.position());
                            return BsonDocumentType.INSTANCE.read(buffer);
                        }

                        @Override
                        public Object[] createStorage(int size) {
                            return new Object[size];
                        }
                    }));
            map.get(map.firstKey());
            return tag[0];
        } finally {
            store.close();
        }
    }

    private static void withServer(Path file, Function<MVStore, de.bwaldvogel.mongo.MongoBackend> backend,
                                   Consumer<MongoCollection<Document>> use) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        MongoServer server = new MongoServer(backend.apply(store));
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            use.accept(client.getDatabase("test").getCollection("docs"));
        } finally {
            server.shutdownNow();
            store.close();
        }
    }
}
