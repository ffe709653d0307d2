package app.alongside.messaging;

import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.Connections;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.Input;
import app.alongside.platform.store.IndexPlan;
import app.alongside.platform.store.Mongo;
import app.alongside.push.PushOutbox;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The {@code threads} collection. Counters and the response clock change with single atomic updates. */
public final class ThreadRepository {
    public static final String COLLECTION = "threads";

    private final MongoCollection<Document> threads;

    public ThreadRepository(MongoDatabase db) {
        this.threads = db.getCollection(COLLECTION);
    }

    public static List<IndexPlan> indexes() {
        return List.of(IndexPlan.of(COLLECTION, Indexes.descending("serviceId", "activityAt", "_id")),
                IndexPlan.of(COLLECTION, Indexes.ascending("push.state", "push.dueAt")),
                IndexPlan.of(COLLECTION, Indexes.ascending("youngPersonId")),
                IndexPlan.of(COLLECTION, Indexes.ascending("serviceId", "replyDueAt")));
    }

    /** Inserts the thread unless one with its id exists; true when this call created it. */
    public boolean insertIfAbsent(MessageThread thread) {
        try {
            threads.insertOne(toDocument(thread));
            return true;
        } catch (MongoWriteException e) {
            if (Mongo.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    public Optional<MessageThread> findById(String id) {
        return Optional.ofNullable(threads.find(Filters.eq("_id", id)).first()).map(ThreadRepository::from);
    }

    public Map<String, MessageThread> findByIds(Collection<String> ids) {
        return threads.find(Filters.in("_id", ids)).map(ThreadRepository::from).into(new ArrayList<>()).stream()
                .collect(Collectors.toMap(MessageThread::id, Function.identity()));
    }

    /** Marks the thread as one whose young person opted out of advocacy, or back in. */
    public void setOptedOut(String threadId, boolean optedOut, Instant now) {
        threads.updateOne(Filters.eq("_id", threadId), Updates.combine(Updates.set("optedOut", optedOut),
                Updates.set("updatedAt", Mongo.date(now))));
    }

    /**
     * After a young person's send: starts the response clock unless it is already running (the oldest unanswered
     * message sets it, and with it the escalation the clock needs if nobody answers: a push to {@code escalateTo}
     * (principal keys) due when the reply is, {@link ThreadEscalationPushSource}) and moves the sender's read mark
     * as {@link #markSent} does, in one write. {@code clockRunning} is what the thread said when the send read it:
     * the write is conditional on it, and a reply or another send that changed it in between costs one more write.
     */
    public MessageThread sentByYoungPerson(String threadId, String messageId, String senderKey, long sequence,
                                           Instant sentAt, Instant dueAt, List<String> escalateTo, boolean urgent,
                                           boolean clockRunning) {
        List<Bson> start = new ArrayList<>(List.of(
                Updates.set("awaitingReplySince", Mongo.date(sentAt)), Updates.set("replyDueAt", Mongo.date(dueAt)),
                Updates.set("clockMessageId", messageId)));
        if (!escalateTo.isEmpty()) {
            start.add(Updates.set("escalateTo", escalateTo));
            start.add(Updates.set(PushOutbox.FIELD, PushOutbox.pending(dueAt)));
        }
        List<Bson> mark = sentUpdates(senderKey, sequence, sentAt, urgent);
        start.addAll(mark);
        boolean running = clockRunning;
        for (int attempt = 0; attempt < 4; attempt++, running = !running) {
            Document after = threads.findOneAndUpdate(Filters.and(Filters.eq("_id", threadId), running
                            ? Filters.ne("awaitingReplySince", null) : Filters.eq("awaitingReplySince", null)),
                    Updates.combine(running ? mark : start),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            if (after != null) {
                return from(after);
            }
        }
        // Neither with the clock running nor without: the thread is gone, or it changed state four times over.
        if (threads.countDocuments(Filters.eq("_id", threadId)) == 0) {
            throw ApiException.notFound();
        }
        throw new ApiException(ErrorCode.CONFLICT, "The thread is busy. Send the message again.",
                Input.path("threadId"), Map.of());
    }

    /**
     * Stops a running clock, and with it any escalation not yet sent; the thread as it was, so the caller can
     * record the response time.
     */
    public Optional<MessageThread> stopClock(String threadId) {
        Document before = threads.findOneAndUpdate(Filters.and(Filters.eq("_id", threadId),
                        Filters.ne("awaitingReplySince", null)),
                Updates.combine(Updates.set("awaitingReplySince", null), Updates.set("replyDueAt", null),
                        Updates.set("clockMessageId", null), Updates.unset("escalateTo"),
                        Updates.unset(PushOutbox.FIELD)));
        return Optional.ofNullable(before).map(ThreadRepository::from);
    }

    public void markUrgent(String threadId, Instant now) {
        threads.updateOne(Filters.eq("_id", threadId), Updates.combine(Updates.set("urgent", true),
                Updates.set("activityAt", Mongo.date(now)), Updates.set("updatedAt", Mongo.date(now))));
    }

    public void assign(String threadId, String advocateId, Instant now) {
        threads.updateOne(Filters.eq("_id", threadId), Updates.combine(Updates.set("assignedAdvocateId", advocateId),
                Updates.set("updatedAt", Mongo.date(now))));
    }

    /**
     * After a send: moves the sender's read mark to their message ($max, as {@link #markRead}) and, for a message
     * that matched a safeguarding phrase, marks the thread urgent, in one write; the thread as it then is.
     */
    public MessageThread markSent(String threadId, String senderKey, long sequence, Instant now, boolean urgent) {
        Document after = threads.findOneAndUpdate(Filters.eq("_id", threadId),
                Updates.combine(sentUpdates(senderKey, sequence, now, urgent)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (after == null) {
            throw ApiException.notFound();
        }
        return from(after);
    }

    /**
     * A new message's side of the thread: the counter and the activity move up to it ($max: sends that land out of
     * order never move them back), and so does the sender's read mark.
     */
    private static List<Bson> sentUpdates(String senderKey, long sequence, Instant now, boolean urgent) {
        String field = "reads." + senderKey.replace('.', '_');
        List<Bson> updates = new ArrayList<>(List.of(Updates.max("lastSequence", sequence),
                Updates.max("lastMessageAt", Mongo.date(now)), Updates.max("activityAt", Mongo.date(now)),
                Updates.set("updatedAt", Mongo.date(now)), Updates.max(field + ".sequence", sequence),
                Updates.max(field + ".at", Mongo.date(now))));
        if (urgent) {
            updates.add(Updates.set("urgent", true));
        }
        return updates;
    }

    /** Moves the reader's mark forward, never back ($max); by _id alone, so any store uses its index. */
    public void markRead(String threadId, String readerKey, long sequence, Instant now) {
        String field = "reads." + readerKey.replace('.', '_');
        threads.updateOne(Filters.eq("_id", threadId), Updates.combine(Updates.max(field + ".sequence", sequence),
                Updates.max(field + ".at", Mongo.date(now))));
    }

    /** What an inbox shows: only unanswered, overdue or urgent threads, or those assigned to {@code mine}. */
    public record InboxFilter(boolean unanswered, boolean overdue, boolean urgent, String mine) {
    }

    /**
     * A page of the service's threads with the young people it serves now ({@code youngPersonIds}), the most
     * recent activity first, after the cursor key.
     */
    public List<MessageThread> inbox(String serviceId, List<String> youngPersonIds, InboxFilter filter, Instant now,
                                     Optional<String> afterKey, int limit) {
        List<Bson> parts = new ArrayList<>(List.of(Filters.eq("serviceId", serviceId),
                Filters.in("youngPersonId", youngPersonIds)));
        if (filter.unanswered()) {
            parts.add(Filters.ne("awaitingReplySince", null));
        }
        if (filter.overdue()) {
            parts.add(Filters.and(Filters.ne("replyDueAt", null), Filters.lte("replyDueAt", Mongo.date(now))));
        }
        if (filter.urgent()) {
            parts.add(Filters.eq("urgent", true));
        }
        if (filter.mine() != null) {
            parts.add(Filters.eq("assignedAdvocateId", filter.mine()));
        }
        return page(Filters.and(parts), afterKey, limit);
    }

    /** A page of threads matching {@code filter}, the most recent activity first, after the cursor key. */
    private List<MessageThread> page(Bson filter, Optional<String> afterKey, int limit) {
        List<Bson> parts = new ArrayList<>(List.of(filter));
        afterKey.ifPresent(key -> parts.add(before(key)));
        return threads.find(Filters.and(parts)).sort(Sorts.descending("activityAt", "_id")).limit(limit)
                .map(ThreadRepository::from).into(new ArrayList<>());
    }

    /** The service's threads whose reply clock runs. */
    public long countUnanswered(String serviceId) {
        return threads.countDocuments(Filters.and(Filters.eq("serviceId", serviceId),
                Filters.ne("awaitingReplySince", null)));
    }

    /** The service's threads whose reply is past due at {@code now}. */
    public long countOverdue(String serviceId, Instant now) {
        return threads.countDocuments(Filters.and(Filters.eq("serviceId", serviceId), Filters.ne("replyDueAt", null),
                Filters.lte("replyDueAt", Mongo.date(now))));
    }

    /** The cursor key of a thread in activity order. */
    public static String key(MessageThread thread) {
        Instant at = thread.lastMessageAt() != null ? thread.lastMessageAt() : thread.createdAt();
        return at.toEpochMilli() + "|" + thread.id();
    }

    private static Bson before(String key) {
        return Connections.past("activityAt", key, true);
    }

    static Document toDocument(MessageThread t) {
        Document reads = new Document();
        t.reads().forEach((key, mark) -> reads.append(key, new Document("sequence", mark.sequence())
                .append("at", Mongo.date(mark.at()))));
        Instant activity = t.lastMessageAt() != null ? t.lastMessageAt() : t.createdAt();
        return new Document("_id", t.id()).append("kind", t.kind().name()).append("subject", t.subject())
                .append("youngPersonId", t.youngPersonId()).append("serviceId", t.serviceId())
                .append("assignedAdvocateId", t.assignedAdvocateId()).append("urgent", t.urgent())
                .append("lastSequence", t.lastSequence()).append("lastMessageAt", Mongo.date(t.lastMessageAt()))
                .append("activityAt", Mongo.date(activity))
                .append("awaitingReplySince", Mongo.date(t.awaitingReplySince()))
                .append("replyDueAt", Mongo.date(t.replyDueAt())).append("clockMessageId", t.clockMessageId())
                .append("reads", reads).append("optedOut", t.optedOut()).append("createdAt", Mongo.date(t.createdAt()))
                .append("updatedAt", Mongo.date(t.updatedAt())).append("schemaVersion", 1);
    }

    static MessageThread from(Document d) {
        Map<String, MessageThread.ReadMark> reads = new LinkedHashMap<>();
        Document stored = d.get("reads", Document.class);
        if (stored != null) {
            stored.forEach((key, value) -> {
                Document mark = (Document) value;
                reads.put(key, new MessageThread.ReadMark(((Number) mark.get("sequence")).longValue(),
                        Mongo.instant(mark.getDate("at"))));
            });
        }
        return new MessageThread(d.getString("_id"), Mongo.enumValue(MessageThread.ThreadKind.class,
                d.getString("kind")), d.getString("subject"), d.getString("youngPersonId"), d.getString("serviceId"),
                d.getString("assignedAdvocateId"), Boolean.TRUE.equals(d.getBoolean("urgent")),
                ((Number) d.get("lastSequence")).longValue(), Mongo.instant(d.getDate("lastMessageAt")),
                Mongo.instant(d.getDate("awaitingReplySince")), Mongo.instant(d.getDate("replyDueAt")),
                d.getString("clockMessageId"), reads, Mongo.instant(d.getDate("createdAt")),
                Mongo.instant(d.getDate("updatedAt")), Boolean.TRUE.equals(d.getBoolean("optedOut")));
    }
}
