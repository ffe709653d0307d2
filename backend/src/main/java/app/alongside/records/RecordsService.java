package app.alongside.records;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditLog;
import app.alongside.kernel.Principal;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.Connections;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.store.Idempotency;
import app.alongside.platform.store.Mongo;
import app.alongside.push.PushOutbox;
import com.mongodb.MongoWriteException;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A young person's records: creating, changing (only from the version last seen), deleting with an undo window,
 * sharing with their advocate, and reading them, by themself or by an advocate they shared with.
 */
public final class RecordsService {
    static final int MAX_LIVE_RECORDS = 5_000;
    /** The kinds due at a time of day ({@code startsAt}), not on a date. */
    private static final List<String> TIMED_KINDS = Arrays.stream(RecordKind.values())
            .filter(k -> k.dueField().filter("startsAt"::equals).isPresent()).map(Enum::name).toList();
    static final List<String> STATE_KEYS = List.of("kind", "mission", "visibility", "details", "notes", "entries",
            "attachments", "dueAt", "deletedAt", "purgeAt");

    private final RecordRepository records;
    private final RecordIndex index;
    private final RecordsPolicy policy;
    private final CodeCatalogue codes;
    private final AuditLog audit;
    private final Idempotency idempotency;
    private final Duration undoWindow;
    private final Clock clock;

    public RecordsService(RecordRepository records, RecordIndex index, RecordsPolicy policy, CodeCatalogue codes,
                   AuditLog audit, Idempotency idempotency, Duration undoWindow, Clock clock) {
        this.records = records;
        this.index = index;
        this.policy = policy;
        this.codes = codes;
        this.audit = audit;
        this.idempotency = idempotency;
        this.undoWindow = undoWindow;
        this.clock = clock;
    }

    LifeRecord create(RequestContext context, Input input) {
        String owner = policy.requireOwner(context.principal());
        RecordInput parse = new RecordInput(codes, clock);
        RecordInput.Details details = parse.details(input.nested("details")
                .orElseThrow(() -> ApiException.badInput(input.at("details"), "Required.")));
        String notes = RecordInput.notes(input).filter(text -> !text.isEmpty()).orElse(null);
        var entries = parse.entries(input).orElse(List.of());
        var attachments = RecordInput.attachments(input).orElse(List.of());
        Visibility visibility = input.optionalEnum("visibility", Visibility.class).orElse(Visibility.PRIVATE);
        Idempotency.Claim claim = idempotency.claim("createRecord", context.principal().key(),
                input.clientMutationId(), input.fingerprint());
        if (!claim.fresh()) {
            Optional<Document> first = records.find(claim.id());
            if (first.isPresent()) {
                return RecordRepository.fromDocument(first.get());
            }
        }
        if (records.countLive(owner, MAX_LIVE_RECORDS) >= MAX_LIVE_RECORDS) {
            throw ApiException.badInput(input.at("details"), "You have " + MAX_LIVE_RECORDS
                    + " records, the most one person can keep; delete some first.");
        }
        Instant now = clock.instant();
        LifeRecord record = new LifeRecord(claim.id(), owner, details.kind(), 1, visibility, details.values(), notes,
                entries, attachments, now, now, null, null);
        Document doc = newDocument(record, context.principal(), now);
        try {
            records.insert(doc);
        } catch (MongoWriteException e) {
            if (!Mongo.isDuplicateKey(e)) {
                throw e;
            }
            return records.find(record.id()).map(RecordRepository::fromDocument).orElseThrow(() -> e);
        }
        audit.record(context, AuditAction.CREATE, LifeRecord.TYPE, record.id(), owner, record.kind().name());
        return record;
    }

    /**
     * The stored form of a record just created by {@code actor} at {@code now}: its state, version 1, one history
     * entry and, for an appointment with a reminder still to come, the push need. Also used to seed load tests.
     */
    static Document newDocument(LifeRecord record, Principal actor, Instant now) {
        Document doc = RecordRepository.state(record).append("_id", record.id()).append("ownerId", record.ownerId())
                .append("version", 1).append("createdAt", Date.from(now)).append("updatedAt", Date.from(now))
                .append("history", List.of(Histories.entry(1, Histories.Change.CREATED, actor, now,
                        new Document())));
        reminderAt(record, now).ifPresent(at -> doc.append(PushOutbox.FIELD, PushOutbox.pending(at)));
        return doc;
    }

