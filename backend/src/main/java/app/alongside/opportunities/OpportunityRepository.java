package app.alongside.opportunities;

import app.alongside.identity.LegalStatus;
import app.alongside.organisations.Region;
import app.alongside.platform.IndexPlan;
import app.alongside.platform.Mongo;
import app.alongside.records.Mission;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

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

    /** Replaces the opportunity's fields if it is still at {@code version}; {@code extra} is set in the same write. */
    boolean replace(Opportunity updated, int version, Bson extra) {
        Document doc = toDocument(updated);
        List<Bson> sets = new ArrayList<>();
        doc.forEach((key, value) -> sets.add(Updates.set(key, value)));
        if (extra != null) {
            sets.add(extra);
        }
        return opportunities.updateOne(Filters.and(Filters.eq("_id", updated.id()), Filters.eq("version", version)),
                Updates.combine(sets)).getModifiedCount() == 1;
    }

    List<Opportunity> find(Bson filter, Bson sort, int limit) {
        return opportunities.find(filter).sort(sort).limit(limit).map(OpportunityRepository::fromDocument)
                .into(new ArrayList<>());
    }

    /** Approved opportunities whose closing date has passed, to close them. */
    List<Opportunity> pastClosing(LocalDate today, int limit) {
        return find(Filters.and(Filters.eq("status", Opportunity.Status.APPROVED.name()),
                Filters.lt("closingDate", today.toString())), Sorts.ascending("closingDate", "_id"), limit);
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
