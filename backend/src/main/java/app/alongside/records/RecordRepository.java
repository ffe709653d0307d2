package app.alongside.records;

import app.alongside.platform.core.Connections;
import app.alongside.platform.store.IndexPlan;
import app.alongside.push.PushOutbox;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Facet;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code records} collection. A record's versions live in the record's own document ({@code history}: what
 * each change replaced), so a change and its history are one atomic write; reads for lists leave history out.
 */
public final class RecordRepository {
    public static final String COLLECTION = "records";
    static final Bson WITHOUT_HISTORY = Projections.exclude("history");

    private final MongoCollection<Document> records;

    public RecordRepository(MongoDatabase db) {
        this.records = db.getCollection(COLLECTION);
    }

    /**
     * Each list reads through one of these: the owner and the list's equality keys (mission or kind, visibility,
     * {@code deletedAt: null} for live records) first, then the newest-first sort keys.
     */
    public static List<IndexPlan> indexes() {
        return List.of(
                listIndex(),
                listIndex("deletedAt"),
                listIndex("mission"),
                listIndex("mission", "deletedAt"),
                listIndex("mission", "visibility", "deletedAt"),
                listIndex("kind"),
                listIndex("kind", "deletedAt"),
                IndexPlan.of(COLLECTION, Indexes.ascending("purgeAt")));
    }

    private static IndexPlan listIndex(String... equalityKeys) {
        return IndexPlan.of(COLLECTION, newestKeys(equalityKeys));
    }

    /** Index keys: the owner, then {@code equalityKeys}, then newest first (records and goals alike). */
    static Bson newestKeys(String... equalityKeys) {
        List<String> leading = new ArrayList<>(List.of("ownerId"));
        leading.addAll(List.of(equalityKeys));
        return Indexes.compoundIndex(Indexes.ascending(leading), Indexes.descending("createdAt", "_id"));
    }

    void insert(Document record) {
        records.insertOne(record);
    }

    Optional<Document> find(String id) {
        return Optional.ofNullable(records.find(Filters.eq("_id", id)).projection(WITHOUT_HISTORY).first());
    }

    Map<String, Document> findByIds(Collection<String> ids) {
        Map<String, Document> found = new HashMap<>();
        records.find(Filters.in("_id", ids)).projection(WITHOUT_HISTORY)
                .forEach(doc -> found.put(doc.getString("_id"), doc));
        return found;
    }

    /** Each record's history (what each change replaced, oldest first) and its current state. */
    Map<String, Document> withHistory(Collection<String> ids) {
        Map<String, Document> found = new HashMap<>();
        records.find(Filters.in("_id", ids)).forEach(doc -> found.put(doc.getString("_id"), doc));
        return found;
    }

    /**
     * Applies {@code update} if the record is still at {@code version} (and owned by {@code ownerId}), adding one
     * version and its history entry. False when someone else changed it first.
     */
    boolean update(String id, String ownerId, int version, Bson update, Document historyEntry) {
        return versioned(records, id, ownerId, version, update, historyEntry);
    }

