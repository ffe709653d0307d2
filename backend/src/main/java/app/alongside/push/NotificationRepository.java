package app.alongside.push;

import app.alongside.platform.core.Connections;
import app.alongside.platform.core.Ids;
import app.alongside.platform.store.IndexPlan;
import app.alongside.platform.store.Mongo;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code notifications} collection: one document per push to a device, with its state. Ids are derived from
 * what the push is (source document, intent, device), so expanding a source twice inserts nothing new. Sending
 * claims batches with a lease (owner, expiry and a claim token): a crashed sender's batch is claimed again once
 * its lease has expired.
 */
public final class NotificationRepository {
    public static final String COLLECTION = "notifications";

    private final MongoCollection<Document> notifications;

    public NotificationRepository(MongoDatabase db) {
        this.notifications = db.getCollection(COLLECTION);
    }

    public static List<IndexPlan> indexes() {
        return List.of(IndexPlan.of(COLLECTION, Indexes.ascending("state", "dueAt")),
                IndexPlan.of(COLLECTION, Indexes.ascending("claim")),
                IndexPlan.of(COLLECTION, Indexes.descending("recipient", "createdAt")),
                IndexPlan.of(COLLECTION, Indexes.descending("createdAt", "_id")),
                IndexPlan.of(COLLECTION, Indexes.ascending("state", "updatedAt")),
                IndexPlan.of(COLLECTION, Indexes.ascending("state", "expiresAt")));
    }

    /**
     * Deletes what no longer needs keeping: notifications sent, dropped or failed before {@code cutoff}, and
     * pending ones that expired before it (FCM would not deliver them any more). A notification holds a device
     * token and whom it was for, so it is kept only as long as admins need it to answer "did it arrive?".
     * Answers how many were deleted.
     */
    public long purgeBefore(Instant cutoff) {
        Date before = Date.from(cutoff);
        long finished = notifications.deleteMany(Filters.and(Filters.in("state", PushNotification.State.SENT.name(),
                PushNotification.State.DROPPED.name(), PushNotification.State.FAILED.name()),
                Filters.lt("updatedAt", before))).getDeletedCount();
        return finished + notifications.deleteMany(Filters.and(Filters.eq("state",
                PushNotification.State.PENDING.name()), Filters.lt("expiresAt", before))).getDeletedCount();
    }

