package app.alongside.embedded;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The plan for one query: which secondary index narrows it, within which bounds, and whether the index's order
 * already is the query's sort, so that a page reads only as many documents as it returns. Queries a unique index
 * can serve ({@code _id}, unique keys) are left to it.
 */
record IndexScan<P>(SecondaryIndex<P> index, IndexBounds bounds, int order) {
    private static final int SORTED_WITH_LIMIT = 10;
    private static final String ID = "_id";
    private static final List<IndexKey> ID_KEY = List.of(new IndexKey(ID, true));

    /** The best plan for {@code query}, or null when no secondary index narrows it. */
    static <P> IndexScan<P> plan(List<Index<P>> indexes, Document query, Document orderBy, int limit) {
        IndexScan<P> best = null;
        int bestScore = 0;
        for (Index<P> index : indexes) {
            if (!(index instanceof SecondaryIndex<P> secondary)) {
                if (index.canHandle(query)) {
                    return null;
                }
                continue;
            }
            IndexBounds bounds = secondary.bounds(query);
            if (bounds == null) {
                continue;
            }
            int order = sorts(orderBy) ? secondary.order(bounds, orderBy) : 0;
            int score = bounds.narrowedKeys() * 2 + (order == 0 ? 0 : limit > 0 ? SORTED_WITH_LIMIT : 1);
            if (score > bestScore) {
                best = new IndexScan<>(secondary, bounds, order);
                bestScore = score;
            }
        }
        return best;
    }

    /**
     * The positions of the documents a query pins by {@code _id}, through the {@code _id} index, or null when it
     * pins none. The library's own {@code _id} index serves only a query that is nothing but {@code _id}; the driver
     * writes {@code Filters.and(eq("_id", id), ...)} as {@code $and}, which it would answer by scanning.
     */
    static <P> Iterable<P> byId(List<Index<P>> indexes, Document query) {
        IndexBounds bounds = IndexBounds.of(ID_KEY, query);
        if (bounds == null || bounds.pinned().isEmpty() || bounds.pinned().getFirst().contains(null)) {
            return null;
        }
        for (Index<P> index : indexes) {
            if (index.getKeys().size() == 1 && ID.equals(index.getKeys().getFirst().getKey())) {
                List<P> positions = new ArrayList<>();
                for (Object id : bounds.pinned().getFirst()) {
                    index.getPositions(new Document(ID, id)).forEach(positions::add);
                }
                return positions;
            }
        }
        return null;
    }

    static boolean sorts(Document orderBy) {
        return orderBy != null && !orderBy.isEmpty() && !orderBy.containsKey("$natural");
    }

    /** True when the candidates come in the query's sort order. */
    boolean sorted() {
        return order != 0;
    }

    /**
     * The candidate documents, each once, lazily: in the query's order when {@link #sorted()}, else in
     * {@code natural} order of positions (the collection's insertion order, as an unindexed scan gives) if given.
     */
    Stream<Document> documents(Function<P, Document> fetch, Comparator<P> natural) {
        Stream<P> positions = index.positions(bounds, order < 0);
        if (index.multikey() || !bounds.singlePoint()) {
            positions = positions.distinct();
        }
        if (!sorted() && natural != null) {
            positions = positions.sorted(natural);
        }
        return positions.map(fetch).filter(Objects::nonNull);
    }
}
