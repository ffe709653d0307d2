package app.alongside.embedded;

import de.bwaldvogel.mongo.bson.Document;

import java.util.List;
import java.util.function.Supplier;

/**
 * Lets an aggregation whose pipeline starts with {@code $match} read only the documents an index selects, as
 * MongoDB does. mongo-java-server runs every pipeline over the whole collection
 * ({@code MongoCollection.queryAllAsStream()}); the database marks the command's collection and first match for
 * the duration of the command (on its own thread), and the collection's {@code queryAllAsStream} takes the mark
 * once. The {@code $match} stage still runs, so candidates are matched exactly as before.
 */
final class Aggregates {
    record Match(String database, String collection, Document query) {
    }

    private static final ThreadLocal<Match> CURRENT = new ThreadLocal<>();

    private Aggregates() {
    }

    static Document run(String database, String command, Document query, Supplier<Document> handler) {
        Match match = leadingMatch(database, command, query);
        if (match == null) {
            return handler.get();
        }
        CURRENT.set(match);
        try {
            return handler.get();
        } finally {
            CURRENT.remove();
        }
    }

    /** The leading match marked for this collection, taken once; null when there is none. */
    static Document take(String database, String collection) {
        Match match = CURRENT.get();
        if (match == null || !match.database().equals(database) || !match.collection().equals(collection)) {
            return null;
        }
        CURRENT.remove();
        return match.query();
    }

    private static Match leadingMatch(String database, String command, Document query) {
        if (!"aggregate".equalsIgnoreCase(command) || !(query.get("aggregate") instanceof String collection)
                || !(query.get("pipeline") instanceof List<?> pipeline) || pipeline.isEmpty()
                || !(pipeline.getFirst() instanceof Document first) || !(first.get("$match") instanceof Document m)) {
            return null;
        }
        return new Match(database, collection, m);
    }
}
