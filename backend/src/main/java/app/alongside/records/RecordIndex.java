package app.alongside.records;

import app.alongside.platform.store.Migration;
import app.alongside.push.PushOutbox;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One small document per young person ({@code recordIndex}, keyed by their id) with what is theirs alone and does
 * not grow with their history: the missions they share with their advocate and their pathway-plan review (with the
 * push need for its reminder, in the same write). Lists and the home screen read the {@code records} and
 * {@code goals} collections themselves, through the repositories' indexes. The collection keeps its first name so
 * that stored data and push state carry over; {@link #MIGRATIONS} removes the per-record entries it once held.
 */
public final class RecordIndex {
    public static final String COLLECTION = "recordIndex";
    /**
     * What is read of the document: while an older version still runs beside this one (a rolling upgrade), it may
     * add the per-record entries back, and they are not read.
     */
    private static final Bson KEPT = Projections.include("sharedMissions", "pathwayReview", PushOutbox.FIELD);

    /** Earlier versions listed every record and goal here; an upgraded store drops those entries. */
    public static final List<Migration> MIGRATIONS = List.of(new Migration("record-index-entries-removed",
            "remove the per-record and per-goal entries of recordIndex, now read from records and goals",
            db -> {
                MongoCollection<Document> index = db.getCollection(COLLECTION);
                index.updateMany(Filters.or(Filters.exists("records"), Filters.exists("goals")),
                        Updates.combine(Updates.unset("records"), Updates.unset("goals")));
                index.deleteMany(Filters.and(Filters.exists("pathwayReview", false),
                        Filters.exists(PushOutbox.FIELD, false), Filters.or(Filters.exists("sharedMissions", false),
                                Filters.size("sharedMissions", 0))));
                db.getCollection("checkpoints").deleteOne(Filters.eq("_id", "records-index-repair"));
                dropIndex(db.getCollection(RecordRepository.COLLECTION), "updatedAt_1");
                dropIndex(db.getCollection(GoalRepository.COLLECTION), "updatedAt_1");
            }));

    /** The repair's {@code updatedAt} indexes are no longer read; a store that never had them has nothing to drop. */
    private static void dropIndex(MongoCollection<Document> collection, String name) {
        boolean present = collection.listIndexes().into(new ArrayList<>()).stream()
                .anyMatch(index -> name.equals(index.getString("name")));
        if (present) {
            collection.dropIndex(name);
        }
    }

    /** The recorded pathway-plan review. */
    public record PathwayReview(LocalDate reviewDate, int remindDaysBefore, Instant remindAt) {
    }

    /** One young person's sharing and review. */
    public record Summary(String ownerId, Set<Mission> sharedMissions, PathwayReview pathwayReview) {
        static Summary empty(String ownerId) {
            return new Summary(ownerId, EnumSet.noneOf(Mission.class), null);
        }

        public boolean missionShared(Mission mission) {
            return sharedMissions.contains(mission);
        }
    }

    private final MongoCollection<Document> index;

    public RecordIndex(MongoDatabase db) {
        this.index = db.getCollection(COLLECTION);
    }

    public Summary find(String ownerId) {
        return Optional.ofNullable(index.find(Filters.eq("_id", ownerId)).projection(KEPT).first())
                .map(RecordIndex::fromDocument).orElseGet(() -> Summary.empty(ownerId));
    }

    public Map<String, Summary> findByIds(Collection<String> ownerIds) {
        Map<String, Summary> found = new HashMap<>();
        index.find(Filters.in("_id", ownerIds)).projection(KEPT)
                .forEach(doc -> found.put(doc.getString("_id"), fromDocument(doc)));
        ownerIds.forEach(id -> found.putIfAbsent(id, Summary.empty(id)));
        return found;
    }

    void setMissionShared(String ownerId, Mission mission, boolean shared) {
        index.updateOne(Filters.eq("_id", ownerId), shared ? Updates.addToSet("sharedMissions", mission.name())
                : Updates.pull("sharedMissions", mission.name()), new UpdateOptions().upsert(true));
    }

    /** Records the review date and, in the same write, the push need for its reminder. */
    void setPathwayReview(String ownerId, PathwayReview review, Document push) {
        index.updateOne(Filters.eq("_id", ownerId), Updates.combine(
                Updates.set("pathwayReview", new Document("reviewDate", review.reviewDate().toString())
                        .append("remindDaysBefore", review.remindDaysBefore())
                        .append("remindAt", Date.from(review.remindAt()))),
                push == null ? Updates.unset(PushOutbox.FIELD) : Updates.set(PushOutbox.FIELD, push)),
                new UpdateOptions().upsert(true));
    }

    private static Summary fromDocument(Document doc) {
        Set<Mission> shared = EnumSet.noneOf(Mission.class);
        doc.getList("sharedMissions", String.class, new ArrayList<>()).forEach(m -> shared.add(Mission.valueOf(m)));
        Document review = doc.get("pathwayReview", Document.class);
        return new Summary(doc.getString("_id"), shared, review == null ? null
                : new PathwayReview(LocalDate.parse(review.getString("reviewDate")),
                review.getInteger("remindDaysBefore"), review.getDate("remindAt").toInstant()));
    }

    /** Deletes one young person's sharing and pathway review (erasure); answers how many documents went. */
    long delete(String ownerId) {
        return index.deleteMany(Filters.eq("_id", ownerId)).getDeletedCount();
    }
}
