package app.alongside.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.bson.Document;

import java.util.Comparator;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** A memory-backend collection whose queries and leading aggregation matches go through its secondary indexes. */
final class IndexedMemoryCollection extends MemoryCollection {
    private final LongAdder documentsRead;
    /** True while this collection's own findAndModify runs (guarded by the collection's lock). */
    private boolean modifying;

    IndexedMemoryCollection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors,
                            LongAdder documentsRead) {
        super(database, name, options, cursors);
        this.documentsRead = documentsRead;
    }

    @Override
    protected Document getDocument(Integer position) {
        documentsRead.increment();
        return super.getDocument(position);
    }

    /** An unindexed query reads every document. */
    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                         Document fields) {
        documentsRead.add(count());
        return super.matchDocuments(query, orderBy, skip, limit, batchSize, fields);
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                         Document fields) {
        Iterable<Integer> byId = IndexScan.byId(getIndexes(), query);
        if (byId != null) {
            return matchDocuments(query, byId, orderBy, skip, limit, batchSize, fields);
        }
        IndexScan<Integer> scan = IndexScan.plan(getIndexes(), query, orderBy, limit);
        if (scan == null) {
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, fields);
        }
        Stream<Document> candidates = scan.documents(this::getDocument, Comparator.naturalOrder());
        return scan.sorted() ? matchDocumentsFromStream(query, candidates, skip, limit, batchSize, null, fields)
                : matchDocumentsFromStream(candidates, query, orderBy, skip, limit, batchSize, fields);
    }

    /**
     * A copy of what findAndModify made, taken under the lock ({@link Snapshots}). Its own query reads the stored
     * document, which the update then changes in place, so that query is not copied.
     */
    @Override
    public synchronized Document findAndModify(Document query) {
        modifying = true;
        try {
            return Snapshots.ofModified(super.findAndModify(query));
        } finally {
            modifying = false;
        }
    }

    @Override
    public synchronized QueryResult handleQuery(QueryParameters parameters) {
        QueryResult result = super.handleQuery(parameters);
        return modifying ? result : Snapshots.of(result);
    }

    @Override
    public Stream<Document> queryAllAsStream() {
        Document match = Aggregates.take(getDatabaseName(), getCollectionName());
        return match == null ? super.queryAllAsStream()
                : StreamSupport.stream(queryDocuments(match, null, 0, 0, 0, null).spliterator(), false);
    }
}
