package app.alongside.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Says, once per query shape, when a query scans a collection of some size because no index serves it, as
 * MongoDB's {@code notablescan} would refuse it: a missing index shows in the log instead of as a slow server.
 */
final class UnindexedQueries {
    private static final Logger LOG = Logger.getLogger(UnindexedQueries.class.getName());
    private static final int LARGE = 1_000;
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    private UnindexedQueries() {
    }

    static <P> void note(MongoCollection<P> collection, Document query, Document orderBy) {
        if (collection.count() < LARGE || collection.getIndexes().stream().anyMatch(i -> canServe(i, query))) {
            return;
        }
        String shape = collection.getCollectionName() + " " + shape(query) + " sort " + shape(orderBy);
        if (SEEN.add(shape)) {
            LOG.warning(() -> "a query scans " + collection.getCollectionName() + " (" + collection.count()
                    + " documents): no index serves " + shape);
        }
    }

    private static <P> boolean canServe(Index<P> index, Document query) {
        return !(index instanceof SecondaryIndex) && index.canHandle(query);
    }

    /** The query's fields and operators, without its values (which may be personal data). */
    private static String shape(Object value) {
        if (value instanceof Document document) {
            StringBuilder out = new StringBuilder("{");
            document.forEach((key, inner) -> out.append(out.length() > 1 ? ", " : "").append(key).append(": ")
                    .append(shape(inner)));
            return out.append('}').toString();
        }
        if (value instanceof java.util.Collection<?> values) {
            return values.stream().map(UnindexedQueries::shape).toList().toString();
        }
        return value == null ? "null" : "?";
    }
}
