package app.alongside.platform.store;

import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.Ids;
import app.alongside.platform.core.Input;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import java.time.Clock;
import java.util.Date;
import java.util.Optional;

/**
 * Makes creates safe to retry. Before creating, a mutation claims its {@code clientMutationId} (per actor and
 * operation) together with the id the new object will get. A retry finds the claim and gets that id back, so it
 * returns the first result; if the first attempt died before creating, the retry creates it under the same id.
 */
public final class Idempotency {
    public static final String COLLECTION = "idempotency";

    /** The id to use, and whether this request made the claim (false: a retry or a concurrent twin). */
    public record Claim(String id, boolean fresh) {
    }

    private final MongoCollection<Document> claims;
    private final Clock clock;

    public Idempotency(MongoDatabase db, Clock clock) {
        this.claims = db.getCollection(COLLECTION);
        this.clock = clock;
    }

    /**
     * Claims {@code key} for a new object id; without a key every call is fresh. A retry must send the same input
     * ({@code fingerprint}); the same key with other input is a CONFLICT, never someone else's result.
     */
    public Claim claim(String operation, String actor, Optional<String> clientMutationId, String fingerprint) {
        String newId = Ids.random();
        if (clientMutationId.isEmpty()) {
            return new Claim(newId, true);
        }
        String key = operation + ":" + actor + ":" + clientMutationId.get();
        try {
            claims.insertOne(new Document("_id", key).append("resultId", newId).append("input", fingerprint)
                    .append("createdAt", Date.from(clock.instant())));
            return new Claim(newId, true);
        } catch (MongoWriteException e) {
            if (!Mongo.isDuplicateKey(e)) {
                throw e;
            }
            Document existing = claims.find(Filters.eq("_id", key)).first();
            if (!fingerprint.equals(existing.getString("input"))) {
                throw new ApiException(ErrorCode.CONFLICT, "This clientMutationId was used before with other input.",
                        Input.path("clientMutationId"), java.util.Map.of());
            }
            return new Claim(existing.getString("resultId"), false);
        }
    }
}