    LifeRecord update(RequestContext context, Input input) {
        String owner = policy.requireOwner(context.principal());
        LifeRecord current = own(owner, input.id("id", LifeRecord.TYPE), input);
        int version = input.optionalInt("version", 1, Integer.MAX_VALUE).orElseThrow();
        if (current.deleted()) {
            throw new ApiException(ErrorCode.CONFLICT, "This record is deleted: restore it first.", input.at("id"),
                    Map.of());
        }
        if (version != current.version()) {
            throw new StaleVersion(current, current.version());
        }
        RecordInput parse = new RecordInput(codes, clock);
        Map<String, Object> details = input.nested("details").map(d -> parse.detailsOf(current.kind(), d).values())
                .orElse(current.details());
        Instant now = clock.instant();
        LifeRecord updated = new LifeRecord(current.id(), owner, current.kind(), version + 1, current.visibility(),
                details, RecordInput.notes(input).map(text -> text.isEmpty() ? null : text).orElse(current.notes()),
                parse.entries(input).orElse(current.entries()),
                RecordInput.attachments(input).orElse(current.attachments()), current.createdAt(), now, null, null);
        Document before = Histories.changed(RecordRepository.state(current), RecordRepository.state(updated));
        if (before.isEmpty()) {
            return current;
        }
        write(current, RecordRepository.edited(updated, before.keySet(), now, reminderAt(updated, now)),
                Histories.Change.UPDATED, context, now, before);
        audit.record(context, AuditAction.UPDATE, LifeRecord.TYPE, current.id(), owner, current.kind().name());
        return updated;
    }

    LifeRecord delete(RequestContext context, Input input) {
        String owner = policy.requireOwner(context.principal());
        LifeRecord current = own(owner, input.id("id", LifeRecord.TYPE), input);
        if (current.deleted()) {
            return current;
        }
        Instant now = clock.instant();
        Instant purgeAt = now.plus(undoWindow);
        write(current, RecordRepository.deleted(now, purgeAt), Histories.Change.DELETED, context, now,
                new Document("deletedAt", null).append("purgeAt", null));
        LifeRecord deleted = copy(current, current.version() + 1, current.visibility(), now, now, purgeAt);
        audit.record(context, AuditAction.DELETE, LifeRecord.TYPE, current.id(), owner, current.kind().name());
        return deleted;
    }

    LifeRecord restore(RequestContext context, Input input) {
        String owner = policy.requireOwner(context.principal());
        LifeRecord current = own(owner, input.id("id", LifeRecord.TYPE), input);
        if (!current.deleted()) {
            return current;
        }
        Instant now = clock.instant();
        if (!now.isBefore(current.restorableUntil())) {
            throw new ApiException(ErrorCode.CONFLICT, "The time to undo this delete has passed.", input.at("id"),
                    Map.of());
        }
        write(current, RecordRepository.restored(now), Histories.Change.RESTORED, context, now,
                new Document("deletedAt", Date.from(current.deletedAt()))
                        .append("purgeAt", Date.from(current.restorableUntil())));
        LifeRecord restored = copy(current, current.version() + 1, current.visibility(), now, null, null);
        audit.record(context, AuditAction.UPDATE, LifeRecord.TYPE, current.id(), owner, "restored");
        return restored;
    }

    LifeRecord share(RequestContext context, String id, boolean shared, Input input) {
        String owner = policy.requireOwner(context.principal());
        LifeRecord current = own(owner, id, input);
        Visibility visibility = shared ? Visibility.SHARED_WITH_ADVOCATE : Visibility.PRIVATE;
        if (current.visibility() == visibility) {
            return current;
        }
        Instant now = clock.instant();
        write(current, RecordRepository.visible(visibility, now),
                shared ? Histories.Change.SHARED : Histories.Change.UNSHARED, context, now,
                new Document("visibility", current.visibility().name()));
        LifeRecord changed = copy(current, current.version() + 1, visibility, now, current.deletedAt(),
                current.restorableUntil());
        audit.record(context, AuditAction.UPDATE, LifeRecord.TYPE, id, owner,
                shared ? "shared with advocate" : "stopped sharing with advocate");
        return changed;
    }

