package app.alongside.bench;

import app.alongside.fixtures.TestServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged server ({@code backend/target/backend.jar}) in a process of its own, as users run it, with the test
 * fixtures' bootstrap admin: on the embedded default store in a fresh {@code DATA_DIR} ({@value #DEFAULT}: every
 * acknowledged write journaled), or with {@code MONGODB_URI} at a mongo-java-server in a process of its own
 * ({@value #MEMORY}).
 */
final class PackagedServer implements AutoCloseable {
    static final String DEFAULT = "default";
    static final String MEMORY = "memory";

    private final ChildProcess server;
    private final ChildProcess memory;
    private final String base;
    private final String description;

    private PackagedServer(ChildProcess server, ChildProcess memory, String base, String description) {
        this.server = server;
        this.memory = memory;
        this.base = base;
        this.description = description;
    }

    /** Starts it in {@code bench/target/<work>} (data and logs) and waits for its health. */
    static PackagedServer start(String store, String work, Map<String, String> extra) {
        Path root = StoreBench.root();
        Path jar = root.resolve("backend/target/backend.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw -pl bench -am verify does)");
        }
        Path dir = root.resolve("bench/target").resolve(work);
        String java = ProcessHandle.current().info().command().orElse("java");
        Map<String, String> env = new HashMap<>(Map.of("HOST", "127.0.0.1",
                "BOOTSTRAP_ADMIN_EMAIL", TestServer.ADMIN_EMAIL, "BOOTSTRAP_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD,
                "AUTH_SIGN_IN_ATTEMPTS_PER_MINUTE", "1000", "SHUTDOWN_GRACE_SECONDS", "1"));
        env.putAll(extra);
        ChildProcess memory = null;
        try {
            if (store.equals(MEMORY)) {
                int storePort = ChildProcess.freePort();
                memory = MemoryStore.start(java, storePort, MemoryStore.DEFAULT_BACKEND, dir,
                        dir.resolve("logs/memory-store.log"), Duration.ofSeconds(60));
                env.put("MONGODB_URI", "mongodb://127.0.0.1:" + storePort);
            } else if (store.equals(DEFAULT)) {
                Path data = dir.resolve("data");
                StoreBench.recreate(data);
                env.put("DATA_DIR", data.toString());
            } else {
                throw new IllegalArgumentException("a store is " + DEFAULT + " or " + MEMORY + ": " + store);
            }
            int port = ChildProcess.freePort();
            env.put("PORT", String.valueOf(port));
            String base = "http://127.0.0.1:" + port;
            ChildProcess server = ChildProcess.start("the server on the " + store + " store",
                    List.of(java, "-jar", jar.toString()), env, dir, dir.resolve("logs/server-" + store + ".log"));
            try {
                server.awaitHttp(base + "/observe/health", Duration.ofSeconds(120));
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return new PackagedServer(server, memory, base, store.equals(DEFAULT)
                    ? "the packaged server on the embedded default store (H2 file, journaled)"
                    : "the packaged server, memory store in its own process");
        } catch (RuntimeException e) {
            if (memory != null) {
                memory.close();
            }
            throw e;
        }
    }

    String base() {
        return base;
    }

    String description() {
        return description;
    }

    /** The server's pid as {@code server}, the memory store's as {@code store}. */
    Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("server", server.pid());
        if (memory != null) {
            pids.put("store", memory.pid());
        }
        return pids;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            if (memory != null) {
                memory.close();
            }
        }
    }
}
