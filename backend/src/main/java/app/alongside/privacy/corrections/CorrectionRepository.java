package app.alongside.privacy.corrections;

import app.alongside.identity.CouncilEntries;
import app.alongside.platform.core.Connections;
import app.alongside.platform.store.IndexPlan;
import app.alongside.platform.store.Mongo;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The {@code correctionRequests} collection: one document a request, kept after it is answered. */
public final class CorrectionRepository {
    public static final String COLLECTION = "correctionRequests";

    private final MongoCollection<Document> requests;

    public CorrectionRepository(MongoDatabase db) {
        this.requests = db.getCollection(COLLECTION);
    }

    public static List<IndexPlan> indexes() {
        return List.of(IndexPlan.of(COLLECTION, Indexes.descending("youngPersonId", "createdAt", "_id")),
                IndexPlan.of(COLLECTION, Indexes.descending("state", "createdAt", "_id")),
                IndexPlan.of(COLLECTION, Indexes.descending("createdAt", "_id")));
    }

    public void insert(CorrectionRequest r) {
        requests.insertOne(new Document("_id", r.id()).append("youngPersonId", r.youngPersonId())
                .append("field", r.field().name()).append("proposedValue", r.proposedValue())
                .append("reason", r.reason()).append("state", r.state().name())
                .append("createdAt", Mongo.date(r.requestedAt())).append("answerBy", r.answerBy().toString()));
    }

    public Optional<CorrectionRequest> findById(String id) {
        return Optional.ofNullable(requests.find(Filters.eq("_id", id)).first()).map(CorrectionRepository::from);
    }

    public Map<String, CorrectionRequest> findByIds(Collection<String> ids) {
        return requests.find(Filters.in("_id", ids)).map(CorrectionRepository::from).into(new ArrayList<>())
                .stream().collect(Collectors.toMap(CorrectionRequest::id, Function.identity()));
    }

    /** True when the young person has a request for {@code field} still waiting for an answer. */
    public boolean hasPending(String youngPersonId, CouncilEntries.Field field) {
        return requests.find(Filters.and(Filters.eq("youngPersonId", youngPersonId), Filters.eq("field",
                field.name()), Filters.eq("state", CorrectionRequest.State.PENDING.name()))).first() != null;
    }

    /**
     * Answers or withdraws a pending request; false when it was no longer pending (someone answered first).
     * {@code previousValue} is kept when the change is made.
     */
    public boolean close(String id, CorrectionRequest.State state, String by, String reason, String previousValue,
                         Instant now) {
        return requests.updateOne(Filters.and(Filters.eq("_id", id),
                        Filters.eq("state", CorrectionRequest.State.PENDING.name())),
                Updates.combine(Updates.set("state", state.name()), Updates.set("decidedBy", by),
                        Updates.set("decisionReason", reason), Updates.set("previousValue", previousValue),
                        Updates.set("decidedAt", Mongo.date(now)))).getModifiedCount() == 1;
    }

    /**
     * A page newest first, of the young people {@code youngPersonIds} (everyone's when null), in {@code state}
     * (any when null).
     */
    public Connections.Connection<CorrectionRequest> page(List<String> youngPersonIds, CorrectionRequest.State state,
                                                          Connections.Page page) {
        List<Bson> parts = new ArrayList<>();
        if (youngPersonIds != null) {
            parts.add(Filters.in("youngPersonId", youngPersonIds));
        }
        if (state != null) {
            parts.add(Filters.eq("state", state.name()));
        }
        page.after().ifPresent(key -> parts.add(Connections.olderThan(key)));
        List<CorrectionRequest> found = requests.find(parts.isEmpty() ? new Document() : Filters.and(parts))
                .sort(Connections.NEWEST_FIRST).limit(page.first() + 1).map(CorrectionRepository::from)
                .into(new ArrayList<>());
        return Connections.page(found, page, page.after().isPresent(),
                r -> Connections.newestKey(r.requestedAt(), r.id()));
    }

    /** Every request of the young person, oldest first, for their data export. */
    public List<Document> export(String youngPersonId) {
        return requests.find(Filters.eq("youngPersonId", youngPersonId)).sort(Indexes.ascending("createdAt"))
                .map(d -> {
                    d.remove("_id");
                    d.remove("youngPersonId");
                    d.remove("decidedBy");
                    return d;
                }).into(new ArrayList<>());
    }

    private static CorrectionRequest from(Document d) {
        return new CorrectionRequest(d.getString("_id"), d.getString("youngPersonId"),
                Mongo.enumValue(CouncilEntries.Field.class, d.getString("field")), d.getString("proposedValue"),
                d.getString("reason"), Mongo.enumValue(CorrectionRequest.State.class, d.getString("state")),
                Mongo.instant(d.getDate("createdAt")), LocalDate.parse(d.getString("answerBy")),
                Mongo.instant(d.getDate("decidedAt")), d.getString("decidedBy"),
                d.getString("decisionReason"), d.getString("previousValue"));
    }
}
