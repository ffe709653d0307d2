package app.alongside.records;

import app.alongside.audit.AuditEvent;
import app.alongside.platform.store.IndexPlan;
import app.alongside.platform.store.Mongo;
import app.alongside.push.PushOutbox;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code goals} collection; like records, each goal keeps its history in its own document. */
public final class GoalRepository {
    public static final String COLLECTION = "goals";

    private final MongoCollection<Document> goals;

    public GoalRepository(MongoDatabase db) {
        this.goals = db.getCollection(COLLECTION);
    }

    /** Like the records' indexes: the owner and each list's equality keys, then newest first. */
    public static List<IndexPlan> indexes() {
        return List.of(
                IndexPlan.of(COLLECTION, RecordRepository.newestKeys()),
                IndexPlan.of(COLLECTION, RecordRepository.newestKeys("mission")),
                IndexPlan.of(COLLECTION, RecordRepository.newestKeys("status")),
                IndexPlan.of(COLLECTION, RecordRepository.newestKeys("mission", "status")),
                IndexPlan.of(COLLECTION, RecordRepository.newestKeys("mission", "visibility")));
    }

    void insert(Document goal) {
        goals.insertOne(goal);
    }

    Optional<Document> find(String id) {
        return Optional.ofNullable(goals.find(Filters.eq("_id", id)).projection(RecordRepository.WITHOUT_HISTORY)
                .first());
    }

    Map<String, Document> findByIds(Collection<String> ids, boolean withHistory) {
        Map<String, Document> found = new HashMap<>();
        var find = goals.find(Filters.in("_id", ids));
        (withHistory ? find : find.projection(RecordRepository.WITHOUT_HISTORY))
                .forEach(doc -> found.put(doc.getString("_id"), doc));
        return found;
    }

    /** Like {@link RecordRepository#update}: only if still at {@code version}. */
    boolean update(String id, String ownerId, int version, Bson update, Document historyEntry) {
        return RecordRepository.versioned(goals, id, ownerId, version, update, historyEntry);
    }

    List<Document> byOwner(String ownerId, boolean withHistory) {
        var find = goals.find(Filters.eq("ownerId", ownerId)).sort(Sorts.descending("createdAt", "_id"));
        return (withHistory ? find : find.projection(RecordRepository.WITHOUT_HISTORY)).into(new ArrayList<>());
    }

    /** The newest {@code limit} goals past the cursor matching any of {@code filters}. */
    /** The owner's newest goals past the cursor, of one mission or status, or all. */
    List<Document> newestOwn(String ownerId, Optional<Mission> mission, Optional<Goal.GoalStatus> status,
                             Optional<String> after, int limit) {
        List<Bson> filter = new ArrayList<>(List.of(Filters.eq("ownerId", ownerId)));
        mission.ifPresent(m -> filter.add(Filters.eq("mission", m.name())));
        status.ifPresent(s -> filter.add(Filters.eq("status", s.name())));
        return newest(List.of(filter), after, limit);
    }

    /**
     * The newest goals past the cursor an advocate sees: per mission, all its goals if the owner shares the mission
     * ({@code true}), else those shared one by one.
     */
    List<Document> newestShared(String ownerId, Map<Mission, Boolean> missions, Optional<String> after, int limit) {
        List<List<Bson>> branches = new ArrayList<>();
        missions.forEach((mission, shared) -> {
            List<Bson> filter = new ArrayList<>(List.of(Filters.eq("ownerId", ownerId),
                    Filters.eq("mission", mission.name())));
            if (!shared) {
                filter.add(Filters.eq("visibility", Visibility.SHARED_WITH_ADVOCATE.name()));
            }
            branches.add(filter);
        });
        return newest(branches, after, limit);
    }

    /** A comment added. */
    static Bson commented(Goal.Comment comment, Instant now) {
        return Updates.combine(Updates.push("comments", comment(comment)), Updates.set("updatedAt", Date.from(now)));
    }

