package app.alongside.push;

import app.alongside.platform.core.Ids;
import app.alongside.platform.store.IndexPlan;
import com.mongodb.client.model.Indexes;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/**
 * The push-need field a domain document carries until the dispatcher has turned it into notifications:
 * {@code push: {state: "PENDING", dueAt, need}}. {@code need} names this need: notification ids derive from it, so
 * expanding the same need twice (after a crash) adds nothing, while a later need on the same document (a thread
 * overdue again, a reminder moved, next year's review) gets notifications of its own. The dispatcher adds its
 * lease ({@code leaseOwner}, {@code leaseUntil}) while it works and sets {@code state} to {@code QUEUED} when the
 * notifications exist.
 */
public final class PushOutbox {
    public static final String FIELD = "push";
    public static final String PENDING = "PENDING";
    public static final String QUEUED = "QUEUED";

    private PushOutbox() {
    }

    /** The index the dispatcher's claim uses on a source collection; {@code App} creates it for every source. */
    public static IndexPlan index(String collection) {
        return IndexPlan.of(collection, Indexes.ascending(FIELD + ".state", FIELD + ".dueAt"));
    }

    /** The field value for a document that needs its pushes worked out from {@code dueAt} on. */
    public static Document pending(Instant dueAt) {
        return pending(dueAt, Ids.random());
    }

    /**
     * As {@link #pending(Instant)}, for a need that is the same whenever it is recorded: pushes already made for
     * {@code need} on this document are not made again.
     */
    public static Document pending(Instant dueAt, String need) {
        return new Document("state", PENDING).append("dueAt", Date.from(dueAt)).append("need", need);
    }
}
