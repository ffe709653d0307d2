package app.alongside.embedded;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * The layout of a {@link SecondaryIndex}'s entries: how a document becomes entry keys (one per combination of its
 * key values, ending in its {@code _id}) and how two entry keys order (BSON comparison order per key, ascending or
 * descending as the index says, with {@link #LOW} and {@link #HIGH} standing below and above every value to bound
 * a range). It notices arrays, so the index knows when it has become multikey.
 */
final class EntryKeys {
    static final Object LOW = new Object();
    static final Object HIGH = new Object();
    private static final String ID = "_id";

    private final boolean[] descending;
    /** The key names, and whether each is a path into sub-documents, read once: every write and lookup uses them. */
    private final List<String> names;
    private final boolean[] paths;
    private volatile boolean multikey;

    EntryKeys(List<IndexKey> keys) {
        this.descending = new boolean[keys.size()];
        this.paths = new boolean[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            descending[i] = !keys.get(i).isAscending();
            paths[i] = keys.get(i).getKey().contains(".");
        }
        this.names = keys.stream().map(IndexKey::getKey).toList();
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

    List<String> names() {
        return names;
    }

    boolean descending(int key) {
        return descending[key];
    }

    /** True once any document held an array in a key: sorts can then not follow the index's order. */
    boolean multikey() {
        return multikey;
    }

    /** One entry key per combination of the document's key values (more than one for arrays), ending in its id. */
    List<Object[]> entriesOf(Document document) {
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

    static boolean same(List<Object[]> a, List<Object[]> b) {
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

    int compare(Object[] a, Object[] b) {
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

    static int compareValues(Object a, Object b) {
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
}