    /**
     * An edit: the state's {@code changed} keys as in {@code updated}; when the target date or status changed, the
     * nudge due at {@code nudgeAt} (none when empty).
     */
    static Bson edited(Goal updated, Set<String> changed, Optional<Instant> nudgeAt) {
        List<Bson> sets = new ArrayList<>();
        state(updated).forEach((key, value) -> {
            if (changed.contains(key)) {
                sets.add(Updates.set(key, value));
            }
        });
        sets.add(Updates.set("updatedAt", Date.from(updated.updatedAt())));
        if (changed.contains("targetDate") || changed.contains("status")) {
            sets.add(nudgeAt.map(at -> Updates.set(PushOutbox.FIELD, PushOutbox.pending(at)))
                    .orElse(Updates.unset(PushOutbox.FIELD)));
        }
        return Updates.combine(sets);
    }

    private List<Document> newest(List<List<Bson>> filters, Optional<String> after, int limit) {
        return RecordRepository.newest(goals, filters, after, limit);
    }

    /** The owner's active goals (what the home screen shows of goals), without history. */
    List<Goal> active(String ownerId) {
        return goals.find(Filters.and(Filters.eq("ownerId", ownerId),
                        Filters.eq("status", Goal.GoalStatus.ACTIVE.name())))
                .projection(RecordRepository.WITHOUT_HISTORY).sort(Sorts.descending("createdAt", "_id"))
                .map(GoalRepository::fromDocument).into(new ArrayList<>());
    }

    static Document state(Goal goal) {
        return new Document("mission", goal.mission().name())
                .append("title", goal.title())
                .append("description", goal.description())
                .append("targetDate", goal.targetDate() == null ? null : goal.targetDate().toString())
                .append("status", goal.status().name())
                .append("progressPercent", goal.manualProgress())
                .append("steps", goal.steps().stream().map(s -> new Document("id", s.id()).append("title", s.title())
                        .append("targetDate", s.targetDate() == null ? null : s.targetDate().toString())
                        .append("doneAt", Mongo.date(s.doneAt()))).toList())
                .append("visibility", goal.visibility().name());
    }

    static Document comment(Goal.Comment comment) {
        return new Document("id", comment.id()).append("authorKind", comment.authorKind().name())
                .append("authorId", comment.authorId()).append("authorName", comment.authorName())
                .append("body", comment.body()).append("createdAt", Date.from(comment.createdAt()));
    }

    static Goal fromDocument(Document doc) {
        return new Goal(doc.getString("_id"), doc.getString("ownerId"), Mission.valueOf(doc.getString("mission")),
                doc.getString("title"), doc.getString("description"), date(doc.getString("targetDate")),
                Goal.GoalStatus.valueOf(doc.getString("status")), doc.getInteger("progressPercent", 0),
                doc.getList("steps", Document.class).stream().map(s -> new Goal.Step(doc.getString("_id"),
                        s.getString("id"),
                        s.getString("title"), date(s.getString("targetDate")), Mongo.instant(s.getDate("doneAt"))))
                        .toList(),
                doc.getList("comments", Document.class, new ArrayList<>()).stream().map(c -> new Goal.Comment(
                        doc.getString("_id"), c.getString("id"),
                        AuditEvent.ActorKind.valueOf(c.getString("authorKind")),
                        c.getString("authorId"), c.getString("authorName"), c.getString("body"),
                        c.getDate("createdAt").toInstant())).toList(),
                Visibility.valueOf(doc.getString("visibility")), doc.getInteger("version"),
                doc.getDate("createdAt").toInstant(), doc.getDate("updatedAt").toInstant());
    }

    private static LocalDate date(String text) {
        return text == null ? null : LocalDate.parse(text);
    }

    /** Deletes every goal of one owner, with its history and comments (erasure); answers how many went. */
    long deleteOwnedBy(String ownerId) {
        return goals.deleteMany(Filters.eq("ownerId", ownerId)).getDeletedCount();
    }
}
