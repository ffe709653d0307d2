package app.alongside.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.IndexBuildFailedException;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.oplog.Oplog;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An H2-backend collection whose queries and leading aggregation matches go through its secondary indexes, and whose
 * reads take no lock.
 *
 * <p>mongo-java-server runs every query of a collection under the collection's monitor, so one slow read holds up
 * all others, and it updates a stored document by changing that instance in place. Here a stored document is never
 * changed once it is in the map: an update (which still runs under the monitor, one at a time) reads copies, changes
 * its copy and puts it in the map as a new value. A query can therefore run beside updates without the monitor and
 * without copying what it answers: it sees each document as one update left it, never half-way. MVStore's map and
 * the secondary indexes are safe to read while they change. As on MongoDB without a snapshot, a query running while
 * a document's indexed key changes may miss that document or see it twice.
 */
final class IndexedH2Collection extends H2Collection {
    /** The thread running an update of this collection, under its monitor: its reads get copies to change. */
    private volatile Thread updating;

    IndexedH2Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
                        MVMap<String, Object> meta, CursorRegistry cursors) {
        super(database, name, options, data, meta, cursors);
    }

    /** What {@code AbstractMongoCollection.handleQuery} does, without the monitor its subclass wraps around it. */
    @Override
    public QueryResult handleQuery(QueryParameters parameters) {
        Document selector = parameters.getQuerySelector();
        Document query = selector;
        Document orderBy = null;
        for (String wrapper : List.of("query", "$query")) {
            if (selector.containsKey(wrapper)) {
                query = (Document) selector.get(wrapper);
                orderBy = (Document) selector.get(wrapper.startsWith("$") ? "$orderby" : "orderby");
                break;
            }
        }
        return queryDocuments(query, orderBy, parameters.getNumberToSkip(), parameters.getLimit(),
                parameters.getBatchSize(), parameters.getProjection());
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

    /** As the library's, but a document deleted since its position was read is left out, not a failure. */
    @Override
    protected QueryResult matchDocuments(Document query, Iterable<Object> positions, Document orderBy, int skip,
                                         int limit, int batchSize, Document fields) {
        Stream<Document> documents = StreamSupport.stream(positions.spliterator(), false).map(this::getDocument)
                .filter(Objects::nonNull);
        return matchDocumentsFromStream(documents, query, orderBy, skip, limit, batchSize, fields);
    }

    /**
     * As the library's, but an exclusion of top-level fields (how the platform leaves out a record's history) is a
     * shallow copy without them: the library deep-copies each document first, which costs more than the query. A
     * stored document never changes, so the answer may share its values.
     */
    @Override
    protected QueryResult matchDocumentsFromStream(Document query, Stream<Document> documents, int skip, int limit,
                                                   int batchSize, Comparator<Document> order, Document fields) {
        List<String> excluded = topLevelExclusions(fields);
        if (excluded == null) {
            return super.matchDocumentsFromStream(query, documents, skip, limit, batchSize, order, fields);
        }
        Stream<Document> matched = documents.filter(document -> documentMatchesQuery(document, query));
        if (order != null) {
            matched = matched.sorted(order);
        }
        if (skip > 0) {
            matched = matched.skip(skip);
        }
        if (limit > 0) {
            matched = matched.limit(limit);
        }
        return createQueryResult(matched.map(document -> without(document, excluded))
                .collect(Collectors.toCollection(ArrayList::new)), batchSize);
    }

    /** The fields a projection leaves out, when it only leaves out top-level fields; otherwise null. */
    private static List<String> topLevelExclusions(Document fields) {
        if (fields == null || fields.isEmpty()) {
            return null;
        }
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            Object value = field.getValue();
            boolean excludes = value instanceof Number n && n.doubleValue() == 0 || Boolean.FALSE.equals(value);
            if (!excludes || field.getKey().contains(".") || field.getKey().startsWith("$")) {
                return null;
            }
        }
        return List.copyOf(fields.keySet());
    }

    private static Document without(Document document, List<String> excluded) {
        Document copy = new Document(document);
        excluded.forEach(copy::remove);
        return copy;
    }

    /** The unindexed scan: the stored documents, or for an update copies of those that match, in key order. */
    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                         Document fields) {
        if (!updatingHere()) {
            return super.matchDocuments(query, orderBy, skip, limit, batchSize, fields);
        }
        List<Document> copies = new ArrayList<>(super.streamAllDocumentsWithPosition()
                .map(DocumentWithPosition::getDocument).filter(document -> documentMatchesQuery(document, query))
                .map(Document::cloneDeeply).toList());
        if (isNaturalDescending(orderBy)) {
            Collections.reverse(copies);
        }
        return matchDocumentsFromStream(copies.stream(), query, orderBy, skip, limit, batchSize, fields);
    }

    @Override
    protected Document getDocument(Object position) {
        Document stored = super.getDocument(position);
        return stored != null && updatingHere() ? stored.cloneDeeply() : stored;
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        Stream<DocumentWithPosition<Object>> all = super.streamAllDocumentsWithPosition();
        return updatingHere() ? all.map(d -> new DocumentWithPosition<>(d.getDocument().cloneDeeply(),
                d.getPosition())) : all;
    }

    /** An index of this package is built in one pass over the documents; the library's reads them twice. */
    @Override
    public synchronized void addIndex(Index<Object> index) {
        if (index instanceof SecondaryIndex<Object> secondary && secondary.isEmpty()
                && getIndexes().stream().noneMatch(i -> i.getName().equals(index.getName()))) {
            try {
                secondary.build(streamAllDocumentsWithPosition(), this);
            } catch (MongoServerError e) {
                secondary.drop();
                throw new IndexBuildFailedException(e, this);
            }
        }
        super.addIndex(index);
    }

    @Override
    public synchronized Document findAndModify(Document query) {
        return asUpdate(() -> super.findAndModify(query));
    }

    @Override
    public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters,
                                                 boolean multi, boolean upsert, Oplog oplog) {
        return asUpdate(() -> super.updateDocuments(selector, update, arrayFilters, multi, upsert, oplog));
    }

    private <T> T asUpdate(Supplier<T> update) {
        Thread outer = updating;
        updating = Thread.currentThread();
        try {
            return update.get();
        } finally {
            updating = outer;
        }
    }

    private boolean updatingHere() {
        return updating == Thread.currentThread();
    }

    @Override
    public Stream<Document> queryAllAsStream() {
        Document match = Aggregates.take(getDatabaseName(), getCollectionName());
        return match == null ? super.queryAllAsStream()
                : StreamSupport.stream(queryDocuments(match, null, 0, 0, 0, null).spliterator(), false);
    }
}
