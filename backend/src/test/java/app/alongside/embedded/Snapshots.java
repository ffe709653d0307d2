package app.alongside.embedded;

import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * Copies of what a collection answers, taken while the collection's lock is held. mongo-java-server updates a
 * stored document in place and answers with the stored instance itself, then writes the answer to the wire after
 * the lock is released: a concurrent update can change it in between. Under concurrent {@code findOneAndUpdate}
 * calls with {@code $inc}, a thread's sequence counter answered 1,111 duplicate values in 1,600 calls; a find can
 * likewise show a document half-way through an update. Answering copies makes both what the write made. The memory
 * backend of the tests needs them; the file store never changes a stored document ({@code IndexedH2Collection}).
 */
final class Snapshots {
    private Snapshots() {
    }

    /** A findAndModify answer with a copy of its {@code value}. */
    static Document ofModified(Document answer) {
        if (answer.get("value") instanceof Document value) {
            answer.put("value", value.cloneDeeply());
        }
        return answer;
    }

    /** A query's first batch as copies (later batches, read through its cursor, are not copied). */
    static QueryResult of(QueryResult result) {
        List<Document> copies = new ArrayList<>();
        result.forEach(document -> copies.add(document.cloneDeeply()));
        return new QueryResult(copies, result.getCursorId());
    }
}
