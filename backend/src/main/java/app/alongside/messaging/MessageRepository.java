package app.alongside.messaging;

import app.alongside.platform.store.IndexPlan;
import app.alongside.platform.store.Mongo;
import app.alongside.push.PushCategory;
import app.alongside.push.PushOutbox;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code messages} collection. A message is written once with everything that must not be lost with it: its
 * sequence number, its response due time and its push need ({@link PushOutbox}) with the recipients worked out at
 * send time. A unique index on the sender's {@code clientMessageId} per thread makes retries return the first.
 */
public final class MessageRepository {
    public static final String COLLECTION = "messages";

    /** One push the message needs: who, and in which category. */
    public record PushTarget(String recipient, PushCategory category) {
    }

    private final MongoCollection<Document> messages;

    public MessageRepository(MongoDatabase db) {
        this.messages = db.getCollection(COLLECTION);
    }

    public static List<IndexPlan> indexes() {
        return List.of(IndexPlan.unique(COLLECTION, Indexes.ascending("dedupeKey")),
                IndexPlan.unique(COLLECTION, Indexes.ascending("threadId", "sequence")),
                IndexPlan.of(COLLECTION, Indexes.ascending("serviceId", "respondedAt")),
                IndexPlan.of(COLLECTION, Indexes.ascending("push.state", "push.dueAt")));
    }

    /** The key that makes a sender's retries land on one message. */
    public static String dedupeKey(String threadId, String authorKey, String clientMessageId) {
        return threadId + "|" + authorKey + "|" + clientMessageId;
    }

    public Optional<Message> findByDedupeKey(String key) {
        return Optional.ofNullable(messages.find(Filters.eq("dedupeKey", key)).first()).map(MessageRepository::from);
    }

    /**
     * Inserts the message with its response due time and push need in one write; false when the sender's
     * {@code clientMessageId} was taken meanwhile (a concurrent retry).
     */
    public boolean insert(Message m, Instant dueAt, List<PushTarget> pushTo, Instant now) {
        Document doc = toDocument(m).append("dedupeKey", dedupeKey(m.threadId(), m.authorKey(), m.clientMessageId()))
                .append("dueAt", Mongo.date(dueAt));
        if (!pushTo.isEmpty()) {
            doc.append("pushTo", pushTo.stream().map(t -> new Document("recipient", t.recipient())
                    .append("category", t.category().name())).toList());
            doc.append(PushOutbox.FIELD, PushOutbox.pending(now));
        }
        try {
            messages.insertOne(doc);
            return true;
        } catch (MongoWriteException e) {
            if (Mongo.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /** The highest sequence number a message of the thread holds (0 for none), from the unique index. */
    public long lastSequence(String threadId) {
        Document last = messages.find(Filters.eq("threadId", threadId)).sort(Sorts.descending("sequence"))
                .projection(new Document("sequence", 1)).limit(1).first();
        return last == null ? 0 : ((Number) last.get("sequence")).longValue();
    }

    public Optional<Message> findById(String id) {
        return Optional.ofNullable(messages.find(Filters.eq("_id", id)).first()).map(MessageRepository::from);
    }

    public Map<String, Message> findByIds(Collection<String> ids) {
        return messages.find(Filters.in("_id", ids)).map(MessageRepository::from).into(new ArrayList<>()).stream()
                .collect(Collectors.toMap(Message::id, Function.identity()));
    }

    /** Up to {@code limit} messages after {@code afterSequence} (ascending) or before {@code beforeSequence}. */
    public List<Message> page(String threadId, long afterSequence, long beforeSequence, boolean forward, int limit) {
        var filter = Filters.and(Filters.eq("threadId", threadId), Filters.gt("sequence", afterSequence),
                Filters.lt("sequence", beforeSequence));
        return messages.find(filter).sort(forward ? Sorts.ascending("sequence") : Sorts.descending("sequence"))
                .limit(limit).map(MessageRepository::from).into(new ArrayList<>());
    }

    /** Replaces the body if it is still {@code expectedBody}, keeping the old one; false when it changed meanwhile. */
    public boolean edit(Message m, String body, Instant now) {
        return messages.updateOne(Filters.and(Filters.eq("_id", m.id()), Filters.eq("deleted", false),
                        Filters.eq("body", m.body())),
                Updates.combine(Updates.set("body", body), Updates.set("editedAt", Mongo.date(now)),
                        Updates.push("editHistory", new Document("body", m.body())
                                .append("replacedAt", Mongo.date(now))))).getModifiedCount() == 1;
    }

    /** Marks the message urgent, with the safeguarding phrase it matched. */
    public void markUrgent(String id, String phrase) {
        messages.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("urgent", true),
                Updates.set("urgentPhrase", phrase)));
    }

    /** Leaves a tombstone: the text and its history go, the place and sequence number stay. */
    public void delete(String id, Instant now) {
        messages.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("deleted", true),
                Updates.set("body", null), Updates.set("editHistory", List.of()),
                Updates.set("deletedAt", Mongo.date(now))));
    }

    /** Records when the message that started a response clock got its first reply, in working seconds. */
    public void recordResponse(String id, Instant at, long workingSeconds) {
        messages.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("respondedAt", null)),
                Updates.combine(Updates.set("respondedAt", Mongo.date(at)),
                        Updates.set("responseWorkingSeconds", workingSeconds)));
    }

    /** Working seconds to first reply of the service's answered messages since {@code since}. */
    public List<Long> responseTimes(String serviceId, Instant since) {
        return messages.find(Filters.and(Filters.eq("serviceId", serviceId), Filters.gte("respondedAt",
                        Mongo.date(since)))).map(d -> ((Number) d.get("responseWorkingSeconds")).longValue())
                .into(new ArrayList<>());
    }

    static Document toDocument(Message m) {
        return new Document("_id", m.id()).append("threadId", m.threadId()).append("serviceId", m.serviceId())
                .append("youngPersonId", m.youngPersonId()).append("sequence", m.sequence())
                .append("authorKind", m.authorKind().name()).append("authorId", m.authorId())
                .append("body", m.body()).append("clientMessageId", m.clientMessageId())
                .append("deleted", m.deleted()).append("urgent", m.urgent()).append("urgentPhrase", m.urgentPhrase())
                .append("createdAt", Mongo.date(m.createdAt())).append("editedAt", Mongo.date(m.editedAt()))
                .append("editHistory", m.editHistory().stream().map(e -> new Document("body", e.body())
                        .append("replacedAt", Mongo.date(e.replacedAt()))).toList())
                .append("schemaVersion", 1);
    }

    static Message from(Document d) {
        List<Document> history = d.getList("editHistory", Document.class, List.of());
        return new Message(d.getString("_id"), d.getString("threadId"), d.getString("serviceId"),
                d.getString("youngPersonId"), ((Number) d.get("sequence")).longValue(),
                Mongo.enumValue(Message.AuthorKind.class, d.getString("authorKind")), d.getString("authorId"),
                d.getString("body"), d.getString("clientMessageId"), Boolean.TRUE.equals(d.getBoolean("deleted")),
                Boolean.TRUE.equals(d.getBoolean("urgent")), d.getString("urgentPhrase"),
                Mongo.instant(d.getDate("createdAt")),
                Mongo.instant(d.getDate("editedAt")), history.stream().map(h -> new Message.Edit(
                        h.getString("body"), Mongo.instant(h.getDate("replacedAt")))).toList());
    }
}
