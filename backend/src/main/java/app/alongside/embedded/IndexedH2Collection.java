package app.alongside.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Assert;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.IndexBuildFailedException;
import de.bwaldvogel.mongo.exception.MongoServerError;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An H2-backend collection whose queries and leading aggregation matches go through its secondary indexes, and whose
 * reads take no lock.
 *
 * <p>mongo-java-server runs every query of a collection under the collection's monitor, so one slow read holds up
 * all others, and it updates a document by changing the instance it read. Here the map holds each document as BSON
 * ({@link BsonDocumentType.Stored}) and every read decodes a copy of its own: an update (which still runs under the
 * monitor, one at a time) changes its copy and puts the new BSON in the map, and a query runs beside it without the
 * monitor, seeing each document as one update left it, never half-way. MVStore's map and the secondary indexes are
 * safe to read while they change. As on MongoDB without a snapshot, a query running while a document's indexed key
 * changes may miss that document or see it twice.
 */
final class IndexedH2Collection extends H2Collection {
    /** The documents by {@code _id}; the library's own reference to the map is never used (every use is here). */
    private final MVMap<Object, Object> data;

    @SuppressWarnings({"unchecked", "rawtypes"})
    IndexedH2Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Object> data,
                        MVMap<String, Object> meta, CursorRegistry cursors) {
        super(database, name, options, (MVMap) data, meta, cursors);
        this.data = data;
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
     * As the library's, but an exclusion of top-level fields (how the platform leaves out a record's history) removes
     * them from the decoded copy: the library deep-copies each document first, which costs more than the query.
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
        excluded.forEach(document::remove);
        return document;
    }

    @Override
    protected Object addDocumentInternal(Document document) {
        Object key = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField()) : UUID.randomUUID();
        Object previous = data.put(Missing.ofNullable(key), BsonDocumentType.store(document));
        Assert.isNull(previous, () -> "Document with key '" + key + "' already existed in " + this);
        return key;
    }

    @Override
    public int count() {
        return data.size();
    }

    @Override
    public boolean isEmpty() {
        return data.isEmpty();
    }

    @Override
    protected Document getDocument(Object position) {
        return BsonDocumentType.document(data.get(position));
    }

    @Override
    protected void removeDocument(Object position) {
        if (data.remove(position) == null) {
            throw new NoSuchElementException("No document with key " + position);
        }
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return data.entrySet().stream().map(entry -> new DocumentWithPosition<>(
                BsonDocumentType.document(entry.getValue()), entry.getKey()));
    }

    /** The unindexed scan, in key order (or reversed for {@code $natural: -1}). */
    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                         Document fields) {
        Stream<Document> documents = isNaturalDescending(orderBy)
                ? StreamSupport.stream(Spliterators.spliteratorUnknownSize(
                        data.keyIteratorReverse(null), Spliterator.ORDERED), false)
                        .map(this::getDocument).filter(Objects::nonNull)
                : data.values().stream().map(BsonDocumentType::document);
        return matchDocumentsFromStream(documents, query, orderBy, skip, limit, batchSize, fields);
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        data.put(Missing.ofNullable(position), BsonDocumentType.store(newDocument));
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
    public Stream<Document> queryAllAsStream() {
        Document match = Aggregates.take(getDatabaseName(), getCollectionName());
        return match == null ? super.queryAllAsStream()
                : StreamSupport.stream(queryDocuments(match, null, 0, 0, 0, null).spliterator(), false);
    }
}
