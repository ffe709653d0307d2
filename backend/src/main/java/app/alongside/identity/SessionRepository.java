package app.alongside.identity;

import app.alongside.platform.store.IndexPlan;
import app.alongside.platform.store.Mongo;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The {@code sessions} collection, keyed by the hash of the cookie token. Expired sessions are removed by TTL. */
public final class SessionRepository {
    public static final String COLLECTION = "sessions";

    private final MongoCollection<Document> collection;

    public SessionRepository(MongoDatabase db) {
        this.collection = db.getCollection(COLLECTION);
    }

    public static List<IndexPlan> indexes() {
        return List.of(IndexPlan.of(COLLECTION, Indexes.ascending("staffId")),
                new IndexPlan(COLLECTION, Indexes.ascending("absoluteExpiresAt"),
                        new IndexOptions().expireAfter(0L, TimeUnit.SECONDS)));
    }

    public void insert(Session s) {
        collection.insertOne(new Document("_id", s.id()).append("staffId", s.staffId())
                .append("csrfToken", s.csrfToken()).append("createdAt", Mongo.date(s.createdAt()))
                .append("lastSeenAt", Mongo.date(s.lastSeenAt()))
                .append("idleExpiresAt", Mongo.date(s.idleExpiresAt()))
                .append("absoluteExpiresAt", Mongo.date(s.absoluteExpiresAt())));
    }

    public Optional<Session> findById(String id) {
        Document d = collection.find(Filters.eq("_id", id)).first();
        return Optional.ofNullable(d).map(doc -> new Session(doc.getString("_id"), doc.getString("staffId"),
                doc.getString("csrfToken"), Mongo.instant(doc.getDate("createdAt")),
                Mongo.instant(doc.getDate("lastSeenAt")), Mongo.instant(doc.getDate("idleExpiresAt")),
                Mongo.instant(doc.getDate("absoluteExpiresAt"))));
    }

    public void touch(String id, Instant now, Instant idleExpiresAt) {
        collection.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("lastSeenAt", Mongo.date(now)),
                Updates.set("idleExpiresAt", Mongo.date(idleExpiresAt))));
    }

    public void delete(String id) {
        collection.deleteOne(Filters.eq("_id", id));
    }

    /** Ends every session of a staff member, except {@code keep} (may be null). */
    public void deleteAllFor(String staffId, String keep) {
        collection.deleteMany(keep == null ? Filters.eq("staffId", staffId)
                : Filters.and(Filters.eq("staffId", staffId), Filters.ne("_id", keep)));
    }
}
