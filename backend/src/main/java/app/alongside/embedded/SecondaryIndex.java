package app.alongside.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/**
 * A non-unique, compound secondary index for mongo-java-server's backends, served through the library's extension
 * point ({@code AbstractMongoDatabase.openOrCreateSecondaryIndex}). Entries are ordered as MongoDB orders an
 * index: by each key's value in BSON comparison order, ascending or descending per key, then by the document's
 * {@code _id}, which also identifies an entry on update and delete. A document whose key holds an array has an
 * entry per element (a multikey index), and a missing key is indexed as null, as MongoDB does.
 *
 * <p>It also serves unique indexes (the library's own serve equality on every key only, so a range such as a
 * thread's messages after a sequence number would scan the collection): then a key already held by another
 * document is refused with MongoDB's duplicate-key error, as the library's unique indexes do. On the file store it
 * is {@code _id}'s index too: the library's keeps its entries in MVStore and compares them by Java-serializing both
 * keys, on every lookup and on every write.
 *
 * <p>It is held in memory and built from the documents when the collection opens, so it can never disagree with
 * them after a crash. Lookups return a superset of the matches; the collection matches each candidate against the
 * whole query.
 */
final class SecondaryIndex<P> extends Index<P> {
    private final EntryKeys layout;
    private final boolean unique;
    private final ConcurrentSkipListMap<Object[], P> entries;

    SecondaryIndex(String name, List<IndexKey> keys, boolean sparse) {
        this(name, keys, sparse, false);
    }

    /** A unique index, {@code _id}'s included: a key another document holds is refused. */
    static <P> SecondaryIndex<P> unique(String name, List<IndexKey> keys, boolean sparse) {
        return new SecondaryIndex<>(name, keys, sparse, true);
    }

    private SecondaryIndex(String name, List<IndexKey> keys, boolean sparse, boolean unique) {
        super(name, keys, sparse);
        this.unique = unique;
        this.layout = new EntryKeys(keys);
        this.entries = new ConcurrentSkipListMap<>(this.layout::compare);
    }

    /** Fills the empty index from a collection's documents in one pass (the library reads them twice per index). */
    void build(Stream<DocumentWithPosition<P>> documents, MongoCollection<P> collection) {
        documents.forEach(d -> add(d.getDocument(), d.getPosition(), collection));
    }

    /** True once any document held an array in a key: sorts can then not follow the index's order. */
    boolean multikey() {
        return layout.multikey();
    }

    @Override
    public P getPosition(Document document) {
        for (Object[] entry : layout.entriesOf(document)) {
            P position = entries.get(entry);
            if (position != null) {
                return position;
            }
        }
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        checkUnique(document, false, collection);
    }

    @Override
    public boolean isUnique() {
        return unique;
    }

    /**
     * Refuses {@code document} when a unique index holds one of its keys already: for a new document any holder,
     * for an updated one ({@code itself} true) another document than itself.
     */
    private void checkUnique(Document document, boolean itself, MongoCollection<P> collection) {
        if (!unique || skips(document)) {
            return;
        }
        for (Object[] entry : layout.entriesOf(document)) {
            Object id = entry[entry.length - 1];
            Object[] from = entry.clone();
            Object[] to = entry.clone();
            from[from.length - 1] = EntryKeys.LOW;
            to[to.length - 1] = EntryKeys.HIGH;
            boolean taken = entries.subMap(from, true, to, true).keySet().stream()
                    .anyMatch(other -> !itself || EntryKeys.compareValues(other[other.length - 1], id) != 0);
            if (taken) {
                throw new DuplicateKeyError(this, collection, getKeys(),
                        new KeyValue(Arrays.asList(entry).subList(0, entry.length - 1)));
            }
        }
    }

    @Override
    public void add(Document document, P position, MongoCollection<P> collection) {
        if (skips(document)) {
            return;
        }
        checkUnique(document, false, collection);
        for (Object[] entry : layout.entriesOf(document)) {
            entries.put(entry, position);
        }
    }