    void shareMission(RequestContext context, Mission mission, boolean shared) {
        String owner = policy.requireOwner(context.principal());
        index.setMissionShared(owner, mission, shared);
        audit.record(context, AuditAction.UPDATE, "Mission", mission.name(), owner,
                (shared ? "shared with advocate: " : "stopped sharing with advocate: ") + mission.name());
    }

    /** The young person's own records, newest first, read through the records' indexes. */
    Connections.Connection<LifeRecord> mine(RequestContext context, Optional<Mission> mission, Set<RecordKind> kinds,
                                            boolean includeDeleted, Connections.Page page) {
        String owner = policy.requireOwner(context.principal());
        return page(records.newestOwn(owner, mission, kinds, includeDeleted, page.after(), page.first() + 1), page);
    }

    /** What {@code youngPersonId} shared with their advocate, for an advocate of theirs. Audited. */
    Connections.Connection<LifeRecord> shared(RequestContext context, String youngPersonId,
                                              Optional<Mission> mission, Connections.Page page) {
        policy.requireAdvocateOf(context, youngPersonId, LifeRecord.TYPE);
        RecordIndex.Summary summary = index.find(youngPersonId);
        Map<Mission, Boolean> missions = new EnumMap<>(Mission.class);
        mission.map(List::of).orElse(List.of(Mission.values()))
                .forEach(m -> missions.put(m, summary.missionShared(m)));
        Connections.Connection<LifeRecord> found = page(records.newestShared(youngPersonId, missions, page.after(),
                page.first() + 1), page);
        audit.recordReadsOf(context, LifeRecord.TYPE, youngPersonId, found.nodes().stream().map(LifeRecord::id)
                .toList(), "shared records");
        return found;
    }

    private static Connections.Connection<LifeRecord> page(List<Document> newest, Connections.Page page) {
        List<LifeRecord> found = newest.stream().map(RecordRepository::fromDocument).toList();
        return Connections.page(found, page, page.after().isPresent(),
                r -> Connections.newestKey(r.createdAt(), r.id()));
    }

    /** Records by id that the caller may see: their own, or shared with them as an advocate (audited). */
    Map<String, Object> load(RequestContext context, List<String> ids) {
        Principal principal = context.principal();
        Map<String, Document> docs = records.findByIds(ids);
        List<String> owners = docs.values().stream().map(d -> d.getString("ownerId")).distinct().toList();
        Map<String, RecordIndex.Summary> summaries = principal instanceof Principal.Staff
                ? index.findByIds(owners) : Map.of();
        Map<String, Object> visible = new LinkedHashMap<>();
        for (Document doc : docs.values()) {
            LifeRecord record = RecordRepository.fromDocument(doc);
            if (RecordsPolicy.isOwner(principal, record.ownerId())) {
                visible.put(record.id(), record);
            } else if (!record.deleted() && policy.advocateSees(principal, record.ownerId())
                    && record.sharedWithAdvocate(summaries.get(record.ownerId()))) {
                visible.put(record.id(), record);
                audit.recordReadsOf(context, LifeRecord.TYPE, record.ownerId(), List.of(record.id()), "record");
            }
        }
        return visible;
    }

    /** Every version of the owner's records among {@code ids}, newest first; nothing for anyone else. */
    Map<String, List<Histories.Version>> history(RequestContext context, List<String> ids) {
        Map<String, List<Histories.Version>> found = new LinkedHashMap<>();
        records.withHistory(ids).forEach((id, doc) -> {
            if (RecordsPolicy.isOwner(context.principal(), doc.getString("ownerId"))) {
                found.put(id, Histories.versions(doc, STATE_KEYS));
            }
        });
        return found;
    }

