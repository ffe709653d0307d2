package app.alongside.opportunities;

import app.alongside.identity.LegalStatus;
import app.alongside.organisations.Region;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.Connections;
import app.alongside.platform.store.IndexPlan;
import app.alongside.platform.store.Mongo;
import app.alongside.push.PushOutbox;
import app.alongside.records.Mission;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code opportunities} collection. Each document also keeps the words of its title and description
 * ({@code terms}) for search, and flags for "any council" and "any status" so eligibility is plain equality.
 */
public final class OpportunityRepository {
    public static final String COLLECTION = "opportunities";

    private final MongoCollection<Document> opportunities;

    public OpportunityRepository(MongoDatabase db) {
        this.opportunities = db.getCollection(COLLECTION);
    }

    public static List<IndexPlan> indexes() {
        return List.of(
                IndexPlan.of(COLLECTION, Indexes.ascending("status", "closingDate", "_id")),
                IndexPlan.of(COLLECTION, Indexes.descending("status", "approvedAt", "_id")),
                IndexPlan.of(COLLECTION, Indexes.ascending("status", "createdAt", "_id")),
                IndexPlan.of(COLLECTION, Indexes.ascending("terms")),
                IndexPlan.of(COLLECTION, Indexes.descending("organisationId", "createdAt", "_id")));
    }

    void insert(Opportunity opportunity) {
        opportunities.insertOne(toDocument(opportunity).append("_id", opportunity.id())
                .append("organisationId", opportunity.organisationId())
                .append("createdAt", Date.from(opportunity.createdAt())));
    }

    Optional<Opportunity> find(String id) {
        return Optional.ofNullable(opportunities.find(Filters.eq("_id", id)).first())
                .map(OpportunityRepository::fromDocument);
    }

    Map<String, Opportunity> findByIds(Collection<String> ids) {
        Map<String, Opportunity> found = new HashMap<>();
        opportunities.find(Filters.in("_id", ids)).forEach(doc -> found.put(doc.getString("_id"), fromDocument(doc)));
        return found;
    }

    /** What a young person's search narrows to besides eligibility; each part left empty means any. */
    record SearchFilter(Optional<Mission> mission, Optional<Opportunity.Kind> kind, Optional<String> text,
                        Optional<String> area, Optional<LocalDate> closingAfter) {
    }

    /** Replaces the opportunity's fields if it is still at {@code version}. */
    boolean replace(Opportunity updated, int version) {
        return replace(updated, version, null);
    }

    /**
     * Replaces the approved opportunity's fields if it is still at {@code version} and, in the same write, marks
     * the push need its approval names pending from {@code now}.
     */
    boolean replaceApproved(Opportunity approved, int version, Instant now) {
        return replace(approved, version, Updates.set(PushOutbox.FIELD, PushOutbox.pending(now, "approval")));
    }

    /** Replaces the opportunity's fields if it is still at {@code version}; {@code extra} is set in the same write. */
    private boolean replace(Opportunity updated, int version, Bson extra) {
        Document doc = toDocument(updated);
        List<Bson> sets = new ArrayList<>();
        doc.forEach((key, value) -> sets.add(Updates.set(key, value)));
        if (extra != null) {
            sets.add(extra);
        }
        return opportunities.updateOne(Filters.and(Filters.eq("_id", updated.id()), Filters.eq("version", version)),
                Updates.combine(sets)).getModifiedCount() == 1;
    }

    private List<Opportunity> find(Bson filter, Bson sort, int limit) {
        return opportunities.find(filter).sort(sort).limit(limit).map(OpportunityRepository::fromDocument)
                .into(new ArrayList<>());
    }

    /** Approved opportunities whose closing date has passed, to close them. */
    List<Opportunity> pastClosing(LocalDate today, int limit) {
        return find(Filters.and(Filters.eq("status", Opportunity.Status.APPROVED.name()),
                Filters.lt("closingDate", today.toString())), Sorts.ascending("closingDate", "_id"), limit);
    }

