package app.alongside.bench;

import app.alongside.App;
import app.alongside.bench.StoreBench.Knobs;
import app.alongside.fixtures.AuthEmulator;
import app.alongside.fixtures.TestServer;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static app.alongside.bench.StoreBench.HTTP;
import static app.alongside.bench.StoreBench.START_TIMEOUT;

/**
 * Seeding a store for the bench: an App in this JVM on that store (the embedded file store in {@code DATA_DIR}, or
 * the memory store's server), the young people and their records written through it, then the App closed cleanly
 * before the measured server opens the same store.
 */
final class StoreBenchSeeding {
    private StoreBenchSeeding() {
    }

    /** A seeding App on one store, in this JVM, closed cleanly before the measured server opens the store. */
    record Seeding(String baseUrl, com.mongodb.client.MongoDatabase db, AutoCloseable app) {
        Seeding(App app) {
            this("http://127.0.0.1:" + app.port(), app.store().db(), app);
        }

        Seeding(TestServer server) {
            this(server.baseUrl(), server.app().store().db(), server);
        }
    }

    interface SeedingStart {
        Seeding start();
    }

    static List<StoreSeed.Seeded> seed(String store, Knobs knobs, List<EmulatorAccounts.Account> accounts,
                                               Map<String, Duration> seeding, Consumer<String> progress,
                                               SeedingStart start) {
        progress.accept("store bench: seeding the " + store + " store: " + knobs.users() + " young people x "
                + knobs.perUser() + " records ...");
        long started = System.nanoTime();
        Seeding target = start.start();
        try {
            awaitHealth(target.baseUrl());
            return StoreSeed.seed(target.baseUrl(), target.db(), accounts, knobs.perUser(), progress);
        } finally {
            try {
                target.app().close();
            } catch (Exception e) {
                throw new IllegalStateException("the seeding server on the " + store + " store did not stop", e);
            }
            seeding.put(store, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** As {@link TestServer#ready()}: the store schema applied (and so the bootstrap admin created). */
    private static void awaitHealth(String base) {
        HttpRequest health = HttpRequest.newBuilder(URI.create(base + "/observe/health")).GET().build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (Servers.send(HTTP, health).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the seeding server at " + base + " did not become ready");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The seeding server's settings: the Auth emulator, the bootstrap admin, and no push dispatcher. */
    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>(AuthEmulator.serverEnv());
        env.put("BOOTSTRAP_ADMIN_EMAIL", TestServer.ADMIN_EMAIL);
        env.put("BOOTSTRAP_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD);
        env.put("AUTH_SIGN_IN_ATTEMPTS_PER_MINUTE", "1000");
        env.put("PUSH_DISPATCHER_ENABLED", "false");
        return env;
    }
}
