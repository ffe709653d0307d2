package app.alongside.embedded;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * mongo-java-server's memory backend with real secondary indexes: what tests and benchmarks run on. It counts the
 * documents its queries read ({@link #documentsRead()}), so tests can hold that a query reads about as many
 * documents as it returns.
 */
public final class IndexedMemoryBackend extends MemoryBackend {
    private final LongAdder documentsRead = new LongAdder();

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getCursorRegistry(), documentsRead);
    }

    /** Documents read by queries, updates, deletes and aggregations since the backend started. */
    public long documentsRead() {
        return documentsRead.sum();
    }

    private static final class Database extends MemoryDatabase {
        /** MemoryDatabase opens its collections in its constructor, before this class's fields are set. */
        private static final ThreadLocal<LongAdder> OPENING = new ThreadLocal<>();
        private final LongAdder documentsRead;

        private Database(String name, CursorRegistry cursors, LongAdder documentsRead) {
            super(name, opening(cursors, documentsRead));
            this.documentsRead = documentsRead;
            OPENING.remove();
        }

        private static CursorRegistry opening(CursorRegistry cursors, LongAdder documentsRead) {
            OPENING.set(documentsRead);
            return cursors;
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String name, CollectionOptions options) {
            LongAdder counter = documentsRead != null ? documentsRead : OPENING.get();
            return new IndexedMemoryCollection(this, name, options, cursorRegistry, counter);
        }

        @Override
        protected Index<Integer> openOrCreateSecondaryIndex(String collection, String name, List<IndexKey> keys,
                                                            boolean sparse) {
            return new SecondaryIndex<>(name, keys, sparse);
        }

        @Override
        public Document handleCommand(Channel channel, String command, Document query,
                                      de.bwaldvogel.mongo.backend.DatabaseResolver resolver, Oplog oplog) {
            return Aggregates.run(getDatabaseName(), command, query,
                    () -> super.handleCommand(channel, command, query, resolver, oplog));
        }
    }
}
