package app.alongside.entitlements;

import app.alongside.entitlements.Entitlement.Circumstance;
import app.alongside.entitlements.Entitlement.Eligibility;
import app.alongside.identity.LegalStatus;
import app.alongside.platform.store.IndexPlan;
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
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * A council's own entitlements ({@code localEntitlements}): the current version in the document's fields and
 * every earlier one in {@code history}, newest last. A change applies only at the version it was made against.
 */
final class LocalEntitlementRepository {
    static final String COLLECTION = "localEntitlements";

    private final MongoCollection<Document> entitlements;

    LocalEntitlementRepository(MongoDatabase db) {
        this.entitlements = db.getCollection(COLLECTION);
    }

    static List<IndexPlan> indexes() {
        return List.of(IndexPlan.of(COLLECTION, Indexes.ascending("councilId", "effectiveFrom")));
    }

    void insert(String id, String councilId, LocalEntitlementInput input, String by, Instant now) {
        entitlements.insertOne(state(input, now).append("_id", id).append("key", "local-" + id)
                .append("councilId", councilId).append("version", 1).append("withdrawn", false)
                .append("history", List.of()).append("createdBy", by).append("createdAt", Date.from(now)));
    }

    Optional<Entitlement> find(String id) {
        return Optional.ofNullable(entitlements.find(Filters.eq("_id", id)).first())
                .map(LocalEntitlementRepository::fromDocument);
    }

    List<Entitlement> ofCouncil(String councilId) {
        List<Entitlement> found = new ArrayList<>();
        entitlements.find(Filters.eq("councilId", councilId)).sort(Sorts.ascending("effectiveFrom", "_id"))
                .forEach(doc -> found.add(fromDocument(doc)));
        return found;
    }

    /** A new version replacing the one at {@code version}; false when that is no longer current. */
    boolean revise(Entitlement current, LocalEntitlementInput input, Instant now) {
        return change(current, Updates.combine(state(input, now).entrySet().stream()
                .map(e -> Updates.set(e.getKey(), e.getValue())).toList()), now);
    }

    boolean withdraw(Entitlement current, LocalDate lastDay, String reason, Instant now) {
        return change(current, Updates.combine(Updates.set("effectiveTo", lastDay.toString()),
                Updates.set("withdrawn", true), Updates.set("withdrawnReason", reason),
                Updates.set("changedAt", Date.from(now))), now);
    }

    private boolean change(Entitlement current, Bson update, Instant now) {
        Document earlier = version(current, now);
        return entitlements.updateOne(Filters.and(Filters.eq("_id", current.id()),
                        Filters.eq("version", current.version())),
                Updates.combine(update, Updates.inc("version", 1), Updates.push("history", earlier)))
                .getModifiedCount() == 1;
    }

    private static Document version(Entitlement e, Instant replacedAt) {
        return new Document("version", e.version()).append("title", e.title()).append("summary", e.summary())
                .append("eligibility", eligibility(e.eligibility())).append("amountPence", e.amountPence())
                .append("level", e.level()).append("howToClaim", e.howToClaim()).append("source", e.source())
                .append("effectiveFrom", e.effectiveFrom().toString())
                .append("effectiveTo", e.effectiveTo() == null ? null : e.effectiveTo().toString())
                .append("changedAt", Date.from(replacedAt));
    }

    private static Document state(LocalEntitlementInput in, Instant now) {
        return new Document("title", in.title()).append("summary", in.summary())
                .append("mission", in.mission().name()).append("eligibility", eligibility(in.eligibility()))
                .append("amountPence", in.amountPence()).append("level", in.level())
                .append("howToClaim", in.howToClaim()).append("source", in.source())
                .append("sourceUrl", in.sourceUrl()).append("effectiveFrom", in.effectiveFrom().toString())
                .append("effectiveTo", in.effectiveTo() == null ? null : in.effectiveTo().toString())
                .append("changedAt", Date.from(now));
    }

    private static Document eligibility(Eligibility e) {
        return new Document("legalStatuses", e.legalStatuses().stream().map(Enum::name).toList())
                .append("minAge", e.minAge()).append("maxAge", e.maxAge())
                .append("circumstances", e.circumstances().stream().map(Enum::name).toList())
                .append("summary", e.summary());
    }

    private static Eligibility eligibility(Document d) {
        return new Eligibility(d.getList("legalStatuses", String.class).stream().map(LegalStatus::valueOf).toList(),
                d.getInteger("minAge"), d.getInteger("maxAge"),
                d.getList("circumstances", String.class).stream().map(Circumstance::valueOf).toList(),
                d.getString("summary"));
    }

    private static LocalDate date(Document d, String field) {
        String text = d.getString(field);
        return text == null ? null : LocalDate.parse(text);
    }

    static Entitlement fromDocument(Document d) {
        List<Entitlement.Version> history = d.getList("history", Document.class).reversed().stream()
                .map(h -> new Entitlement.Version(h.getInteger("version"), h.getString("title"),
                        h.getString("summary"), eligibility(h.get("eligibility", Document.class)),
                        h.getInteger("amountPence"), h.getString("level"), h.getString("howToClaim"),
                        h.getString("source"), date(h, "effectiveFrom"), date(h, "effectiveTo"),
                        h.getDate("changedAt").toInstant())).toList();
        return new Entitlement(d.getString("_id"), d.getString("key"), Entitlement.Scope.LOCAL,
                d.getString("councilId"), d.getInteger("version"), d.getString("title"), d.getString("summary"),
                Mission.valueOf(d.getString("mission")), eligibility(d.get("eligibility", Document.class)),
                d.getInteger("amountPence"), d.getString("level"), d.getString("howToClaim"), d.getString("source"),
                d.getString("sourceUrl"), date(d, "effectiveFrom"), date(d, "effectiveTo"),
                d.getBoolean("withdrawn", false), history);
    }
}
