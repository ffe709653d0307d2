package app.alongside.audit;

import app.alongside.kernel.Principal;
import app.alongside.kernel.StaffRole;
import app.alongside.platform.core.Connections;
import app.alongside.platform.core.Ids;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.store.IndexPlan;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/**
 * The append-only {@code audit} collection: every staff read of a young person's data and every write by anyone.
 * This class is the only code that touches the collection, and it only inserts and reads: there is no update or
 * delete path.
 */
public final class AuditLog {
    public static final String COLLECTION = "audit";
    /** Set on an event withheld from its subject's access log ({@link #recordWithheld}). */
    static final String WITHHELD = "withheldFromSubject";

    private final MongoCollection<Document> events;
    private final Clock clock;

    public AuditLog(MongoDatabase db, Clock clock) {
        this.events = db.getCollection(COLLECTION);
        this.clock = clock;
    }

    public static List<IndexPlan> indexes() {
        return List.of(
                IndexPlan.of(COLLECTION, Indexes.descending("subjectId", "createdAt")),
                IndexPlan.of(COLLECTION, Indexes.descending("targetId", "createdAt")),
                IndexPlan.of(COLLECTION, Indexes.descending("actorId", "createdAt")),
                IndexPlan.of(COLLECTION, Indexes.descending("createdAt", "_id")));
    }

    /** Records what the request's principal did. {@code subjectId} is the young person concerned, if any. */
    public void record(RequestContext context, AuditAction action, String targetType, String targetId,
                       String subjectId, String detail) {
        events.insertOne(document(context, action, targetType, targetId, subjectId, detail));
    }

    /**
     * As {@link #record}, for an event the young person is not shown in their access log or export: what the
     * data protection exemption for social work data (DPA 2018 Schedule 3 Part 3) allows to be withheld when
     * telling them would be likely to cause serious harm, such as a safeguarding concern raised without telling
     * them first because that would have increased the risk. Admins still see it.
     */
    public void recordWithheld(RequestContext context, AuditAction action, String targetType, String targetId,
                               String subjectId, String detail) {
        events.insertOne(document(context, action, targetType, targetId, subjectId, detail)
                .append(WITHHELD, true));
    }

    /**
     * Marks as withheld from their subject the events of {@code targetType} about {@code targetIds}, recorded
     * before {@link #recordWithheld} existed: for a migration of the domain that knows which are withheld.
     */
    public static void withhold(MongoDatabase db, String targetType, Collection<String> targetIds) {
        if (!targetIds.isEmpty()) {
            db.getCollection(COLLECTION).updateMany(Filters.and(Filters.eq("targetType", targetType),
                    Filters.in("targetId", targetIds)), Updates.set(WITHHELD, true));
        }
    }

    /** Records staff reads of several young people's data (a page of them) in one write. */
    public void recordReads(RequestContext context, String targetType, List<String> youngPersonIds, String detail) {
        if (!youngPersonIds.isEmpty()) {
            events.insertMany(youngPersonIds.stream()
                    .map(id -> document(context, AuditAction.READ, targetType, id, id, detail)).toList());
        }
    }

    /** Records staff reads of several objects ({@code targetIds}) of one young person's, in one write. */
    public void recordReadsOf(RequestContext context, String targetType, String subjectId, List<String> targetIds,
                              String detail) {
        if (!targetIds.isEmpty() && context.principal() instanceof Principal.Staff) {
            events.insertMany(targetIds.stream()
                    .map(id -> document(context, AuditAction.READ, targetType, id, subjectId, detail)).toList());
        }
    }

    private Document document(RequestContext context, AuditAction action, String targetType, String targetId,
                              String subjectId, String detail) {
        Principal principal = context.principal();
        Document doc = new Document("_id", Ids.random())
                .append("createdAt", Date.from(clock.instant()))
                .append("action", action.name())
                .append("targetType", targetType)
                .append("targetId", targetId)
                .append("subjectId", subjectId)
                .append("requestId", context.requestId())
                .append("detail", detail);
        switch (principal) {
            case Principal.Staff staff -> doc.append("actorKind", AuditEvent.ActorKind.STAFF.name())
                    .append("actorId", staff.staffId())
                    .append("actorRole", staff.role().name())
                    .append("actorOrganisationId", staff.organisationId())
                    .append("actorOrganisationName", staff.organisationName());
            case Principal.YoungPersonUser yp -> doc.append("actorKind", AuditEvent.ActorKind.YOUNG_PERSON.name())
                    .append("actorId", yp.youngPersonId());
            case Principal.AppUser app -> doc.append("actorKind", AuditEvent.ActorKind.YOUNG_PERSON.name());
            case Principal.Anonymous anonymous -> doc.append("actorKind", AuditEvent.ActorKind.ANONYMOUS.name());
        }
        return doc;
    }