    /** Per kind of a young person's live records: how many, the newest, and the soonest still due (or null). */
    record KindStats(int count, LifeRecord latest, LifeRecord nextDue) {
    }

    /**
     * The home screen's records, in one aggregation of ids and one read of those records: due from {@code today},
     * or from {@code now} for kinds due at a time of day (an appointment earlier today is past). A record purged
     * between the two reads leaves its kind out.
     */
    Map<RecordKind, KindStats> kindStats(String owner, Instant today, Instant now) {
        Document found = records.homeScreen(owner, today, now, TIMED_KINDS);
        Map<RecordKind, KindStats> stats = new EnumMap<>(RecordKind.class);
        if (found == null) {
            return stats;
        }
        List<Document> byKind = found.getList("byKind", Document.class);
        List<Document> due = found.getList("due", Document.class);
        List<String> ids = new ArrayList<>();
        byKind.forEach(group -> ids.add(group.getString("latestId")));
        due.forEach(group -> ids.add(group.getString("nextId")));
        Map<String, Document> docs = ids.isEmpty() ? Map.of() : records.findByIds(ids);
        for (Document group : byKind) {
            Document latest = docs.get(group.getString("latestId"));
            if (latest != null) {
                stats.put(RecordKind.valueOf(group.getString("_id")), new KindStats(((Number) group.get("count"))
                        .intValue(), RecordRepository.fromDocument(latest), null));
            }
        }
        for (Document group : due) {
            Document next = docs.get(group.getString("nextId"));
            if (next != null) {
                LifeRecord record = RecordRepository.fromDocument(next);
                stats.computeIfPresent(record.kind(), (kind, s) -> new KindStats(s.count(), s.latest(), record));
            }
        }
        return stats;
    }

    private LifeRecord own(String owner, String id, Input input) {
        return records.find(id).map(RecordRepository::fromDocument).filter(r -> r.ownerId().equals(owner))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No record of yours has that id.",
                        input.at("id"), Map.of()));
    }

    /** Writes a change at the record's current version, or reports the version that won instead. */
    private void write(LifeRecord current, Bson update, Histories.Change change, RequestContext context,
                       Instant now, Document before) {
        int next = current.version() + 1;
        if (!records.update(current.id(), current.ownerId(), current.version(), update,
                Histories.entry(next, change, context.principal(), now, before))) {
            LifeRecord latest = records.find(current.id()).map(RecordRepository::fromDocument).orElse(current);
            throw new StaleVersion(latest, latest.version());
        }
    }

    private static LifeRecord copy(LifeRecord r, int version, Visibility visibility, Instant updatedAt,
                                   Instant deletedAt, Instant restorableUntil) {
        return new LifeRecord(r.id(), r.ownerId(), r.kind(), version, visibility, r.details(), r.notes(), r.entries(),
                r.attachments(), r.createdAt(), updatedAt, deletedAt, restorableUntil);
    }

    /** The record's title: its title field (a code's label for codes), or its kind's label. */
    String title(LifeRecord record) {
        return record.kind().titleField().map(record.details()::get).map(value -> {
            FieldSpec field = record.kind().fields().stream().filter(f -> f.name().equals(record.kind().titleField()
                    .get())).findFirst().orElseThrow();
            return field.type() == FieldSpec.Type.CODE
                    ? codes.find(field.codeList(), value.toString()).map(CodeCatalogue.Code::label)
                    .orElse(value.toString()) : value.toString();
        }).orElse(record.kind().label());
    }

    /** When an appointment's reminder is due, if it has one still to come. */
    private static Optional<Instant> reminderAt(LifeRecord record, Instant now) {
        if (!(record.details().get("reminderMinutesBefore") instanceof Integer minutes)
                || !(record.details().get("startsAt") instanceof Instant startsAt)) {
            return Optional.empty();
        }
        Instant at = startsAt.minus(Duration.ofMinutes(minutes));
        return at.isAfter(now) ? Optional.of(at) : Optional.empty();
    }

    Duration undoWindow() {
        return undoWindow;
    }

    Clock clock() {
        return clock;
    }
}
