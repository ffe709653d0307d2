package app.alongside.entitlements;

import app.alongside.platform.store.IndexPlan;
import app.alongside.records.Visibility;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import org.bson.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Young people's claims ({@code entitlementClaims}): one per young person and entitlement, the current state in
 * the document and each earlier one in {@code history}, newest last. A change applies only at its version.
 */
final class ClaimRepository {
    static final String COLLECTION = "entitlementClaims";

    private final MongoCollection<Document> claims;

    ClaimRepository(MongoDatabase db) {
        this.claims = db.getCollection(COLLECTION);
    }

    static List<IndexPlan> indexes() {
        return List.of(IndexPlan.unique(COLLECTION, Indexes.ascending("ownerId", "entitlementKey")));
    }

    /** The new claim, or empty when one for this entitlement was made at the same moment. */
    Optional<EntitlementClaim> insert(EntitlementClaim claim) {
        try {
            claims.insertOne(state(claim).append("_id", claim.id()).append("ownerId", claim.ownerId())
                    .append("entitlementKey", claim.entitlementKey()).append("version", 1)
                    .append("history", List.of()));
            return Optional.of(claim);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Replaces the claim at {@code current}'s version with {@code next}; false when it changed since. */
    boolean update(EntitlementClaim current, EntitlementClaim next, String changedBy) {
        Document earlier = new Document("state", current.state().name())
                .append("amountPence", current.amountPence()).append("on", current.on().toString())
                .append("changedAt", Date.from(next.updatedAt())).append("changedBy", changedBy);
        List<org.bson.conversions.Bson> sets = state(next).entrySet().stream()
                .map(e -> Updates.set(e.getKey(), e.getValue())).toList();
        return claims.updateOne(Filters.and(Filters.eq("_id", current.id()), Filters.eq("version", current.version())),
                Updates.combine(Updates.combine(sets), Updates.inc("version", 1), Updates.push("history", earlier)))
                .getModifiedCount() == 1;
    }

    Optional<EntitlementClaim> find(String ownerId, String key) {
        return Optional.ofNullable(claims.find(Filters.and(Filters.eq("ownerId", ownerId),
                Filters.eq("entitlementKey", key))).first()).map(ClaimRepository::fromDocument);
    }

    List<EntitlementClaim> ofOwner(String ownerId) {
        return claims.find(Filters.eq("ownerId", ownerId)).map(ClaimRepository::fromDocument)
                .into(new ArrayList<>());
    }

    List<EntitlementClaim> findByIds(List<String> ids) {
        return claims.find(Filters.in("_id", ids)).map(ClaimRepository::fromDocument).into(new ArrayList<>());
    }

    long deleteOwnedBy(String ownerId) {
        return claims.deleteMany(Filters.eq("ownerId", ownerId)).getDeletedCount();
    }

    /** The export's form: every claim of the owner with its history. */
    List<Document> export(String ownerId) {
        return claims.find(Filters.eq("ownerId", ownerId)).projection(new Document("ownerId", 0))
                .into(new ArrayList<>());
    }

    private static Document state(EntitlementClaim claim) {
        return new Document("state", claim.state().name()).append("amountPence", claim.amountPence())
                .append("on", claim.on().toString()).append("note", claim.note())
                .append("visibility", claim.visibility().name()).append("updatedAt", Date.from(claim.updatedAt()));
    }

    static EntitlementClaim fromDocument(Document d) {
        List<EntitlementClaim.Change> history = d.getList("history", Document.class).reversed().stream()
                .map(h -> new EntitlementClaim.Change(EntitlementClaim.State.valueOf(h.getString("state")),
                        h.getInteger("amountPence"), LocalDate.parse(h.getString("on")),
                        h.getDate("changedAt").toInstant(), h.getString("changedBy"))).toList();
        Instant updatedAt = d.getDate("updatedAt").toInstant();
        return new EntitlementClaim(d.getString("_id"), d.getString("ownerId"), d.getString("entitlementKey"),
                EntitlementClaim.State.valueOf(d.getString("state")), d.getInteger("amountPence"),
                LocalDate.parse(d.getString("on")), d.getString("note"), Visibility.valueOf(d.getString("visibility")),
                d.getInteger("version"), updatedAt, history);
    }
}
