package app.alongside.identity;

import app.alongside.organisations.Organisation;
import app.alongside.platform.core.GlobalIds;
import app.alongside.platform.core.PersonalDataSection;
import app.alongside.platform.store.IndexPlan;
import app.alongside.platform.store.Mongo;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code invites} collection. The code itself is never stored: {@code _id} is its SHA-256, so looking a code
 * up is a key lookup and a leaked collection gives nobody a code.
 */
public final class InviteRepository {
    public static final String COLLECTION = "invites";

    /** A stored invite. */
    public record Invite(String codeHash, String youngPersonId, String localAuthorityId, String createdBy,
                         Instant expiresAt, Instant usedAt, String usedByUid) {
    }

    private final MongoCollection<Document> collection;

    public InviteRepository(MongoDatabase db) {
        this.collection = db.getCollection(COLLECTION);
    }

    public static List<IndexPlan> indexes() {
        return List.of(IndexPlan.of(COLLECTION, Indexes.ascending("youngPersonId")));
    }

    public void insert(Invite invite, Instant now) {
        collection.insertOne(new Document("_id", invite.codeHash()).append("youngPersonId", invite.youngPersonId())
                .append("localAuthorityId", invite.localAuthorityId()).append("createdBy", invite.createdBy())
                .append("expiresAt", Mongo.date(invite.expiresAt())).append("usedAt", null)
                .append("usedByUid", null).append("createdAt", Mongo.date(now)));
    }

    public Optional<Invite> find(String codeHash) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", codeHash)).first()).map(d -> new Invite(
                d.getString("_id"), d.getString("youngPersonId"), d.getString("localAuthorityId"),
                d.getString("createdBy"), Mongo.instant(d.getDate("expiresAt")), Mongo.instant(d.getDate("usedAt")),
                d.getString("usedByUid")));
    }

    /** Marks the invite used by {@code uid} if it is still unused and unexpired; true when this call did it. */
    public boolean claim(String codeHash, String uid, Instant now) {
        return collection.updateOne(Filters.and(Filters.eq("_id", codeHash), Filters.eq("usedAt", null),
                        Filters.gt("expiresAt", Mongo.date(now))),
                Updates.combine(Updates.set("usedAt", Mongo.date(now)), Updates.set("usedByUid", uid)))
                .getModifiedCount() == 1;
    }

    /**
     * The invites part of a young person's data export: when each invite was made, by which council, until when it
     * could be used and when it was. Neither the code's hash nor the staff member's id goes out.
     */
    public PersonalDataSection exportSection() {
        return PersonalDataSection.of("invites", youngPersonId -> collection.find(Filters.eq("youngPersonId",
                        youngPersonId)).sort(Sorts.ascending("createdAt"))
                .map(d -> new Document("createdAt", d.getDate("createdAt"))
                        .append("localAuthorityId", GlobalIds.encode(Organisation.TYPE,
                                d.getString("localAuthorityId")))
                        .append("expiresAt", d.getDate("expiresAt")).append("usedAt", d.getDate("usedAt")))
                .into(new ArrayList<>()));
    }

    /** Withdraws every unused invite of a young person (a new code replaces them). */
    public void withdrawUnused(String youngPersonId, Instant now) {
        collection.updateMany(Filters.and(Filters.eq("youngPersonId", youngPersonId), Filters.eq("usedAt", null)),
                Updates.set("expiresAt", Mongo.date(now)));
    }

    /** Forgets which Firebase account used the young person's invites (erasure); answers how many changed. */
    public long forgetUids(String youngPersonId) {
        return collection.updateMany(Filters.and(Filters.eq("youngPersonId", youngPersonId),
                Filters.ne("usedByUid", null)), Updates.set("usedByUid", null)).getModifiedCount();
    }
}
