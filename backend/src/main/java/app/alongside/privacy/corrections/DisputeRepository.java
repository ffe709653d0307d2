package app.alongside.privacy.corrections;

import app.alongside.platform.core.Connections;
import app.alongside.platform.store.IndexPlan;
import app.alongside.platform.store.Mongo;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
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

/** The {@code disputes} collection: one document a disputed entry (a unique index on the entry's id holds it). */
public final class DisputeRepository {
    public static final String COLLECTION = "disputes";

    private final MongoCollection<Document> disputes;

    public DisputeRepository(MongoDatabase db) {
        this.disputes = db.getCollection(COLLECTION);
    }

    public static List<IndexPlan> indexes() {
        return List.of(IndexPlan.unique(COLLECTION, Indexes.ascending("entryId")),
                IndexPlan.of(COLLECTION, Indexes.descending("youngPersonId", "createdAt", "_id")));
    }

    /** Inserts it; false when the entry has a dispute already. */
    public boolean insert(Dispute d) {
        try {
            disputes.insertOne(new Document("_id", d.id()).append("entryId", d.entryId())
                    .append("entryType", d.entryType()).append("youngPersonId", d.youngPersonId())
                    .append("statement", d.statement()).append("createdAt", Mongo.date(d.createdAt())));
            return true;
        } catch (MongoWriteException e) {
            if (Mongo.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Dispute> findById(String id) {
        return Optional.ofNullable(disputes.find(Filters.eq("_id", id)).first()).map(DisputeRepository::from);
    }

    public Optional<Dispute> findByEntry(String entryId) {
        return Optional.ofNullable(disputes.find(Filters.eq("entryId", entryId)).first())
                .map(DisputeRepository::from);
    }

    public Map<String, Dispute> findByIds(Collection<String> ids) {
        return disputes.find(Filters.in("_id", ids)).map(DisputeRepository::from).into(new ArrayList<>()).stream()
                .collect(Collectors.toMap(Dispute::id, Function.identity()));
    }

    /** The disputes of the given entries, keyed by entry id. */
    public Map<String, Dispute> findByEntries(Collection<String> entryIds) {
        return disputes.find(Filters.in("entryId", entryIds)).map(DisputeRepository::from).into(new ArrayList<>())
                .stream().collect(Collectors.toMap(Dispute::entryId, Function.identity()));
    }

    /** Stores the one answer; false when it had been answered already. */
    public boolean respond(String id, String response, String byStaffId, Instant now) {
        return disputes.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("response", null)),
                Updates.combine(Updates.set("response", response), Updates.set("respondedBy", byStaffId),
                        Updates.set("respondedAt", Mongo.date(now)))).getModifiedCount() == 1;
    }

    /** A page of the young person's disputes, newest first. */
    public Connections.Connection<Dispute> page(String youngPersonId, Connections.Page page) {
        List<Bson> parts = new ArrayList<>(List.of(Filters.eq("youngPersonId", youngPersonId)));
        page.after().ifPresent(key -> parts.add(Connections.olderThan(key)));
        List<Dispute> found = disputes.find(Filters.and(parts)).sort(Connections.NEWEST_FIRST)
                .limit(page.first() + 1).map(DisputeRepository::from).into(new ArrayList<>());
        return Connections.page(found, page, page.after().isPresent(), d -> Connections.newestKey(d.createdAt(),
                d.id()));
    }

    /** Every dispute of the young person, oldest first, for their data export (no staff ids). */
    public List<Document> export(String youngPersonId) {
        return disputes.find(Filters.eq("youngPersonId", youngPersonId)).sort(Indexes.ascending("createdAt"))
                .map(d -> {
                    d.remove("_id");
                    d.remove("youngPersonId");
                    d.remove("respondedBy");
                    return d;
                }).into(new ArrayList<>());
    }

    private static Dispute from(Document d) {
        return new Dispute(d.getString("_id"), d.getString("entryId"), d.getString("entryType"),
                d.getString("youngPersonId"), d.getString("statement"), Mongo.instant(d.getDate("createdAt")),
                d.getString("response"), Mongo.instant(d.getDate("respondedAt")), d.getString("respondedBy"));
    }
}
