package app.alongside.messaging;

import app.alongside.platform.core.Connections;
import app.alongside.platform.store.IndexPlan;
import app.alongside.platform.store.Migration;
import app.alongside.platform.store.Mongo;
import app.alongside.push.PushOutbox;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The {@code advocacy} collection: one document per young person, keyed by their id. */
public final class AdvocacyRepository {
    public static final String COLLECTION = "advocacy";

    private final MongoCollection<Document> advocacy;

    public AdvocacyRepository(MongoDatabase db) {
        this.advocacy = db.getCollection(COLLECTION);
    }

    /**
     * Earlier versions kept a young person's opt-out on their advocacy alone; a send now reads it from the thread
     * ({@code optedOut}), so an upgraded store copies it there once.
     */
    public static final List<Migration> MIGRATIONS = List.of(new Migration("advocacy-opt-out-on-thread",
            "copy each opted-out young person's choice to their advocacy thread (optedOut), which sends read",
            db -> db.getCollection(COLLECTION).find(Filters.and(Filters.eq("status",
                            Advocacy.Status.OPTED_OUT.name()), Filters.ne("threadId", null)))
                    .projection(new Document("threadId", 1))
                    .forEach(d -> db.getCollection(ThreadRepository.COLLECTION).updateOne(
                            Filters.eq("_id", d.getString("threadId")), Updates.set("optedOut", true)))));

    public static List<IndexPlan> indexes() {
        return List.of(IndexPlan.of(COLLECTION, Indexes.ascending("serviceId", "status", "allocationDueAt", "_id")),
                IndexPlan.of(COLLECTION, Indexes.ascending("push.state", "push.dueAt")));
    }

    public Optional<Advocacy> findById(String youngPersonId) {
        return Optional.ofNullable(advocacy.find(Filters.eq("_id", youngPersonId)).first())
                .map(AdvocacyRepository::from);
    }

    public Map<String, Advocacy> findByIds(Collection<String> ids) {
        return advocacy.find(Filters.in("_id", ids)).map(AdvocacyRepository::from).into(new ArrayList<>()).stream()
                .collect(Collectors.toMap(Advocacy::youngPersonId, Function.identity()));
    }

    /**
     * Inserts unless the young person has one already (a concurrent first look); true when this call did. A pending
     * allocation carries, in the same write, a push to {@code escalateTo} due when the allocation is
     * ({@link AllocationEscalationPushSource}).
     */
    public boolean insertIfAbsent(Advocacy a, List<String> escalateTo) {
        try {
            advocacy.insertOne(withEscalation(toDocument(a), a, escalateTo));
            return true;
        } catch (MongoWriteException e) {
            if (Mongo.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Replaces the document if nobody changed it since {@code previous} was read; false otherwise. The escalation
     * push goes with it: a new one while the allocation is pending, none once it is made or the young person opts
     * out.
     */
    public boolean replace(Advocacy previous, Advocacy updated, List<String> escalateTo) {
        return advocacy.replaceOne(Filters.and(Filters.eq("_id", previous.youngPersonId()),
                Filters.eq("updatedAt", Mongo.date(previous.updatedAt()))),
                withEscalation(toDocument(updated), updated, escalateTo)).getModifiedCount() == 1;
    }

    private static Document withEscalation(Document doc, Advocacy a, List<String> escalateTo) {
        if (a.status() == Advocacy.Status.ALLOCATION_PENDING && a.allocationDueAt() != null
                && !escalateTo.isEmpty()) {
            doc.append("escalateTo", escalateTo).append(PushOutbox.FIELD, PushOutbox.pending(a.allocationDueAt()));
        }
        return doc;
    }

    /** Waiting for a named advocate in {@code serviceId} (due before {@code dueBefore} if given), earliest first. */
    public List<Advocacy> pending(String serviceId, Optional<Instant> dueBefore, Optional<String> afterKey,
                                  int limit) {
        List<Bson> parts = new ArrayList<>(List.of(pendingFilter(serviceId)));
        dueBefore.ifPresent(at -> parts.add(Filters.lte("allocationDueAt", Mongo.date(at))));
        afterKey.ifPresent(key -> parts.add(after(key)));
        return advocacy.find(Filters.and(parts)).sort(Sorts.ascending("allocationDueAt", "_id")).limit(limit)
                .map(AdvocacyRepository::from).into(new ArrayList<>());
    }

    public long countPending(String serviceId, Optional<Instant> dueBefore) {
        List<Bson> parts = new ArrayList<>(List.of(pendingFilter(serviceId)));
        dueBefore.ifPresent(at -> parts.add(Filters.lte("allocationDueAt", Mongo.date(at))));
        return advocacy.countDocuments(Filters.and(parts));
    }

    private static Bson pendingFilter(String serviceId) {
        return Filters.and(Filters.eq("serviceId", serviceId),
                Filters.eq("status", Advocacy.Status.ALLOCATION_PENDING.name()));
    }

    public static String key(Advocacy a) {
        return a.allocationDueAt().toEpochMilli() + "|" + a.youngPersonId();
    }

    private static Bson after(String key) {
        return Connections.past("allocationDueAt", key, false);
    }

    static Document toDocument(Advocacy a) {
        return new Document("_id", a.youngPersonId()).append("status", a.status().name())
                .append("serviceId", a.serviceId()).append("advocateId", a.advocateId())
                .append("threadId", a.threadId()).append("councilId", a.councilId())
                .append("allocationDueAt", Mongo.date(a.allocationDueAt()))
                .append("allocatedAt", Mongo.date(a.allocatedAt()))
                .append("choices", a.choices().stream().map(c -> new Document("choice", c.choice().name())
                        .append("reason", c.reason()).append("at", Mongo.date(c.at()))).toList())
                .append("previousAdvocateIds", a.previousAdvocateIds())
                .append("createdAt", Mongo.date(a.createdAt())).append("updatedAt", Mongo.date(a.updatedAt()))
                .append("schemaVersion", 1);
    }

    static Advocacy from(Document d) {
        return new Advocacy(d.getString("_id"), Mongo.enumValue(Advocacy.Status.class, d.getString("status")),
                d.getString("serviceId"), d.getString("advocateId"), d.getString("threadId"),
                d.getString("councilId"), Mongo.instant(d.getDate("allocationDueAt")),
                Mongo.instant(d.getDate("allocatedAt")), d.getList("choices", Document.class, List.of()).stream()
                .map(c -> new Advocacy.Choice(Mongo.enumValue(Advocacy.ChoiceKind.class, c.getString("choice")),
                        c.getString("reason"), Mongo.instant(c.getDate("at")))).toList(),
                d.getList("previousAdvocateIds", String.class, List.of()), Mongo.instant(d.getDate("createdAt")),
                Mongo.instant(d.getDate("updatedAt")));
    }
}
