package app.alongside.embedded;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a query asks of an index's keys, in key order: a set of values for each leading key the query pins (plain
 * equality or {@code $in}), then at most one range on the next key. The bounds only narrow the candidates: the
 * collection still matches every candidate against the whole query, so anything the bounds cannot express
 * ({@code $or}, {@code $ne}, {@code $exists}, regular expressions, arrays as values) is simply left to that match.
 * A range keeps to its bound's type, as MongoDB's comparisons do ({@code $lte: date} never matches a string).
 * Pinned values may be null: {@code {field: null}} also matches documents without the field, indexed as null.
 */
record IndexBounds(List<List<Object>> pinned, Object low, Object high) {
    private static final int MAX_COMBINATIONS = 1_000;

    /** The bounds {@code query} sets on {@code keys}, or null when it does not constrain the first key. */
    static IndexBounds of(List<IndexKey> keys, Document query) {
        Map<String, Object> conditions = new LinkedHashMap<>();
        List<Collection<?>> disjunctions = new ArrayList<>();
        collect(query, conditions, disjunctions);
        List<List<Object>> pinned = new ArrayList<>();
        int combinations = 1;
        for (IndexKey key : keys) {
            Object condition = conditions.get(key.getKey());
            List<Object> values = condition == null && !conditions.containsKey(key.getKey()) ? null
                    : equalValues(condition);
            if (values != null && combinations * values.size() <= MAX_COMBINATIONS) {
                pinned.add(values);
                combinations *= values.size();
                continue;
            }
            Object[] range = condition != null ? range(condition) : unionRange(disjunctions, key.getKey());
            if (range != null) {
                return new IndexBounds(pinned, range[0], range[1]);
            }
            break;
        }
        return pinned.isEmpty() ? null : new IndexBounds(pinned, null, null);
    }

    boolean hasRange() {
        return low != null || high != null;
    }

    /** True when every pinned key has a single value: the index then yields candidates in its own order. */
    boolean singlePoint() {
        return pinned.stream().allMatch(values -> values.size() == 1);
    }

    /** How many keys the bounds narrow: pinned keys, and the range key if any. */
    int narrowedKeys() {
        return pinned.size() + (hasRange() ? 1 : 0);
    }

    /** Every combination of pinned values, in key order. */
    List<List<Object>> points() {
        List<List<Object>> points = new ArrayList<>();
        points.add(List.of());
        for (List<Object> values : pinned) {
            List<List<Object>> next = new ArrayList<>();
            for (List<Object> prefix : points) {
                for (Object value : values) {
                    List<Object> point = new ArrayList<>(prefix);
                    point.add(value);
                    next.add(point);
                }
            }
            points = next;
        }
        return points;
    }

    /** The field conditions and {@code $or}s of a conjunction: top-level ones and those of nested {@code $and}s. */
    private static void collect(Document query, Map<String, Object> conditions, List<Collection<?>> disjunctions) {
        for (Map.Entry<String, Object> entry : query.entrySet()) {
            String field = entry.getKey();
            if ("$and".equals(field) && entry.getValue() instanceof Collection<?> clauses) {
                for (Object clause : clauses) {
                    if (clause instanceof Document document) {
                        collect(document, conditions, disjunctions);
                    }
                }
            } else if ("$or".equals(field) && entry.getValue() instanceof Collection<?> clauses) {
                disjunctions.add(clauses);
            } else if (!field.startsWith("$")) {
                conditions.putIfAbsent(field, entry.getValue());
            }
        }
    }

    /**
     * The range an {@code $or} allows {@code field} when every clause bounds it: a cursor's
     * {@code $or: [{at: {$lt: t}}, {at: t, _id: {$lt: id}}]} allows {@code at <= t}, so a later page starts where
     * the cursor points instead of reading the pages before it.
     */
    private static Object[] unionRange(List<Collection<?>> disjunctions, String field) {
        for (Collection<?> clauses : disjunctions) {
            Object[] union = null;
            for (Object clause : clauses) {
                Object[] range = clause instanceof Document document ? clauseRange(document, field) : null;
                if (range == null) {
                    union = null;
                    break;
                }
                union = union == null ? range : widen(union, range);
                if (union == null) {
                    break;
                }
            }
            if (union != null && (union[0] != null || union[1] != null)) {
                return union;
            }
        }
        return null;
    }

