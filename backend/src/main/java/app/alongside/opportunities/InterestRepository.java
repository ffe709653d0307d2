package app.alongside.opportunities;

import app.alongside.platform.core.Connections;
import app.alongside.platform.store.IndexPlan;
import app.alongside.platform.store.Mongo;
import app.alongside.push.PushOutbox;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code interests} collection (one per young person and opportunity, keyed by {@code key}) and
 * {@code savedOpportunities} (one per young person and opportunity, carrying its closing reminder).
 */
public final class InterestRepository {
    public static final String INTERESTS = "interests";
    public static final String SAVED = "savedOpportunities";

    private final MongoCollection<Document> interests;
    private final MongoCollection<Document> saved;

    public InterestRepository(MongoDatabase db) {
        this.interests = db.getCollection(INTERESTS);
        this.saved = db.getCollection(SAVED);
    }

    public static List<IndexPlan> indexes() {
        return List.of(IndexPlan.unique(INTERESTS, Indexes.ascending("key")),
                IndexPlan.of(INTERESTS, Indexes.descending("opportunityId", "createdAt", "_id")),
                IndexPlan.of(INTERESTS, Indexes.descending("youngPersonId", "createdAt", "_id")),
                IndexPlan.of(SAVED, Indexes.ascending("youngPersonId", "closingDate")));
    }

