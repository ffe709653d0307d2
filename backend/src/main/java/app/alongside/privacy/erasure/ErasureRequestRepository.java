package app.alongside.privacy.erasure;

import app.alongside.platform.core.Connections;
import app.alongside.platform.store.IndexPlan;
import app.alongside.platform.store.Mongo;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code erasureRequests} collection. {@code openKey} is the young person's id while a request is pending and
 * the request's own id otherwise; its unique index is what allows one open request a person, without a
 * transaction. The erasure's progress is written into the request one hook at a time, so a run cut short resumes
 * where it stopped.
 */
final class ErasureRequestRepository {
    static final String COLLECTION = "erasureRequests";
    private static final int SCHEMA_VERSION = 1;

    private final MongoCollection<Document> requests;

    ErasureRequestRepository(MongoDatabase db) {
        this.requests = db.getCollection(COLLECTION);
    }

    static List<IndexPlan> indexes() {
        return List.of(IndexPlan.unique(COLLECTION, Indexes.ascending("openKey")),
                IndexPlan.of(COLLECTION, Indexes.descending("youngPersonId", "createdAt")),
                IndexPlan.of(COLLECTION, Indexes.descending("councilId", "createdAt", "_id")),
                IndexPlan.of(COLLECTION, Indexes.descending("councilId", "state", "createdAt", "_id")),
                IndexPlan.of(COLLECTION, Indexes.descending("state", "createdAt", "_id")),
                IndexPlan.of(COLLECTION, Indexes.ascending("state", "carriedOutAt")));
    }

    /** Inserts a pending request; false when the young person has an open one already. */
    boolean insertPending(ErasureRequest request) {
        try {
            requests.insertOne(new Document("_id", request.id()).append("schemaVersion", SCHEMA_VERSION)
                    .append("openKey", request.youngPersonId()).append("youngPersonId", request.youngPersonId())
                    .append("councilId", request.councilId()).append("state", request.state().name())
                    .append("reason", request.reason()).append("createdAt", Mongo.date(request.requestedAt()))
                    .append("answerBy", request.answerBy().toString())
                    .append("updatedAt", Mongo.date(request.requestedAt())));
            return true;
        } catch (MongoWriteException e) {
            if (!Mongo.isDuplicateKey(e)) {
                throw e;
            }
            return false;
        }
    }

    Optional<ErasureRequest> find(String id) {
        return Optional.ofNullable(requests.find(Filters.eq("_id", id)).first()).map(ErasureRequestRepository::from);
    }

    Map<String, ErasureRequest> findByIds(Collection<String> ids) {
        return requests.find(Filters.in("_id", ids)).map(ErasureRequestRepository::from).into(new ArrayList<>())
                .stream().collect(Collectors.toMap(ErasureRequest::id, Function.identity()));
    }

    /** The young person's newest request, whatever its state. */
    Optional<ErasureRequest> newestOf(String youngPersonId) {
        return Optional.ofNullable(requests.find(Filters.eq("youngPersonId", youngPersonId))
                .sort(Sorts.descending("createdAt")).first()).map(ErasureRequestRepository::from);
    }

    /** Newest first, of the given councils (all when null), in one state (any when null). */
    Connections.Connection<ErasureRequest> page(List<String> councilIds, ErasureRequest.State state,
                                                Connections.Page page) {
        List<Bson> filters = new ArrayList<>();
        if (councilIds != null) {
            filters.add(Filters.in("councilId", councilIds));
        }
        if (state != null) {
            filters.add(Filters.eq("state", state.name()));
        }
        page.after().ifPresent(key -> filters.add(Connections.olderThan(key)));
        List<ErasureRequest> found = requests.find(filters.isEmpty() ? new Document() : Filters.and(filters))
                .sort(Connections.NEWEST_FIRST).limit(page.first() + 1).map(ErasureRequestRepository::from)
                .into(new ArrayList<>());
        return Connections.page(found, page, page.after().isPresent(),
                r -> Connections.newestKey(r.requestedAt(), r.id()));
    }