    @Override
    public P remove(Document document) {
        if (skips(document)) {
            return null;
        }
        P removed = null;
        for (Object[] entry : layout.entriesOf(document)) {
            P position = entries.remove(entry);
            removed = position != null ? position : removed;
        }
        return removed;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        checkUnique(newDocument, true, collection);
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection) {
        List<Object[]> before = skips(oldDocument) ? List.of() : layout.entriesOf(oldDocument);
        List<Object[]> after = skips(newDocument) ? List.of() : layout.entriesOf(newDocument);
        if (EntryKeys.same(before, after)) {
            return;
        }
        before.forEach(entries::remove);
        after.forEach(entry -> entries.put(entry, position));
    }

    @Override
    public boolean canHandle(Document query) {
        return bounds(query) != null;
    }

    /** The bounds {@code query} sets on this index, or null when it cannot narrow the query. */
    IndexBounds bounds(Document query) {
        IndexBounds bounds = IndexBounds.of(getKeys(), query);
        if (bounds == null || isSparse() && bounds.pinned().stream().anyMatch(values -> values.contains(null))) {
            return null;
        }
        return bounds;
    }

    @Override
    public Iterable<P> getPositions(Document query) {
        return positions(bounds(query), false).distinct().toList();
    }

    /**
     * The positions within {@code bounds}, in the index's order (or its reverse), each once only when the index
     * is not multikey. Lazy: a caller that stops after a page reads no more of the index than that.
     */
    Stream<P> positions(IndexBounds bounds, boolean reverse) {
        List<List<Object>> points = bounds.points();
        if (reverse) {
            points = points.reversed();
        }
        return points.stream().flatMap(point -> {
            Object[] from = edge(point, bounds, true);
            Object[] to = edge(point, bounds, false);
            if (layout.compare(from, to) > 0) {
                return Stream.empty();
            }
            NavigableMap<Object[], P> range = entries.subMap(from, true, to, true);
            return (reverse ? range.descendingMap() : range).values().stream();
        });
    }

    /**
     * Whether candidates within {@code bounds} come out of the index already in {@code orderBy}'s order, and if so
     * whether forwards (1) or backwards (-1); 0 when they must be sorted. The sort keys must be the index keys
     * after the pinned ones, all in the index's directions or all reversed.
     */
    int order(IndexBounds bounds, Document orderBy) {
        if (layout.multikey() || !bounds.singlePoint()) {
            return 0;
        }
        List<IndexKey> keys = getKeys();
        int first = bounds.pinned().size();
        if (orderBy.size() > keys.size() - first) {
            return 0;
        }
        int direction = 0;
        int i = first;
        for (Map.Entry<String, Object> sort : orderBy.entrySet()) {
            if (!sort.getKey().equals(keys.get(i).getKey()) || !(sort.getValue() instanceof Number n)) {
                return 0;
            }
            int wanted = (n.intValue() < 0) == layout.descending(i) ? 1 : -1;
            if (direction != 0 && wanted != direction) {
                return 0;
            }
            direction = wanted;
            i++;
        }
        return direction == 0 ? 1 : direction;
    }

    /** The first ({@code from}) or last entry key of a point's range, in index order. */
    private Object[] edge(List<Object> point, IndexBounds bounds, boolean from) {
        int size = getKeys().size();
        Object[] edge = new Object[size + 1];
        int i = 0;
        for (; i < point.size(); i++) {
            edge[i] = point.get(i);
        }
        if (bounds.hasRange() && i < size) {
            Object low = bounds.lowOrTypeLowest();
            Object high = layout.multikey() && bounds.low() != null ? null : bounds.highOrTypeHighest();
            boolean lowFirst = !layout.descending(i);
            Object value = from == lowFirst ? low : high;
            edge[i++] = value != null ? value : (from ? EntryKeys.LOW : EntryKeys.HIGH);
        }
        for (; i <= size; i++) {
            edge[i] = from ? EntryKeys.LOW : EntryKeys.HIGH;
        }
        return edge;
    }

    private boolean skips(Document document) {
        return isSparse() && layout.names().stream()
                .allMatch(key -> Missing.isNullOrMissing(Utils.getSubdocumentValue(document, key)));
    }

    @Override
    public long getCount() {
        return entries.size();
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public void drop() {
        entries.clear();
    }
}
