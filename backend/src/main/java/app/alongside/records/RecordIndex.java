package app.alongside.records;

import app.alongside.platform.Mongo;
import app.alongside.push.PushOutbox;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One small document per young person ({@code recordIndex}, keyed by their id) listing their records and goals
 * with what lists and the home screen need: mission, kind, title, dates, sharing. The home screen and the first
 * page of records read it by {@code _id} and then the records by {@code _id}, so they cost the same whatever the
 * collection's size and whether or not the store has secondary indexes. It is written after each record write,
 * only ever forward ({@code v} never goes back), and {@link RecordsMaintenance} repairs it if a write was missed.
 */
public final class RecordIndex {
    public static final String COLLECTION = "recordIndex";

    /** What the index keeps of a record. */
    public record RecordEntry(String id, RecordKind kind, String title, Instant createdAt, Instant dueAt,
                              boolean shared, boolean deleted, int version) {
        public Mission mission() {
            return kind.mission();
        }
    }

    /** What the index keeps of a goal. */
    public record GoalEntry(String id, Mission mission, String title, Goal.GoalStatus status, Instant dueAt,
                            boolean shared, Instant createdAt, int version) {
    }

    /** The recorded pathway-plan review. */
    public record PathwayReview(LocalDate reviewDate, int remindDaysBefore, Instant remindAt) {
    }

    /** One young person's index. */
    public record Summary(String ownerId, Map<String, RecordEntry> records, Map<String, GoalEntry> goals,
                          Set<Mission> sharedMissions, PathwayReview pathwayReview) {
        static Summary empty(String ownerId) {
            return new Summary(ownerId, Map.of(), Map.of(), EnumSet.noneOf(Mission.class), null);
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
        return Optional.ofNullable(index.find(Filters.eq("_id", ownerId)).first()).map(RecordIndex::fromDocument)
                .orElseGet(() -> Summary.empty(ownerId));
    }

    public Map<String, Summary> findByIds(Collection<String> ownerIds) {
        Map<String, Summary> found = new HashMap<>();
        index.find(Filters.in("_id", ownerIds)).forEach(doc -> found.put(doc.getString("_id"), fromDocument(doc)));
        ownerIds.forEach(id -> found.putIfAbsent(id, Summary.empty(id)));
        return found;
    }

    void putRecord(String ownerId, RecordEntry entry) {
        String key = "records." + entry.id();
        forward(ownerId, key, entry.version(), recordEntry(entry));
    }

    /** The stored form of a record's entry, under {@code records.<id>}. Also used to seed load tests. */
    static Document recordEntry(RecordEntry entry) {
        return new Document("k", entry.kind().name()).append("t", entry.title())
                .append("c", Date.from(entry.createdAt())).append("d", Mongo.date(entry.dueAt()))
                .append("s", entry.shared()).append("x", entry.deleted()).append("v", entry.version());
    }

    void putGoal(String ownerId, GoalEntry entry) {
        String key = "goals." + entry.id();
        forward(ownerId, key, entry.version(), new Document("m", entry.mission().name()).append("t", entry.title())
                .append("st", entry.status().name()).append("d", Mongo.date(entry.dueAt()))
                .append("s", entry.shared()).append("c", Date.from(entry.createdAt())).append("v", entry.version()));
    }

    /** Sets an entry unless the index already holds a newer version of it. */
    private void forward(String ownerId, String key, int version, Document entry) {
        Bson newer = Filters.or(Filters.exists(key + ".v", false), Filters.lt(key + ".v", version));
        try {
            index.updateOne(Filters.and(Filters.eq("_id", ownerId), newer), Updates.set(key, entry),
                    new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (!Mongo.isDuplicateKey(e)) {
                throw e;
            }
            // the document exists with a newer entry: nothing to do
        }
    }

    void removeRecord(String ownerId, String recordId) {
        index.updateOne(Filters.eq("_id", ownerId), Updates.unset("records." + recordId));
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

    /** Replaces every record and goal entry with what the collections hold now (repairing drift). */
    void rebuild(String ownerId, List<RecordEntry> records, List<GoalEntry> goals) {
        index.updateOne(Filters.eq("_id", ownerId), Updates.combine(Updates.set("records", new Document()),
                Updates.set("goals", new Document())), new UpdateOptions().upsert(true));
        records.forEach(entry -> putRecord(ownerId, entry));
        goals.forEach(entry -> putGoal(ownerId, entry));
    }

    /** True when an item created at {@code createdAt} with {@code id} comes after cursor {@code key}, newest first. */
    static boolean olderThan(Instant createdAt, String id, String key) {
        int bar = key.indexOf('|');
        try {
            long millis = Long.parseLong(key.substring(0, Math.max(bar, 0)));
            long at = createdAt.toEpochMilli();
            return at < millis || (at == millis && id.compareTo(key.substring(bar + 1)) < 0);
        } catch (NumberFormatException e) {
            throw app.alongside.platform.ApiException.badInput(List.of("after"),
                    "\"after\" is not a cursor from this API.");
        }
    }

    private static Summary fromDocument(Document doc) {
        Map<String, RecordEntry> records = new LinkedHashMap<>();
        Document stored = doc.get("records", new Document());
        stored.forEach((id, value) -> {
            Document e = (Document) value;
            records.put(id, new RecordEntry(id, RecordKind.valueOf(e.getString("k")), e.getString("t"),
                    e.getDate("c").toInstant(), Mongo.instant(e.getDate("d")), e.getBoolean("s", false),
                    e.getBoolean("x", false), e.getInteger("v")));
        });
        Map<String, GoalEntry> goals = new LinkedHashMap<>();
        doc.get("goals", new Document()).forEach((id, value) -> {
            Document e = (Document) value;
            goals.put(id, new GoalEntry(id, Mission.valueOf(e.getString("m")), e.getString("t"),
                    Goal.GoalStatus.valueOf(e.getString("st")), Mongo.instant(e.getDate("d")),
                    e.getBoolean("s", false), e.getDate("c").toInstant(), e.getInteger("v")));
        });
        Set<Mission> shared = EnumSet.noneOf(Mission.class);
        doc.getList("sharedMissions", String.class, new ArrayList<>()).forEach(m -> shared.add(Mission.valueOf(m)));
        Document review = doc.get("pathwayReview", Document.class);
        return new Summary(doc.getString("_id"), records, goals, shared, review == null ? null
                : new PathwayReview(LocalDate.parse(review.getString("reviewDate")),
                review.getInteger("remindDaysBefore"), review.getDate("remindAt").toInstant()));
    }
}
