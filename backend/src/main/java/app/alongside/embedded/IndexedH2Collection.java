package app.alongside.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** An H2-backend collection whose queries and leading aggregation matches go through its secondary indexes. */
final class IndexedH2Collection extends H2Collection {
    /** True while this collection's own findAndModify runs (guarded by the collection's lock). */
    private boolean modifying;

    IndexedH2Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
                        MVMap<String, Object> meta, CursorRegistry cursors) {
        super(database, name, options, data, meta, cursors);
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                         Document fields) {
        Iterable<Object> byId = IndexScan.byId(getIndexes(), query);
        if (byId != null) {
            return matchDocuments(query, byId, orderBy, skip, limit, batchSize, fields);
        }
        IndexScan<Object> scan = IndexScan.plan(getIndexes(), query, orderBy, limit);
        if (scan == null) {
            UnindexedQueries.note(this, query, orderBy);
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, fields);
        }
        Stream<Document> candidates = scan.documents(this::getDocument, null);
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