    /** Records the interest, or replaces what an earlier one of the same young person shared. */
    Interest upsert(Interest interest) {
        String key = interest.opportunityId() + "|" + interest.youngPersonId();
        Document values = new Document("shared", interest.shared().stream().map(Enum::name).toList())
                .append("firstName", interest.firstName()).append("email", interest.email())
                .append("phone", interest.phone()).append("ageBand", interest.ageBand())
                .append("councilName", interest.councilName()).append("message", interest.message())
                .append("withdrawn", false).append("createdAt", Date.from(interest.createdAt()));
        List<Bson> sets = new ArrayList<>();
        values.forEach((k, v) -> sets.add(Updates.set(k, v)));
        sets.add(Updates.setOnInsert("_id", interest.id()));
        sets.add(Updates.setOnInsert("opportunityId", interest.opportunityId()));
        sets.add(Updates.setOnInsert("youngPersonId", interest.youngPersonId()));
        try {
            interests.updateOne(Filters.eq("key", key), Updates.combine(sets), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (!Mongo.isDuplicateKey(e)) {
                throw e;
            }
            interests.updateOne(Filters.eq("key", key), Updates.combine(sets.subList(0, sets.size() - 3)));
        }
        return fromDocument(interests.find(Filters.eq("key", key)).first());
    }

    Optional<Interest> find(String id) {
        return Optional.ofNullable(interests.find(Filters.eq("_id", id)).first()).map(InterestRepository::fromDocument);
    }

    Map<String, Interest> findByIds(Collection<String> ids) {
        Map<String, Interest> found = new HashMap<>();
        interests.find(Filters.in("_id", ids)).forEach(d -> found.put(d.getString("_id"), fromDocument(d)));
        return found;
    }

    void withdraw(String id) {
        interests.updateOne(Filters.eq("_id", id), Updates.set("withdrawn", true));
    }

    /** The young person's interest, newest first past the cursor key {@code after}. */
    List<Interest> ofYoungPerson(String youngPersonId, Optional<String> after, int limit) {
        return page(Filters.eq("youngPersonId", youngPersonId), after, limit);
    }

    /** Active (not withdrawn) interest in the opportunity, newest first past the cursor key {@code after}. */
    List<Interest> activeIn(String opportunityId, Optional<String> after, int limit) {
        return page(Filters.and(Filters.eq("opportunityId", opportunityId), Filters.eq("withdrawn", false)), after,
                limit);
    }

    /** All of the young person's interest, withdrawn too, newest first: for their data export. */
    List<Interest> allOf(String youngPersonId) {
        return page(Filters.eq("youngPersonId", youngPersonId), Integer.MAX_VALUE);
    }

    private List<Interest> page(Bson filter, Optional<String> after, int limit) {
        List<Bson> parts = new ArrayList<>(List.of(filter));
        after.ifPresent(key -> parts.add(Connections.olderThan(key)));
        return page(Filters.and(parts), limit);
    }

    private List<Interest> page(Bson filter, int limit) {
        return interests.find(filter).sort(Sorts.descending("createdAt", "_id")).limit(limit)
                .map(InterestRepository::fromDocument).into(new ArrayList<>());
    }

    /** Saves, with the push need for its closing reminder in the same write. */
    void save(String youngPersonId, Opportunity opportunity, Instant now, Instant remindAt) {
        Document doc = new Document("youngPersonId", youngPersonId).append("opportunityId", opportunity.id())
                .append("closingDate", opportunity.closingDate().toString()).append("createdAt", Date.from(now));
        if (remindAt != null) {
            doc.append(PushOutbox.FIELD, PushOutbox.pending(remindAt));
        }
        saved.replaceOne(Filters.eq("_id", youngPersonId + "|" + opportunity.id()), doc.append("_id",
                youngPersonId + "|" + opportunity.id()), new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }

    void unsave(String youngPersonId, String opportunityId) {
        saved.deleteOne(Filters.eq("_id", youngPersonId + "|" + opportunityId));
    }

    /** Which of {@code opportunityIds} the young person saved: one query for a whole page. */
    java.util.Set<String> savedAmong(String youngPersonId, Collection<String> opportunityIds) {
        java.util.Set<String> found = new java.util.HashSet<>();
        saved.find(Filters.in("_id", opportunityIds.stream().map(id -> youngPersonId + "|" + id).toList()))
                .forEach(d -> found.add(d.getString("opportunityId")));
        return found;
    }

    /** The young person's interest in each of {@code opportunityIds} they answered, keyed by opportunity. */
    Map<String, Interest> ofMany(Collection<String> opportunityIds, String youngPersonId) {
        Map<String, Interest> found = new HashMap<>();
        interests.find(Filters.in("key", opportunityIds.stream().map(id -> id + "|" + youngPersonId).toList()))
                .forEach(d -> found.put(d.getString("opportunityId"), fromDocument(d)));
        return found;
    }

    /** Active interest counts of {@code opportunityIds}, in one aggregation. */
    Map<String, Long> activeCounts(Collection<String> opportunityIds) {
        Map<String, Long> counts = new HashMap<>();
        interests.aggregate(List.of(com.mongodb.client.model.Aggregates.match(Filters.and(
                        Filters.in("opportunityId", opportunityIds), Filters.eq("withdrawn", false))),
                com.mongodb.client.model.Aggregates.group("$opportunityId",
                        com.mongodb.client.model.Accumulators.sum("n", 1))))
                .forEach(d -> counts.put(d.getString("_id"), ((Number) d.get("n")).longValue()));
        return counts;
    }

    List<String> savedIds(String youngPersonId) {
        List<String> ids = new ArrayList<>();
        saved.find(Filters.eq("youngPersonId", youngPersonId)).sort(Sorts.ascending("closingDate"))
                .forEach(d -> ids.add(d.getString("opportunityId")));
        return ids;
    }

    static Interest fromDocument(Document d) {
        return new Interest(d.getString("_id"), d.getString("opportunityId"), d.getString("youngPersonId"),
                d.getList("shared", String.class).stream().map(Interest.SharedField::valueOf).toList(),
                d.getString("firstName"), d.getString("email"), d.getString("phone"), d.getString("ageBand"),
                d.getString("councilName"), d.getString("message"), d.getBoolean("withdrawn", false),
                d.getDate("createdAt").toInstant());
    }

    /** Deletes one young person's interest in opportunities (erasure); answers how many went. */
    long deleteInterestsOf(String youngPersonId) {
        return interests.deleteMany(Filters.eq("youngPersonId", youngPersonId)).getDeletedCount();
    }

    /** Deletes the opportunities one young person saved (erasure); answers how many went. */
    long deleteSavedOf(String youngPersonId) {
        return saved.deleteMany(Filters.eq("youngPersonId", youngPersonId)).getDeletedCount();
    }
}