    /** Inserts the documents whose ids are new; answers the ids that were inserted. */
    public Set<String> insertNew(List<Document> documents) {
        Set<String> inserted = new HashSet<>();
        documents.forEach(d -> inserted.add(d.getString("_id")));
        if (documents.isEmpty()) {
            return inserted;
        }
        try {
            notifications.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                inserted.remove(documents.get(error.getIndex()).getString("_id"));
            }
        }
        return inserted;
    }

    /**
     * For each recipient, the sources (collection and id) of the pushes of {@code category} created since
     * {@code since} that were sent or still wait to be: what counts against a category's cap. Dropped and failed
     * ones never reached the person, so they do not count. Asked in slices, which a real MongoDB answers from the
     * {@code recipient, createdAt} index.
     */
    public Map<String, Set<String>> recentSources(Collection<String> recipients, PushCategory category,
                                                  Instant since) {
        Map<String, Set<String>> sources = new HashMap<>();
        List<String> all = List.copyOf(recipients);
        for (int from = 0; from < all.size(); from += RECIPIENTS_PER_QUERY) {
            notifications.find(Filters.and(Filters.in("recipient", all.subList(from,
                                    Math.min(all.size(), from + RECIPIENTS_PER_QUERY))),
                            Filters.gte("createdAt", Date.from(since)), Filters.eq("category", category.name()),
                            Filters.in("state", PushNotification.State.PENDING.name(),
                                    PushNotification.State.SENT.name())))
                    .projection(Projections.include("recipient", "sourceCollection", "sourceId"))
                    .forEach(d -> sources.computeIfAbsent(d.getString("recipient"), k -> new HashSet<>())
                            .add(sourceKey(d.getString("sourceCollection"), d.get("sourceId"))));
        }
        return sources;
    }

    /** How {@link #recentSources} names a source document. */
    public static String sourceKey(String collection, Object id) {
        return collection + "\n" + id;
    }

    private static final int RECIPIENTS_PER_QUERY = 2000;

    private static Bson due(Instant now) {
        Date at = Date.from(now);
        return Filters.and(Filters.eq("state", PushNotification.State.PENDING.name()), Filters.lte("dueAt", at),
                Filters.or(Filters.eq("leaseUntil", null), Filters.lte("leaseUntil", at)));
    }

    /** A batch of due notifications that this owner now holds until {@code until}, with its claim token. */
    public record Claimed(String claim, List<Document> documents) {
    }

    /**
     * Claims the due notifications of one send group (the {@code batch} field, at most a batch size of them,
     * set at expansion): a probe finds a due one, a guarded {@code updateMany} leases its group's due members, and
     * they are read back by the claim token. Claiming by group keeps every query a plain filter, which MongoDB
     * answers from the {@code state, dueAt} and {@code claim} indexes and the embedded store without {@code $in}
     * scans. Another instance racing for the same group gets nothing and probes again.
     */
    public Claimed claim(String owner, Instant now, Instant until) {
        String claim = Ids.random();
        for (int probe = 0; probe < 3; probe++) {
            Document due = notifications.find(due(now)).projection(Projections.include("batch")).limit(1).first();
            if (due == null) {
                break;
            }
            long held = notifications.updateMany(Filters.and(due(now), Filters.eq("batch", due.get("batch"))),
                    Updates.combine(Updates.set("leaseOwner", owner), Updates.set("leaseUntil", Date.from(until)),
                            Updates.set("claim", claim))).getModifiedCount();
            if (held > 0) {
                return new Claimed(claim, notifications.find(Filters.eq("claim", claim)).into(new ArrayList<>()));
            }
        }
        return new Claimed(claim, List.of());
    }

    /**
     * Records a claimed batch: each outcome that is not a plain success on its own, then every notification still
     * held under {@code claim} as sent, in one write. Only notifications still held under the claim change, so a
     * later claimant's state wins over a worker whose lease expired.
     */
    public void finish(String claim, List<Outcome> outcomes, Bson sent) {
        for (Outcome outcome : outcomes) {
            notifications.updateOne(Filters.and(Filters.eq("_id", outcome.id()), Filters.eq("claim", claim)),
                    Updates.combine(outcome.update(), RELEASE));
        }
        notifications.updateMany(Filters.eq("claim", claim), Updates.combine(sent, RELEASE));
    }

    private static final Bson RELEASE = Updates.combine(Updates.unset("leaseOwner"), Updates.unset("leaseUntil"),
            Updates.unset("claim"));

    /** A state change for one notification. */
    public record Outcome(String id, Bson update) {
    }

    public Map<String, PushNotification> findByIds(Collection<String> ids) {
        return notifications.find(Filters.in("_id", ids)).map(NotificationRepository::fromDocument)
                .into(new ArrayList<>()).stream().collect(Collectors.toMap(PushNotification::id, n -> n));
    }

    /** What the admins' delivery search narrows by: state, kind, recipient's principal key; each null for any. */
    public record Search(String state, String kind, String recipient) {
    }

    /** One page of the notifications the search matches, newest first. */
    public Connections.Connection<PushNotification> search(Search search, Connections.Page page) {
        List<Bson> parts = new ArrayList<>();
        if (search.state() != null) {
            parts.add(Filters.eq("state", search.state()));
        }
        if (search.kind() != null) {
            parts.add(Filters.eq("kind", search.kind()));
        }
        if (search.recipient() != null) {
            parts.add(Filters.eq("recipient", search.recipient()));
        }
        return find(parts.isEmpty() ? new Document() : Filters.and(parts), page);
    }

    private Connections.Connection<PushNotification> find(Bson filter, Connections.Page page) {
        List<Bson> parts = new ArrayList<>(List.of(filter));
        page.after().ifPresent(key -> parts.add(Connections.olderThan(key)));
        List<PushNotification> found = notifications.find(Filters.and(parts)).sort(Connections.NEWEST_FIRST)
                .limit(page.first() + 1).map(NotificationRepository::fromDocument).into(new ArrayList<>());
        return Connections.page(found, page, page.after().isPresent(),
                n -> Connections.newestKey(n.createdAt(), n.id()));
    }

    public static PushNotification fromDocument(Document doc) {
        return new PushNotification(doc.getString("_id"), PushNotification.State.valueOf(doc.getString("state")),
                doc.getString("reason"), PushCategory.valueOf(doc.getString("category")), doc.getString("kind"),
                doc.getString("recipient"), Mongo.enumValue(DevicePlatform.class, doc.getString("platform")),
                doc.getInteger("attempts", 0), Mongo.instant(doc.getDate("createdAt")),
                Mongo.instant(doc.getDate("dueAt")), Mongo.instant(doc.getDate("sentAt")));
    }

    /** Deletes every notification for {@code recipient}, sent or waiting (erasure); answers how many went. */
    public long deleteFor(String recipient) {
        return notifications.deleteMany(Filters.eq("recipient", recipient)).getDeletedCount();
    }
}