    /** What the admins' audit search narrows by; each part null for any. */
    public record Search(AuditAction action, String targetId, String actorId, Instant from, Instant to) {
    }

    /** One page of what was done to the young person's data, newest first. */
    public Connections.Connection<AuditEvent> about(String youngPersonId, Connections.Page page) {
        return find(shownTo(youngPersonId), page);
    }

    private static Bson shownTo(String youngPersonId) {
        return Filters.and(Filters.eq("subjectId", youngPersonId), Filters.ne(WITHHELD, true));
    }

    /** One page of the events the search matches, newest first. */
    public Connections.Connection<AuditEvent> search(Search search, Connections.Page page) {
        List<Bson> parts = new ArrayList<>();
        if (search.action() != null) {
            parts.add(Filters.eq("action", search.action().name()));
        }
        if (search.targetId() != null) {
            parts.add(Filters.eq("targetId", search.targetId()));
        }
        if (search.actorId() != null) {
            parts.add(Filters.eq("actorId", search.actorId()));
        }
        if (search.from() != null) {
            parts.add(Filters.gte("createdAt", Date.from(search.from())));
        }
        if (search.to() != null) {
            parts.add(Filters.lt("createdAt", Date.from(search.to())));
        }
        return find(parts.isEmpty() ? new Document() : Filters.and(parts), page);
    }

    /** One page of events matching {@code filter}, newest first. */
    private Connections.Connection<AuditEvent> find(Bson filter, Connections.Page page) {
        List<Bson> parts = new ArrayList<>(List.of(filter));
        page.after().ifPresent(key -> parts.add(Connections.olderThan(key)));
        List<AuditEvent> found = events.find(Filters.and(parts)).sort(Connections.NEWEST_FIRST)
                .limit(page.first() + 1).map(AuditLog::fromDocument).into(new ArrayList<>());
        return Connections.page(found, page, page.after().isPresent(), e -> Connections.newestKey(e.at(), e.id()));
    }

    /**
     * The young person's whole access log for their data export: as {@code myAccessLog} shows it (organisations and
     * roles, never staff names), oldest first.
     */
    public app.alongside.platform.core.PersonalDataSection accessLogSection() {
        return app.alongside.platform.core.PersonalDataSection.of("accessLog", subjectId -> {
            List<Document> entries = new ArrayList<>();
            events.find(shownTo(subjectId)).sort(com.mongodb.client.model.Sorts.ascending("createdAt"))
                    .forEach(doc -> entries.add(new Document("at", doc.getDate("createdAt"))
                            .append("action", doc.getString("action")).append("what", doc.getString("targetType"))
                            .append("byYou", AuditEvent.ActorKind.YOUNG_PERSON.name().equals(doc.getString("actorKind"))
                                    && subjectId.equals(doc.getString("actorId")))
                            .append("organisationName", doc.getString("actorOrganisationName"))
                            .append("role", doc.getString("actorRole"))));
            return entries;
        });
    }

    private static AuditEvent fromDocument(Document doc) {
        String role = doc.getString("actorRole");
        return new AuditEvent(doc.getString("_id"), doc.getDate("createdAt").toInstant(),
                AuditAction.valueOf(doc.getString("action")), doc.getString("targetType"), doc.getString("targetId"),
                doc.getString("subjectId"), AuditEvent.ActorKind.valueOf(doc.getString("actorKind")),
                doc.getString("actorId"), role == null ? null : StaffRole.valueOf(role),
                doc.getString("actorOrganisationId"), doc.getString("actorOrganisationName"),
                doc.getString("requestId"), doc.getString("detail"));
    }
}
