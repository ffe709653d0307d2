package app.alongside.platform.store;

import app.alongside.platform.config.StartupException;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

import java.util.concurrent.TimeUnit;

/**
 * The MongoDB connection: a real replica set when {@code MONGODB_URI} is set, the embedded store otherwise.
 * Code reaches the data only through {@link #db()}, the real driver's API.
 *
 * <p>One guarantee on both: a write is answered only once it is durable. Every write asks for write concern
 * {@code majority} with journaling (on a replica set: on disk on most members, so no failover rolls it back; on
 * the embedded store: committed to its file and synced). Reads ask for read concern {@code local} from the primary:
 * they see every acknowledged write at once, which a retry needs (after a duplicate key it reads the write that won
 * the race, which a {@code majority} read might not show yet). A connection string that sets {@code w},
 * {@code journal} or {@code readConcernLevel} itself is taken as the operator's choice.
 */
public final class Store implements AutoCloseable {
    private static final int DEFAULT_SELECTION_TIMEOUT_MS = 5_000;

    private final MongoClient client;
    private final MongoDatabase db;

    private Store(MongoClient client, MongoDatabase db) {
        this.client = client;
        this.db = db;
    }

    /** Connects lazily: the driver does not need the server to be up yet, so a down database never stops start-up. */
    public static Store connect(String uri, String database) {
        return connect(uri, database, java.util.List.of());
    }

    /** As {@link #connect(String, String)}, telling {@code listeners} of every command the driver sends. */
    public static Store connect(String uri, String database,
                                java.util.List<com.mongodb.event.CommandListener> listeners) {
        return connect(uri, database, listeners, java.util.List.of());
    }

    /** As above, also telling {@code poolListeners} of the connection pool's events (for its gauges). */
    public static Store connect(String uri, String database,
                                java.util.List<com.mongodb.event.CommandListener> listeners,
                                java.util.List<com.mongodb.event.ConnectionPoolListener> poolListeners) {
        ConnectionString connection;
        try {
            connection = new ConnectionString(uri);
        } catch (IllegalArgumentException e) {
            throw new StartupException("MONGODB_URI is not a valid MongoDB connection string: " + e.getMessage(), e);
        }
        var settings = MongoClientSettings.builder()
                .applyConnectionString(connection)
                .applicationName("alongside");
        if (connection.getWriteConcern() == null) {
            settings.writeConcern(WriteConcern.MAJORITY.withJournal(true));
        }
        if (connection.getReadConcern() == null) {
            settings.readConcern(ReadConcern.LOCAL);
        }
        listeners.forEach(settings::addCommandListener);
        settings.applyToConnectionPoolSettings(pool -> poolListeners.forEach(pool::addConnectionPoolListener));
        if (!uri.contains("serverSelectionTimeoutMS")) {
            settings.applyToClusterSettings(c -> c.serverSelectionTimeout(DEFAULT_SELECTION_TIMEOUT_MS,
                    TimeUnit.MILLISECONDS));
        }
        MongoClient client = MongoClients.create(settings.build());
        String name = connection.getDatabase() != null ? connection.getDatabase() : database;
        return new Store(client, client.getDatabase(name));
    }

    public MongoDatabase db() {
        return db;
    }

    /**
     * True when the database answers a ping. When the driver's monitor already knows no server is reachable it
     * answers at once, so a health check never waits out the server-selection timeout.
     */
    public boolean ping() {
        if (!client.getClusterDescription().hasReadableServer(com.mongodb.ReadPreference.primaryPreferred())) {
            return false;
        }
        try {
            db.runCommand(new Document("ping", 1));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
