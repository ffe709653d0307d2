package app.alongside.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
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
    private static final String ID = "_id";
    private static final Object LOW = new Object();
    private static final Object HIGH = new Object();

    private final boolean[] descending;
    /** The key names, and whether each is a path into sub-documents, read once: every write and lookup uses them. */
    private final List<String> names;
    private final boolean[] paths;
    private final boolean unique;
    private final ConcurrentSkipListMap<Object[], P> entries;
    private volatile boolean multikey;

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
        this.descending = new boolean[keys.size()];
        this.paths = new boolean[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            descending[i] = !keys.get(i).isAscending();
            paths[i] = keys.get(i).getKey().contains(".");
        }
        this.names = keys.stream().map(IndexKey::getKey).toList();
        this.entries = new ConcurrentSkipListMap<>(this::compareEntries);
    }

    /** Fills the empty index from a collection's documents in one pass (the library reads them twice per index). */
    void build(Stream<DocumentWithPosition<P>> documents, MongoCollection<P> collection) {
        documents.forEach(d -> add(d.getDocument(), d.getPosition(), collection));
    }

    /** A value as the index holds it: numbers of equal value are one key, whatever their BSON type. */
    static Object normalize(Object value) {
        if (Missing.isNullOrMissing(value)) {
            return null;
        }
        if (value instanceof Number number && !(value instanceof Long l && l != (long) (double) l)) {
            double d = number.doubleValue();
            return d == 0.0 ? 0.0 : d;
        }
        return value;
    }

    /** True once any document held an array in a key: sorts can then not follow the index's order. */
    boolean multikey() {
        return multikey;
    }

    @Override
    public P getPosition(Document document) {
        for (Object[] entry : entriesOf(document)) {
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
        for (Object[] entry : entriesOf(document)) {
            Object id = entry[entry.length - 1];
            Object[] from = entry.clone();
            Object[] to = entry.clone();
            from[from.length - 1] = LOW;
            to[to.length - 1] = HIGH;
            boolean taken = entries.subMap(from, true, to, true).keySet().stream()
                    .anyMatch(other -> !itself || compareValues(other[other.length - 1], id) != 0);
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
        for (Object[] entry : entriesOf(document)) {
            entries.put(entry, position);
        }
    }

    @Override
    public P remove(Document document) {
        if (skips(document)) {
            return null;
        }
        P removed = null;
        for (Object[] entry : entriesOf(document)) {
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
        List<Object[]> before = skips(oldDocument) ? List.of() : entriesOf(oldDocument);
        List<Object[]> after = skips(newDocument) ? List.of() : entriesOf(newDocument);
        if (sameEntries(before, after)) {
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
            if (compareEntries(from, to) > 0) {
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
        if (multikey || !bounds.singlePoint()) {
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
            int wanted = (n.intValue() < 0) == descending[i] ? 1 : -1;
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
            Object high = multikey && bounds.low() != null ? null : bounds.highOrTypeHighest();
            boolean lowFirst = !descending[i];
            Object value = from == lowFirst ? low : high;
            edge[i++] = value != null ? value : (from ? LOW : HIGH);
        }
        for (; i <= size; i++) {
            edge[i] = from ? LOW : HIGH;
        }
        return edge;
    }

    private boolean skips(Document document) {
        return isSparse() && names.stream()
                .allMatch(key -> Missing.isNullOrMissing(Utils.getSubdocumentValue(document, key)));
    }

    /** One entry key per combination of the document's key values (more than one for arrays), ending in its id. */
    private List<Object[]> entriesOf(Document document) {
        List<Object[]> result = new ArrayList<>();
        result.add(new Object[names.size() + 1]);
        for (int i = 0; i < names.size(); i++) {
            List<Object> values = valuesOf(document, i);
            List<Object[]> next = new ArrayList<>(result.size() * values.size());
            for (Object[] partial : result) {
                for (Object value : values) {
                    Object[] entry = values.size() == 1 ? partial : partial.clone();
                    entry[i] = value;
                    next.add(entry);
                }
            }
            result = next;
        }
        Object id = normalize(document.get(ID));
        result.forEach(entry -> entry[names.size()] = id);
        return result;
    }

    private List<Object> valuesOf(Document document, int key) {
        Object value = paths[key] ? Utils.getSubdocumentValueCollectionAware(document, names.get(key))
                : document.getOrMissing(names.get(key));
        if (!(value instanceof Collection<?> values)) {
            return Collections.singletonList(normalize(value));
        }
        multikey = true;
        return values.isEmpty() ? Collections.singletonList(null) : distinctValues(values);
    }

    private static List<Object> distinctValues(Collection<?> values) {
        List<Object> distinct = new ArrayList<>();
        for (Object value : values) {
            Object normalized = normalize(value);
            if (distinct.stream().noneMatch(seen -> ValueComparator.asc().compare(seen, normalized) == 0)) {
                distinct.add(normalized);
            }
        }
        return distinct;
    }

    private static boolean sameEntries(List<Object[]> a, List<Object[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private int compareEntries(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = compareValues(a[i], b[i]);
            if (c != 0) {
                return i < descending.length && descending[i] && isValue(a[i]) && isValue(b[i]) ? -c : c;
            }
        }
        return 0;
    }

    private static boolean isValue(Object value) {
        return value != LOW && value != HIGH;
    }

    private static int compareValues(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a == LOW || b == HIGH) {
            return -1;
        }
        if (a == HIGH || b == LOW) {
            return 1;
        }
        // The keys the platform's indexes hold most (ids, dates), as ValueComparator orders them, without its
        // type checks: building the indexes when the store opens makes millions of these comparisons.
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a instanceof Instant x && b instanceof Instant y) {
            return x.compareTo(y);
        }
        return ValueComparator.asc().compare(a, b);
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