    /**
     * What {@code applicant} can find: approved, open on {@code today}, eligible and matching {@code filter}, past
     * the cursor key {@code after}; newest approved first, or soonest closing first. One query through the
     * {@code (status, approvedAt)} or {@code (status, closingDate)} index, eligibility and the filter applied by the
     * store to those candidates.
     */
    List<Opportunity> openFor(Applicant applicant, SearchFilter filter, LocalDate today, boolean newest,
                              Optional<String> after, int limit) {
        List<Bson> parts = new ArrayList<>(List.of(Filters.eq("status", Opportunity.Status.APPROVED.name()),
                Filters.gte("closingDate", today.toString())));
        parts.addAll(eligibleFor(applicant));
        parts.addAll(matching(filter));
        after.ifPresent(key -> parts.add(newest ? Connections.past("approvedAt", key, true) : closingCursor(key)));
        Bson sort = newest ? Sorts.descending("approvedAt", "_id") : Sorts.ascending("closingDate", "_id");
        return find(Filters.and(parts), sort, limit);
    }

    /** {@link Opportunity.Eligibility#admits} as a filter, on the flags each document carries. */
    private static List<Bson> eligibleFor(Applicant me) {
        List<Bson> statuses = new ArrayList<>(List.of(Filters.eq("eligibility.anyStatus", true)));
        if (me.legalStatus() != null) {
            statuses.add(Filters.eq("eligibility.legalStatuses", me.legalStatus().name()));
        }
        List<Bson> areas = new ArrayList<>(List.of(Filters.and(Filters.eq("eligibility.anyCouncil", true),
                Filters.ne("eligibility.anyRegion", false))));
        if (me.councilId() != null) {
            areas.add(Filters.eq("eligibility.councilIds", me.councilId()));
        }
        if (me.region() != null) {
            areas.add(Filters.eq("eligibility.regions", me.region().name()));
        }
        return List.of(Filters.lte("eligibility.minAge", me.age()), Filters.gte("eligibility.maxAge", me.age()),
                Filters.or(statuses), Filters.or(areas));
    }

    private static List<Bson> matching(SearchFilter filter) {
        List<Bson> parts = new ArrayList<>();
        filter.mission().ifPresent(m -> parts.add(Filters.eq("missions", m.name())));
        filter.kind().ifPresent(k -> parts.add(Filters.eq("kind", k.name())));
        filter.text().map(OpportunityRepository::terms).filter(t -> !t.isEmpty())
                .ifPresent(terms -> parts.add(Filters.all("terms", terms)));
        filter.area().ifPresent(area -> {
            Bson here = OpportunityInput.isPostcodeDistrict(area)
                    ? Filters.eq("postcodeDistrict", area.toUpperCase(Locale.ROOT).replace(" ", ""))
                    : Filters.eq("townKey", area.trim().toLowerCase(Locale.ROOT));
            parts.add(Filters.or(here, Filters.ne("eligibility.delivery", Opportunity.Delivery.IN_PERSON.name())));
        });
        filter.closingAfter().ifPresent(d -> parts.add(Filters.gte("closingDate", d.toString())));
        return parts;
    }

    /** Past a {@code closingDate|id} cursor in closing-date order. */
    private static Bson closingCursor(String key) {
        int bar = key.indexOf('|');
        try {
            String closing = LocalDate.parse(key.substring(0, bar)).toString();
            String id = key.substring(bar + 1);
            return Filters.or(Filters.gt("closingDate", closing),
                    Filters.and(Filters.eq("closingDate", closing), Filters.gt("_id", id)));
        } catch (RuntimeException e) {
            throw ApiException.badInput(List.of("after"), "\"after\" is not a cursor from this API.");
        }
    }

    /**
     * What was posted, newest first past the cursor key {@code after}: of {@code organisationId} (or anyone's),
     * of {@code status} (or any).
     */
    List<Opportunity> posted(Optional<String> organisationId, Optional<Opportunity.Status> status,
                             Optional<String> after, int limit) {
        List<Bson> parts = new ArrayList<>();
        organisationId.ifPresent(id -> parts.add(Filters.eq("organisationId", id)));
        status.ifPresent(s -> parts.add(Filters.eq("status", s.name())));
        after.ifPresent(key -> parts.add(Connections.olderThan(key)));
        return find(parts.isEmpty() ? Filters.empty() : Filters.and(parts), Connections.NEWEST_FIRST, limit);
    }

