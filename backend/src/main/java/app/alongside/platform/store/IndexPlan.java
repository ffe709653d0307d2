package app.alongside.platform.store;

import com.mongodb.client.model.IndexOptions;
import org.bson.conversions.Bson;

/** An index a domain needs; all are created, idempotently, at start-up. */
public record IndexPlan(String collection, Bson keys, IndexOptions options) {
    public static IndexPlan of(String collection, Bson keys) {
        return new IndexPlan(collection, keys, new IndexOptions());
    }

    public static IndexPlan unique(String collection, Bson keys) {
        return new IndexPlan(collection, keys, new IndexOptions().unique(true));
    }
}
