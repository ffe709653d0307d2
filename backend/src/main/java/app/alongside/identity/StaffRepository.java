package app.alongside.identity;

import app.alongside.kernel.StaffRole;
import app.alongside.platform.core.Connections;
import app.alongside.platform.store.IndexPlan;
import app.alongside.platform.store.Mongo;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The {@code staff} collection. Emails are unique, case aside. */
public final class StaffRepository {
    public static final String COLLECTION = "staff";
    static final int SCHEMA_VERSION = 1;

    private final MongoCollection<Document> collection;

    public StaffRepository(MongoDatabase db) {
        this.collection = db.getCollection(COLLECTION);
    }

    public static List<IndexPlan> indexes() {
        return List.of(IndexPlan.unique(COLLECTION, Indexes.ascending("emailKey")),
                IndexPlan.of(COLLECTION, Indexes.ascending("organisationId", "createdAt")),
                IndexPlan.of(COLLECTION, Indexes.ascending("role")),
                IndexPlan.of(COLLECTION, Indexes.ascending("lockedUntil")));
    }

    public static String emailKey(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    public void insert(StaffMember staff) {
        collection.insertOne(toDocument(staff));
    }

    public Optional<StaffMember> findById(String id) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", id)).first()).map(StaffRepository::from);
    }

    public Map<String, StaffMember> findByIds(Collection<String> ids) {
        return collection.find(Filters.in("_id", ids)).map(StaffRepository::from).into(new ArrayList<>()).stream()
                .collect(Collectors.toMap(StaffMember::id, Function.identity()));
    }

    public Optional<StaffMember> findByEmail(String email) {
        return Optional.ofNullable(collection.find(Filters.eq("emailKey", emailKey(email))).first())
                .map(StaffRepository::from);
    }

    public boolean anyWithRole(StaffRole role) {
        return collection.find(Filters.eq("role", role.name())).first() != null;
    }

    public Connections.Connection<StaffMember> page(String organisationId, Connections.Page page) {
        List<Bson> filters = new ArrayList<>();
        if (organisationId != null) {
            filters.add(Filters.eq("organisationId", organisationId));
        }
        page.after().ifPresent(key -> filters.add(Connections.olderThan(key)));
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        List<StaffMember> found = collection.find(filter).sort(Connections.NEWEST_FIRST).limit(page.first() + 1)
                .map(StaffRepository::from).into(new ArrayList<>());
        return Connections.page(found, page, page.after().isPresent(),
                s -> Connections.newestKey(s.createdAt(), s.id()));
    }

    /** Accounts whose sign-in lock ends after {@code now}, newest account first. */
    public Connections.Connection<StaffMember> lockedPage(Instant now, Connections.Page page) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.gt("lockedUntil", Mongo.date(now))));
        page.after().ifPresent(key -> filters.add(Connections.olderThan(key)));
        List<StaffMember> found = collection.find(Filters.and(filters)).sort(Connections.NEWEST_FIRST)
                .limit(page.first() + 1).map(StaffRepository::from).into(new ArrayList<>());
        return Connections.page(found, page, page.after().isPresent(),
                s -> Connections.newestKey(s.createdAt(), s.id()));
    }

    /** The active staff of an organisation. */
    public List<StaffMember> activeOf(String organisationId) {
        return collection.find(Filters.and(Filters.eq("organisationId", organisationId), Filters.eq("active", true)))
                .map(StaffRepository::from).into(new ArrayList<>());
    }

    /** Counts one more failed sign-in, atomically; returns the count in a row. */
    public int countFailedSignIn(String id, Instant now) {
        Document after = collection.findOneAndUpdate(Filters.eq("_id", id), Updates.combine(
                Updates.inc("failedSignIns", 1), Updates.set("updatedAt", Mongo.date(now))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return after == null ? 0 : after.getInteger("failedSignIns", 0);
    }

    public void lockUntil(String id, Instant until) {
        collection.updateOne(Filters.eq("_id", id), Updates.set("lockedUntil", Mongo.date(until)));
    }

    public void recordSignIn(String id, Instant now) {
        collection.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("failedSignIns", 0),
                Updates.set("lockedUntil", null), Updates.set("lastSignedInAt", Mongo.date(now))));
    }

    /** Sets the password hash; {@code changeRequired} when someone else chose it and its owner must change it. */
    public void setPassword(String id, String hash, boolean changeRequired, Instant now) {
        collection.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("passwordHash", hash),
                Updates.set("passwordChangeRequired", changeRequired),
                Updates.set("failedSignIns", 0), Updates.set("lockedUntil", null),
                Updates.set("updatedAt", Mongo.date(now))));
    }

    public void setActive(String id, boolean active, Instant now) {
        collection.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("active", active),
                Updates.set("updatedAt", Mongo.date(now))));
    }

    static Document toDocument(StaffMember s) {
        return new Document("_id", s.id())
                .append("schemaVersion", SCHEMA_VERSION)
                .append("name", s.name())
                .append("email", s.email())
                .append("emailKey", emailKey(s.email()))
                .append("role", s.role().name())
                .append("organisationId", s.organisationId())
                .append("active", s.active())
                .append("passwordHash", s.passwordHash())
                .append("failedSignIns", s.failedSignIns())
                .append("lockedUntil", Mongo.date(s.lockedUntil()))
                .append("createdAt", Mongo.date(s.createdAt()))
                .append("updatedAt", Mongo.date(s.updatedAt()))
                .append("passwordChangeRequired", s.passwordChangeRequired());
    }

    static StaffMember from(Document d) {
        return new StaffMember(d.getString("_id"), d.getString("name"), d.getString("email"),
                StaffRole.valueOf(d.getString("role")), d.getString("organisationId"), d.getBoolean("active", true),
                d.getString("passwordHash"), d.getInteger("failedSignIns", 0), Mongo.instant(d.getDate("lockedUntil")),
                Mongo.instant(d.getDate("createdAt")), Mongo.instant(d.getDate("updatedAt")),
                Boolean.TRUE.equals(d.getBoolean("passwordChangeRequired")));
    }
}