    /**
     * Submitted opportunities awaiting a decision, oldest first past the cursor key {@code after}; with
     * {@code onlyCouncilId}, only those limited to that council alone.
     */
    List<Opportunity> submitted(Optional<String> onlyCouncilId, Optional<String> after, int limit) {
        List<Bson> parts = new ArrayList<>(List.of(Filters.eq("status", Opportunity.Status.SUBMITTED.name())));
        onlyCouncilId.ifPresent(councilId -> {
            parts.add(Filters.eq("eligibility.councilIds", List.of(councilId)));
            parts.add(Filters.ne("eligibility.anyRegion", false));
        });
        after.ifPresent(key -> parts.add(Connections.newerThan(key)));
        return find(Filters.and(parts), Sorts.ascending("createdAt", "_id"), limit);
    }

    /** The words a search can match: lower case, letters and digits, at least two characters. */
    static Set<String> terms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() >= 2) {
                terms.add(word);
            }
        }
        return terms;
    }

    private static Document toDocument(Opportunity o) {
        Opportunity.Eligibility e = o.eligibility();
        return new Document("title", o.title()).append("description", o.description())
                .append("format", o.format().name())
                .append("missions", o.missions().stream().map(Enum::name).toList())
                .append("kind", o.kind().name())
                .append("eligibility", new Document("minAge", e.minAge()).append("maxAge", e.maxAge())
                        .append("legalStatuses", e.legalStatuses().stream().map(Enum::name).toList())
                        .append("anyStatus", e.legalStatuses().isEmpty())
                        .append("councilIds", e.councilIds()).append("anyCouncil", e.councilIds().isEmpty())
                        .append("regions", e.regions().stream().map(Enum::name).toList())
                        .append("anyRegion", e.regions().isEmpty())
                        .append("delivery", e.delivery().name()))
                .append("town", o.town())
                .append("townKey", o.town() == null ? null : o.town().toLowerCase(Locale.ROOT))
                .append("postcodeDistrict", o.postcodeDistrict())
                .append("closingDate", o.closingDate().toString())
                .append("places", o.places()).append("howToApply", o.howToApply()).append("contact", o.contact())
                .append("status", o.status().name()).append("rejectionReason", o.rejectionReason())
                .append("version", o.version()).append("updatedAt", Date.from(o.updatedAt()))
                .append("approvedAt", Mongo.date(o.approvedAt()))
                .append("terms", List.copyOf(terms(o.title() + " " + o.description())));
    }

    static Opportunity fromDocument(Document doc) {
        Document e = doc.get("eligibility", Document.class);
        return new Opportunity(doc.getString("_id"), doc.getString("organisationId"), doc.getString("title"),
                doc.getString("description"), Opportunity.TextFormat.valueOf(doc.getString("format")),
                doc.getList("missions", String.class).stream().map(Mission::valueOf).toList(),
                Opportunity.Kind.valueOf(doc.getString("kind")),
                new Opportunity.Eligibility(e.getInteger("minAge"), e.getInteger("maxAge"),
                        e.getList("legalStatuses", String.class).stream().map(LegalStatus::valueOf).toList(),
                        e.getList("councilIds", String.class), e.getList("regions", String.class, List.of()).stream()
                        .map(Region::valueOf).toList(), Opportunity.Delivery.valueOf(e.getString("delivery"))),
                doc.getString("town"), doc.getString("postcodeDistrict"), LocalDate.parse(doc.getString("closingDate")),
                doc.getInteger("places"), doc.getString("howToApply"), doc.getString("contact"),
                Opportunity.Status.valueOf(doc.getString("status")), doc.getString("rejectionReason"),
                doc.getInteger("version"), doc.getDate("createdAt").toInstant(), doc.getDate("updatedAt").toInstant(),
                Mongo.instant(doc.getDate("approvedAt")));
    }
}
