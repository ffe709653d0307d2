package app.alongside.platform.store;


import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Brings the database up to what this version of the code expects: every domain's indexes, then every
 * pending {@link Migration}. Safe to run on many instances at once: index creation is idempotent, and a
 * migration is claimed with a lease in the {@code migrations} collection so only one instance runs it.
 */
public final class StoreSchema {
    private static final Logger LOG = Logger.getLogger(StoreSchema.class.getName());
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final Duration WAIT_STEP = Duration.ofMillis(500);

    private final Store store;
    private final List<IndexPlan> indexes;
    private final List<Migration> migrations;
    private final Clock clock;
    private final List<Runnable> afterReady = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final String owner = UUID.randomUUID().toString();
    private volatile boolean ready;

    public StoreSchema(Store store, List<IndexPlan> indexes, List<Migration> migrations, Clock clock) {
        this.store = store;
        this.indexes = List.copyOf(indexes);
        this.migrations = List.copyOf(migrations);
        this.clock = clock;
    }

    /** Runs {@code task} once indexes and migrations are in place (retried with them if it fails). */
    public void afterReady(Runnable task) {
        afterReady.add(task);
    }

    /** True once indexes and migrations are in place. */
    public boolean ready() {
        return ready;
    }

    /** Waits up to {@code timeout} for {@link #ready()}; true when it is. */
    public boolean awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready && System.nanoTime() < deadline) {
            if (!sleep(20)) {
                return false;
            }
        }
        return ready;
    }

    /** Applies indexes and migrations now; throws when the database is unreachable. */
    public void apply() {
        for (IndexPlan plan : indexes) {
            store.db().getCollection(plan.collection()).createIndex(plan.keys(), plan.options());
        }
        for (Migration migration : migrations) {
            runOnce(migration);
        }
        afterReady.forEach(Runnable::run);
        ready = true;
    }

    /**
     * Applies in a background thread, retrying with backoff while the database is unreachable, so a server
     * whose database is down still starts, reports itself not ready, and recovers without a restart loop.
     */
    public Thread applyInBackground() {
        return Thread.ofVirtual().name("store-schema").start(() -> {
            long delayMs = 500;
            while (!ready) {
                try {
                    apply();
                    LOG.info("store schema ready: " + indexes.size() + " indexes, " + migrations.size()
                            + " migrations");
                } catch (RuntimeException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    LOG.log(Level.WARNING, "database not reachable, retrying in " + delayMs + " ms: " + e.getMessage());
                    if (!sleep(delayMs)) {
                        return;
                    }
                    delayMs = Math.min(delayMs * 2, 30_000);
                }
            }
        });
    }

    private void runOnce(Migration migration) {
        MongoCollection<Document> log = store.db().getCollection("migrations");
        while (true) {
            Document current = log.find(Filters.eq("_id", migration.id())).first();
            if (current != null && "done".equals(current.getString("state"))) {
                return;
            }
            if (claim(log, migration, current)) {
                LOG.info(() -> "running migration " + migration.id() + ": " + migration.description());
                migration.apply().accept(store.db());
                log.updateOne(Filters.eq("_id", migration.id()), Updates.combine(
                        Updates.set("state", "done"), Updates.set("doneAt", clock.instant())));
                return;
            }
            if (!sleep(WAIT_STEP.toMillis())) {
                throw new IllegalStateException("interrupted while waiting for migration " + migration.id());
            }
        }
    }

    private boolean claim(MongoCollection<Document> log, Migration migration, Document current) {
        Instant now = clock.instant();
        if (current == null) {
            try {
                log.insertOne(new Document("_id", migration.id()).append("state", "running").append("owner", owner)
                        .append("leaseUntil", now.plus(LEASE)).append("createdAt", now));
                return true;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                    return false;
                }
                throw e;
            }
        }
        // Another instance holds it; take over only when its lease has run out (it crashed).
        return log.updateOne(Filters.and(Filters.eq("_id", migration.id()), Filters.eq("state", "running"),
                        Filters.lt("leaseUntil", now)),
                Updates.combine(Updates.set("owner", owner), Updates.set("leaseUntil", now.plus(LEASE))))
                .getModifiedCount() == 1;
    }

    private static boolean sleep(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
