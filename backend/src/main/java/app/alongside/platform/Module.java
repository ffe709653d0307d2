package app.alongside.platform;

import app.alongside.platform.core.ErasableData;
import app.alongside.platform.core.PersonalDataSection;
import app.alongside.platform.graphql.GraphParts;
import app.alongside.platform.store.IndexPlan;
import app.alongside.platform.store.Migration;
import app.alongside.platform.store.Store;
import app.alongside.platform.store.StoreSchema;

import java.time.Clock;
import java.util.List;

/**
 * One domain's part of the running server, as the composition root sees it: the indexes and migrations its
 * collections need before anything is served, what it starts once the store is ready (seeding, periodic jobs),
 * and what it stops on close. Each module builds its own repositories and services once, in its constructor,
 * from a {@link Foundation} and the other modules it names; its GraphQL wiring is registered by
 * {@link #wire(GraphParts)}.
 */
public interface Module extends AutoCloseable {
    default List<IndexPlan> indexes() {
        return List.of();
    }

    default List<Migration> migrations() {
        return List.of();
    }

    /**
     * The module's parts of a young person's data export ({@code exportMyData}): everything it holds about them.
     * The export lists them in module order, so it stays complete as modules are added.
     */
    default List<PersonalDataSection> exportSections() {
        return List.of();
    }

    /** How this module erases what it holds about a young person when their erasure request is approved. */
    default List<ErasableData> erasable() {
        return List.of();
    }

    /** Registers this module's fetchers, types and loaders. */
    default void wire(GraphParts graph) {
    }

    /** Runs once the indexes and migrations are in place (on the schema thread): seed data, start jobs. */
    default void storeReady() {
    }

    /** Stops what {@link #storeReady()} started. */
    @Override
    default void close() {
    }

    /** The store's schema: every module's indexes and migrations. */
    static StoreSchema storeSchema(Store store, List<? extends Module> modules, Clock clock) {
        return new StoreSchema(store, modules.stream().flatMap(m -> m.indexes().stream()).toList(),
                modules.stream().flatMap(m -> m.migrations().stream()).toList(), clock);
    }

    /** Closes each part in turn, logging (not throwing) a part that fails, so that the rest still stop. */
    static void closeAll(List<? extends AutoCloseable> parts) {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                java.util.logging.Logger.getLogger(Module.class.getName())
                        .warning("a background worker did not stop cleanly: " + e);
            }
        }
    }
}