    /**
     * Moves a pending request to {@code state} (closing it, so the person may ask again), with who decided and why;
     * empty when it was not pending any more.
     */
    Optional<ErasureRequest> close(String id, ErasureRequest.State state, String decidedBy, String decisionReason,
                                   List<ErasureRequest.Kept> kept, Instant now) {
        List<Bson> sets = new ArrayList<>(List.of(Updates.set("state", state.name()), Updates.set("openKey", id),
                Updates.set("decidedAt", Mongo.date(now)), Updates.set("decidedBy", decidedBy),
                Updates.set("decisionReason", decisionReason), Updates.set("updatedAt", Mongo.date(now))));
        if (!kept.isEmpty()) {
            sets.add(Updates.set("result.kept", kept.stream().map(k -> new Document("kind", k.kind())
                    .append("title", k.title()).append("why", k.why())).toList()));
        }
        long changed = requests.updateOne(Filters.and(Filters.eq("_id", id),
                Filters.eq("state", ErasureRequest.State.PENDING.name())), Updates.combine(sets)).getModifiedCount();
        return changed == 1 ? find(id) : Optional.empty();
    }

    /** Records that one hook ran and what it erased (a re-run of a finished hook is skipped, not recorded twice). */
    void recordStep(String id, String hook, long erased, Instant now) {
        requests.updateOne(Filters.and(Filters.eq("_id", id), Filters.ne("result.done", hook)), Updates.combine(
                Updates.push("result.erased", new Document("kind", hook).append("count", erased)),
                Updates.push("result.done", hook), Updates.set("updatedAt", Mongo.date(now))));
    }

    void markCarriedOut(String id, Instant now) {
        requests.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("carriedOutAt", null)), Updates.combine(
                Updates.set("carriedOutAt", Mongo.date(now)), Updates.set("updatedAt", Mongo.date(now))));
    }

    /** The hooks that have run for the request already. */
    List<String> done(String id) {
        Document doc = requests.find(Filters.eq("_id", id)).first();
        Document result = doc == null ? null : doc.get("result", Document.class);
        return result == null ? List.of() : result.getList("done", String.class, List.of());
    }

    /** Approved requests whose erasure did not finish (the server stopped half way). */
    List<ErasureRequest> unfinished() {
        return requests.find(Filters.and(Filters.eq("state", ErasureRequest.State.APPROVED.name()),
                Filters.eq("carriedOutAt", null))).map(ErasureRequestRepository::from).into(new ArrayList<>());
    }

    private static ErasureRequest from(Document d) {
        Document result = d.get("result", Document.class);
        ErasureRequest.Result outcome = result == null ? ErasureRequest.Result.NONE : new ErasureRequest.Result(
                result.getList("erased", Document.class, List.of()).stream().map(e -> new ErasureRequest.Erased(
                        e.getString("kind"), ((Number) e.get("count")).longValue())).toList(),
                result.getList("kept", Document.class, List.of()).stream().map(k -> new ErasureRequest.Kept(
                        k.getString("kind"), k.getString("title"), k.getString("why"))).toList());
        return new ErasureRequest(d.getString("_id"), d.getString("youngPersonId"), d.getString("councilId"),
                ErasureRequest.State.valueOf(d.getString("state")), d.getString("reason"),
                Mongo.instant(d.getDate("createdAt")), LocalDate.parse(d.getString("answerBy")),
                Mongo.instant(d.getDate("decidedAt")), d.getString("decidedBy"), d.getString("decisionReason"),
                Mongo.instant(d.getDate("carriedOutAt")), outcome);
    }

    /** Moves the young person's pending request to the council they moved to, which now decides it. */
    void moveOpen(String youngPersonId, String councilId) {
        requests.updateMany(Filters.and(Filters.eq("youngPersonId", youngPersonId),
                Filters.eq("state", ErasureRequest.State.PENDING.name())), Updates.set("councilId", councilId));
    }

    /** The young person's erasure requests for their data export, oldest first, without staff ids. */
    List<Document> export(String youngPersonId) {
        return requests.find(Filters.eq("youngPersonId", youngPersonId)).sort(Sorts.ascending("createdAt"))
                .projection(Projections.exclude("openKey", "youngPersonId", "decidedBy", "schemaVersion"))
                .into(new ArrayList<>());
    }
}