    /** The one way records and goals change: at a version, adding the next and its history entry atomically. */
    static boolean versioned(MongoCollection<Document> collection, String id, String ownerId, int version,
                             Bson update, Document historyEntry) {
        return collection.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("ownerId", ownerId),
                        Filters.eq("version", version)),
                Updates.combine(update, Updates.inc("version", 1), Updates.push("history", historyEntry)))
                .getModifiedCount() == 1;
    }

    /** Every record of one owner, with history (the export). */
    List<Document> byOwner(String ownerId, boolean withHistory) {
        var find = records.find(Filters.eq("ownerId", ownerId)).sort(Sorts.descending("createdAt", "_id"));
        return (withHistory ? find : find.projection(WITHOUT_HISTORY)).into(new ArrayList<>());
    }

    /** The newest {@code limit} records past the cursor matching any of {@code filters} (see {@link #newest}). */
    private List<Document> newest(List<List<Bson>> filters, Optional<String> after, int limit) {
        return newest(records, filters, after, limit);
    }

    /**
     * Newest first, ties by id: each branch (equalities on one index's leading keys) is read past the cursor up
     * to {@code limit}, and the branches merged. Exact: the first {@code limit} of the union are among the
     * branches' first {@code limit}.
     */
    static List<Document> newest(MongoCollection<Document> collection, List<List<Bson>> branches,
                                 Optional<String> after, int limit) {
        Map<String, Document> found = new HashMap<>();
        for (List<Bson> branch : branches) {
            List<Bson> parts = new ArrayList<>(branch);
            after.ifPresent(key -> parts.add(Connections.olderThan(key)));
            collection.find(Filters.and(parts)).projection(WITHOUT_HISTORY).sort(Connections.NEWEST_FIRST)
                    .limit(limit).forEach(doc -> found.put(doc.getString("_id"), doc));
        }
        return found.values().stream().sorted(Comparator.comparing((Document d) -> d.getDate("createdAt"))
                .thenComparing(d -> d.getString("_id")).reversed()).limit(limit).toList();
    }

    /**
     * The owner's newest records past the cursor: of one mission, of some kinds (each its own index branch), or
     * all; with or without the deleted ones.
     */
    List<Document> newestOwn(String ownerId, Optional<Mission> mission, Set<RecordKind> kinds,
                             boolean includeDeleted, Optional<String> after, int limit) {
        List<Bson> base = includeDeleted ? List.of(Filters.eq("ownerId", ownerId)) : live(ownerId);
        List<List<Bson>> branches = kinds.isEmpty()
                ? List.of(mission.map(m -> with(base, Filters.eq("mission", m.name()))).orElse(base))
                : kinds.stream().filter(k -> mission.map(m -> k.mission() == m).orElse(true))
                .map(k -> with(base, Filters.eq("kind", k.name()))).toList();
        return newest(branches, after, limit);
    }

    /**
     * The newest records past the cursor an advocate sees of the owner's {@code missions}: every live record of
     * a mission the owner shares ({@code true}), else only those shared one by one.
     */
    List<Document> newestShared(String ownerId, Map<Mission, Boolean> missions, Optional<String> after, int limit) {
        List<List<Bson>> branches = missions.entrySet().stream().map(m -> {
            List<Bson> records = with(live(ownerId), Filters.eq("mission", m.getKey().name()));
            return m.getValue() ? records
                    : with(records, Filters.eq("visibility", Visibility.SHARED_WITH_ADVOCATE.name()));
        }).toList();
        return newest(branches, after, limit);
    }

    static List<Bson> with(List<Bson> filters, Bson more) {
        List<Bson> all = new ArrayList<>(filters);
        all.add(more);
        return all;
    }

    /**
     * An edit: the state's {@code changed} keys as in {@code updated}, and the reminder due at {@code remindAt}
     * (none when empty).
     */
    static Bson edited(LifeRecord updated, Set<String> changed, Instant now, Optional<Instant> remindAt) {
        List<Bson> sets = new ArrayList<>();
        state(updated).forEach((key, value) -> {
            if (changed.contains(key)) {
                sets.add(Updates.set(key, value));
            }
        });
        sets.add(Updates.set("updatedAt", Date.from(now)));
        sets.add(remindAt.map(at -> Updates.set(PushOutbox.FIELD, PushOutbox.pending(at)))
                .orElse(Updates.unset(PushOutbox.FIELD)));
        return Updates.combine(sets);
    }

    /** A delete that can be undone until {@code purgeAt}; its reminder goes. */
    static Bson deleted(Instant now, Instant purgeAt) {
        return Updates.combine(Updates.set("deletedAt", Date.from(now)), Updates.set("purgeAt", Date.from(purgeAt)),
                Updates.set("updatedAt", Date.from(now)), Updates.unset(PushOutbox.FIELD));
    }

    /** The delete undone. */
    static Bson restored(Instant now) {
        return Updates.combine(Updates.unset("deletedAt"), Updates.unset("purgeAt"),
                Updates.set("updatedAt", Date.from(now)));
    }

    static Bson visible(Visibility visibility, Instant now) {
        return Updates.combine(Updates.set("visibility", visibility.name()), Updates.set("updatedAt", Date.from(now)));
    }

    /** The owner's live records, counted up to {@code limit}. */
    long countLive(String ownerId, int limit) {
        return records.countDocuments(Filters.and(live(ownerId)), new CountOptions().limit(limit));
    }

    /** The owner's records not deleted: equalities on the leading keys of the {@code deletedAt} indexes. */
    static List<Bson> live(String ownerId) {
        return List.of(Filters.eq("ownerId", ownerId), Filters.eq("deletedAt", null));
    }

    /**
     * The home screen's one read of records, through the {@code (ownerId, deletedAt)} index: per kind of the
     * owner's live records, how many, the newest, and the soonest still due ({@code dueAt} from {@code dueFrom},
     * or from {@code timedFrom} for the kinds in {@code timedKinds}, whose due time is a time of day). Only the
     * four fields it sorts and groups by go through the stages; the groups carry ids ({@code latestId},
     * {@code nextId}), whose records {@link #findByIds} then reads.
     */
    Document homeScreen(String ownerId, Instant dueFrom, Instant timedFrom, List<String> timedKinds) {
        Bson due = Filters.or(Filters.and(Filters.in("kind", timedKinds), Filters.gte("dueAt", Date.from(timedFrom))),
                Filters.and(Filters.nin("kind", timedKinds), Filters.gte("dueAt", Date.from(dueFrom))));
        return records.aggregate(List.of(Aggregates.match(Filters.and(live(ownerId))),
                Aggregates.project(Projections.include("kind", "createdAt", "dueAt")), Aggregates.facet(
                        new Facet("byKind", Aggregates.sort(Connections.NEWEST_FIRST), Aggregates.group("$kind",
                                Accumulators.sum("count", 1), Accumulators.first("latestId", "$_id"))),
                        new Facet("due", Aggregates.match(due), Aggregates.sort(Sorts.ascending("dueAt", "_id")),
                                Aggregates.group("$kind", Accumulators.first("nextId", "$_id")))))).first();
    }

    /** Deleted records whose undo window has passed. */
    List<Document> purgeable(Instant now, int limit) {
        return records.find(Filters.lte("purgeAt", Date.from(now))).projection(Projections.include("_id"))
                .limit(limit).into(new ArrayList<>());
    }

    boolean purge(String id, Instant now) {
        return records.deleteOne(Filters.and(Filters.eq("_id", id), Filters.lte("purgeAt", Date.from(now))))
                .getDeletedCount() == 1;
    }

    /** The stored form of a record's current state (without id, owner and history). */
    static Document state(LifeRecord record) {
        return new Document("kind", record.kind().name())
                .append("mission", record.mission().name())
                .append("visibility", record.visibility().name())
                .append("details", details(record.details()))
                .append("notes", record.notes())
                .append("entries", record.entries().stream().map(e -> new Document("date", e.date().toString())
                        .append("text", e.text())).toList())
                .append("attachments", record.attachments().stream().map(a -> new Document("fileName", a.fileName())
                        .append("mediaType", a.mediaType()).append("sizeBytes", a.sizeBytes())
                        .append("description", a.description())).toList())
                .append("dueAt", record.dueAt() == null ? null : Date.from(record.dueAt()));
    }

    static Document details(Map<String, Object> details) {
        Document doc = new Document();
        details.forEach((name, value) -> doc.append(name, switch (value) {
            case LocalDate date -> date.toString();
            case Instant instant -> Date.from(instant);
            default -> value;
        }));
        return doc;
    }

    static LifeRecord fromDocument(Document doc) {
        RecordKind kind = RecordKind.valueOf(doc.getString("kind"));
        Document stored = doc.get("details", Document.class);
        Map<String, Object> details = new LinkedHashMap<>();
        for (FieldSpec field : kind.fields()) {
            Object value = stored.get(field.name());
            if (value != null) {
                details.put(field.name(), switch (field.type()) {
                    case DATE -> LocalDate.parse((String) value);
                    case DATE_TIME -> ((Date) value).toInstant();
                    default -> value;
                });
            }
        }
        return new LifeRecord(doc.getString("_id"), doc.getString("ownerId"), kind, doc.getInteger("version"),
                Visibility.valueOf(doc.getString("visibility")), details, doc.getString("notes"),
                doc.getList("entries", Document.class).stream().map(e -> new LifeRecord.DatedEntry(
                        LocalDate.parse(e.getString("date")), e.getString("text"))).toList(),
                doc.getList("attachments", Document.class).stream().map(a -> new LifeRecord.Attachment(
                        a.getString("fileName"), a.getString("mediaType"), a.getInteger("sizeBytes"),
                        a.getString("description"))).toList(),
                doc.getDate("createdAt").toInstant(), doc.getDate("updatedAt").toInstant(),
                instant(doc.getDate("deletedAt")), instant(doc.getDate("purgeAt")));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /** The owner's live (not deleted) records of one kind, newest first, private ones too: for the owner only. */
    List<LifeRecord> live(String ownerId, RecordKind kind) {
        return records.find(Filters.and(Filters.eq("ownerId", ownerId), Filters.eq("kind", kind.name()),
                        Filters.eq("deletedAt", null))).projection(WITHOUT_HISTORY)
                .sort(Sorts.descending("createdAt", "_id")).map(RecordRepository::fromDocument)
                .into(new ArrayList<>());
    }

    /** Deletes every record of one owner, with its history (erasure); answers how many went. */
    long deleteOwnedBy(String ownerId) {
        return records.deleteMany(Filters.eq("ownerId", ownerId)).getDeletedCount();
    }
}
