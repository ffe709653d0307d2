package app.alongside.messaging;

import app.alongside.platform.store.IndexPlan;
import app.alongside.platform.store.Mongo;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each advocacy service keeps for messaging: its own words about advocacy and confidentiality, who is on duty
 * ({@code advocacyServices}), its safeguarding phrases ({@code safeguardingPhrases}, with the platform default under
 * the id {@value #DEFAULT_LIST}) and the concerns raised ({@code safeguardingConcerns}).
 */
public final class ServiceSettingsRepository {
    public static final String SERVICES = "advocacyServices";
    public static final String PHRASES = "safeguardingPhrases";
    public static final String CONCERNS = "safeguardingConcerns";
    public static final String DEFAULT_LIST = "default";

    /** A service's stored words; nulls mean the defaults. */
    public record Texts(String about, String confidentiality, String onDutyAdvocateId) {
        public static final Texts NONE = new Texts(null, null, null);
    }

    private final MongoCollection<Document> services;
    private final MongoCollection<Document> phrases;
    private final MongoCollection<Document> concerns;

    public ServiceSettingsRepository(MongoDatabase db) {
        this.services = db.getCollection(SERVICES);
        this.phrases = db.getCollection(PHRASES);
        this.concerns = db.getCollection(CONCERNS);
    }

    public static List<IndexPlan> indexes() {
        return List.of(IndexPlan.of(CONCERNS, Indexes.descending("threadId", "createdAt")));
    }

    public Texts texts(String serviceId) {
        Document d = services.find(Filters.eq("_id", serviceId)).first();
        return d == null ? Texts.NONE : new Texts(d.getString("about"), d.getString("confidentiality"),
                d.getString("onDutyAdvocateId"));
    }

    public void saveTexts(String serviceId, Texts texts, String byStaffId, Instant now) {
        services.replaceOne(Filters.eq("_id", serviceId), new Document("_id", serviceId)
                .append("about", texts.about()).append("confidentiality", texts.confidentiality())
                .append("onDutyAdvocateId", texts.onDutyAdvocateId()).append("updatedBy", byStaffId)
                .append("updatedAt", Mongo.date(now)), new ReplaceOptions().upsert(true));
    }

    /**
     * The lists stored under {@code listIds} (a service's own, or the default under {@value #DEFAULT_LIST}), by
     * id, in one read: a send checks the service's list and falls back to the default one.
     */
    public Map<String, List<String>> phrases(List<String> listIds) {
        Map<String, List<String>> found = new HashMap<>();
        phrases.find(Filters.in("_id", listIds)).forEach(d -> found.put(d.getString("_id"),
                d.getList("phrases", String.class, List.of())));
        return found;
    }

    public void savePhrases(String listId, List<String> list, String byStaffId, Instant now) {
        phrases.replaceOne(Filters.eq("_id", listId), new Document("_id", listId).append("phrases", list)
                .append("updatedBy", byStaffId).append("updatedAt", Mongo.date(now)),
                new ReplaceOptions().upsert(true));
    }

    /** Stores the default list once, at first start; an admin's later edits are never overwritten. */
    public void seedDefault(List<String> list, Instant now) {
        phrases.updateOne(Filters.eq("_id", DEFAULT_LIST), new Document("$setOnInsert", new Document("phrases", list)
                .append("updatedBy", null).append("updatedAt", Mongo.date(now))),
                new com.mongodb.client.model.UpdateOptions().upsert(true));
    }

    public void insertConcern(Records.Concern c) {
        concerns.insertOne(new Document("_id", c.id()).append("threadId", c.threadId())
                .append("serviceId", c.serviceId()).append("youngPersonId", c.youngPersonId())
                .append("youngPersonToldFirst", c.youngPersonToldFirst())
                .append("notToldReason", c.notToldReason() == null ? null : c.notToldReason().name())
                .append("referredTo", c.referredTo()).append("referredAt", Mongo.date(c.referredAt()))
                .append("summary", c.summary()).append("raisedById", c.raisedById())
                .append("createdAt", Mongo.date(c.createdAt())));
    }

    public Optional<Records.Concern> concern(String id) {
        return Optional.ofNullable(concerns.find(Filters.eq("_id", id)).first())
                .map(ServiceSettingsRepository::concern);
    }

    public List<Records.Concern> concernsOf(String threadId) {
        return concerns.find(Filters.eq("threadId", threadId)).sort(new Document("createdAt", -1))
                .map(ServiceSettingsRepository::concern).into(new ArrayList<>());
    }

    private static Records.Concern concern(Document d) {
        return new Records.Concern(d.getString("_id"), d.getString("threadId"), d.getString("serviceId"),
                d.getString("youngPersonId"), Boolean.TRUE.equals(d.getBoolean("youngPersonToldFirst")),
                Mongo.enumValue(Records.NotToldReason.class, d.getString("notToldReason")), d.getString("referredTo"),
                Mongo.instant(d.getDate("referredAt")), d.getString("summary"), d.getString("raisedById"),
                Mongo.instant(d.getDate("createdAt")));
    }
}