    private static Object[] clauseRange(Document clause, String field) {
        Map<String, Object> conditions = new LinkedHashMap<>();
        collect(clause, conditions, new ArrayList<>());
        Object condition = conditions.get(field);
        if (condition == null) {
            return null;
        }
        List<Object> values = equalValues(condition);
        if (values != null && values.size() == 1 && rangeable(values.getFirst())) {
            return new Object[] {values.getFirst(), values.getFirst()};
        }
        return range(condition);
    }

    /** The smallest range holding both, or null when their bounds are of different types. */
    private static Object[] widen(Object[] a, Object[] b) {
        Object low = a[0] == null || b[0] == null ? null : extreme(a[0], b[0], -1);
        Object high = a[1] == null || b[1] == null ? null : extreme(a[1], b[1], 1);
        boolean mixed = a[0] != null && b[0] != null && low == null || a[1] != null && b[1] != null && high == null;
        return mixed ? null : new Object[] {low, high};
    }

    private static Object extreme(Object a, Object b, int sign) {
        if (!sameKind(a, b)) {
            return null;
        }
        return Integer.signum(ValueComparator.asc().compare(a, b)) == sign ? a : b;
    }

    private static boolean sameKind(Object a, Object b) {
        return a instanceof Number && b instanceof Number || a instanceof String && b instanceof String
                || a instanceof Instant && b instanceof Instant;
    }

    /** The values an equality or {@code $in} condition allows, or null when it is not one an index can look up. */
    private static List<Object> equalValues(Object condition) {
        if (condition instanceof Document document && isOperators(document)) {
            if (document.size() == 1 && document.containsKey("$eq")) {
                return equalValues(document.get("$eq"));
            }
            if (document.size() == 1 && document.get("$in") instanceof Collection<?> values && !values.isEmpty()) {
                List<Object> found = new ArrayList<>();
                for (Object value : values) {
                    if (!lookupable(value)) {
                        return null;
                    }
                    found.add(EntryKeys.normalize(value));
                }
                return found;
            }
            return null;
        }
        return lookupable(condition) ? Collections.singletonList(EntryKeys.normalize(condition)) : null;
    }

    /** A scalar (or null): documents, arrays and regular expressions match in ways a point lookup cannot see. */
    private static boolean lookupable(Object value) {
        return !(value instanceof Document || value instanceof Collection<?> || value instanceof Map<?, ?>
                || BsonRegularExpression.isRegularExpression(value) || value instanceof java.util.regex.Pattern);
    }

    /** {@code [low, high]} (either null when open) of a range condition, or null when it is none. */
    private static Object[] range(Object condition) {
        if (!(condition instanceof Document document) || !isOperators(document)) {
            return null;
        }
        Object low = null;
        Object high = null;
        for (Map.Entry<String, Object> entry : document.entrySet()) {
            Object bound = EntryKeys.normalize(entry.getValue());
            if (!rangeable(bound)) {
                continue;
            }
            switch (entry.getKey()) {
                case "$gt", "$gte" -> low = bound;
                case "$lt", "$lte" -> high = bound;
                default -> {
                    // other operators are left to the full match
                }
            }
        }
        return low == null && high == null ? null : new Object[] {low, high};
    }

    private static boolean rangeable(Object bound) {
        return bound instanceof Number || bound instanceof String || bound instanceof Instant;
    }

    /** The range's low end: the query's, or the lowest value of its high end's type. */
    Object lowOrTypeLowest() {
        return low != null ? low : lowest(high);
    }

    /** The range's high end: the query's, or the highest of its low end's type (null: open, for strings). */
    Object highOrTypeHighest() {
        return high != null ? high : highest(low);
    }

    private static Object lowest(Object sameTypeAs) {
        return switch (sameTypeAs) {
            case Number ignored -> Double.NEGATIVE_INFINITY;
            case String ignored -> "";
            default -> Instant.MIN;
        };
    }

    /** The highest value of the bound's type, or null (open) for strings, which have none. */
    private static Object highest(Object sameTypeAs) {
        return switch (sameTypeAs) {
            case Number ignored -> Double.POSITIVE_INFINITY;
            case String ignored -> null;
            default -> Instant.MAX;
        };
    }

    private static boolean isOperators(Document document) {
        return !document.isEmpty() && document.keySet().stream().allMatch(key -> key.startsWith("$"));
    }
}
