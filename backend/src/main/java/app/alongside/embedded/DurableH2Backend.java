package app.alongside.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;

/**
 * The embedded default's engine: mongo-java-server's H2 (MVStore file) backend with secondary indexes, honouring
 * journaled write concerns. A write command that asks for {@code j: true} or {@code w: "majority"} (the App asks
 * for both on every write) is answered only once the file holds it and is synced to disk; concurrent writers share
 * one commit and sync ({@link GroupCommit}). Secondary indexes live in memory and are rebuilt from the documents
 * when the store opens, so a crash can never leave them behind the data.
 */
public final class DurableH2Backend extends H2Backend {
    private final GroupCommit commits;

    public DurableH2Backend(MVStore store) {
        super(store);
        this.commits = new GroupCommit(store);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return Database.open(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        Document answer = super.handleCommand(channel, database, command, query);
        if (journaled(query.get("writeConcern"))) {
            commits.awaitDurable();
        }
        return answer;
    }

    /** How many commits and syncs served how many journaled writes, for logs and tests. */
    public GroupCommit.Counts commitCounts() {
        return commits.counts();
    }

    private static boolean journaled(Object writeConcern) {
        return writeConcern instanceof Document concern
                && (Boolean.TRUE.equals(concern.get("j")) || "majority".equals(concern.get("w")));
    }

    private static final class Database extends H2Database {
        private static final String DATA_PREFIX = "databases.";
        private static final String META_PREFIX = "meta.";
        /** H2Database opens its collections in its constructor, before this class's fields are set. */
        private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();
        private final MVStore store;

        private Database(String name, MVStore store, CursorRegistry cursors) {
            super(name, store, cursors);
            this.store = store;
        }

        static Database open(String name, MVStore store, CursorRegistry cursors) {
            OPENING.set(store);
            try {
                return new Database(name, store, cursors);
            } finally {
                OPENING.remove();
            }
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String name, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(name);
            MVStore mvStore = store != null ? store : OPENING.get();
            MVMap<Object, Object> data = mvStore.openMap(DATA_PREFIX + namespace,
                    new MVMap.Builder<Object, Object>().valueType(BsonDocumentType.INSTANCE));
            return new IndexedH2Collection(this, name, options, data, mvStore.openMap(META_PREFIX + namespace),
                    cursorRegistry);
        }

        /**
         * Every unique index, {@code _id}'s included, is this package's: held in memory and built when the store
         * opens. The library's own {@code _id} index, a map in the file, is removed when found: a version that
         * still uses it finds it missing and builds it again from the documents.
         */
        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collection, String name, List<IndexKey> keys,
                                                         boolean sparse) {
            MVStore mvStore = store != null ? store : OPENING.get();
            String stored = getFullCollectionNamespace(collection) + "._index_" + name;
            if (mvStore.hasMap(stored)) {
                mvStore.removeMap(stored);
            }
            return SecondaryIndex.unique(name, keys, sparse);
        }

        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collection, String name, List<IndexKey> keys,
                                                           boolean sparse) {
            return new SecondaryIndex<>(name, keys, sparse);
        }

        @Override
        public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver,
                                      Oplog oplog) {
            return Aggregates.run(getDatabaseName(), command, query,
                    () -> super.handleCommand(channel, command, query, resolver, oplog));
        }
    }
}
