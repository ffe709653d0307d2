package app.alongside.platform.store;

import com.mongodb.client.MongoDatabase;

import java.util.function.Consumer;

/**
 * A one-off change to stored data, e.g. moving documents from one {@code schemaVersion} to the next. Each runs
 * once per database, in list order, recorded in the {@code migrations} collection. Write it so that running it
 * twice does no harm (a crash can interrupt it after some writes).
 */
public record Migration(String id, String description, Consumer<MongoDatabase> apply) {
}
