package app.alongside.bench;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.LogManager;

/**
 * A mongo-java-server in a process of its own, for the memory-store side of {@link StoreBench} and
 * {@link PackagedServer}:
 * {@code MemoryStore <port> [backend class]}. The backend is any {@link MongoBackend} with a no-argument
 * constructor: by default the memory backend with the secondary indexes the default store has ({@code
 * IndexedMemoryBackend}; mongo-java-server's plain {@code MemoryBackend} scans), so either can be measured
 * without changing the bench. Listens on 127.0.0.1 until it gets SIGTERM.
 */
public final class MemoryStore {
    static final String DEFAULT_BACKEND = "app.alongside.embedded.IndexedMemoryBackend";

    private MemoryStore() {
    }

    /** Starts one in a process of its own on 127.0.0.1:{@code port}, logging to {@code log}, and waits for it. */
    static ChildProcess start(String java, int port, String backendClass, Path dir, Path log, Duration timeout) {
        return ChildProcess.start("memory store", List.of(java, "-Dio.netty.noUnsafe=true", "-cp",
                        System.getProperty("java.class.path"), MemoryStore.class.getName(), String.valueOf(port),
                        backendClass), Map.of(), dir, log).awaitPort(port, timeout);
    }

    public static void main(String[] args) throws InterruptedException {
        try (InputStream config = MemoryStore.class.getResourceAsStream("/bench-logging.properties")) {
            LogManager.getLogManager().readConfiguration(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = Integer.parseInt(args[0]);
        String backendClass = args.length > 1 ? args[1] : DEFAULT_BACKEND;
        MongoServer server = new MongoServer(backend(backendClass));
        server.bind("127.0.0.1", port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            stopped.countDown();
        }, "memory-store-shutdown"));
        System.out.println("memory store (" + backendClass + ") listening on 127.0.0.1:" + port);
        stopped.await();
    }

    private static MongoBackend backend(String className) {
        try {
            return (MongoBackend) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("cannot make a MongoBackend of " + className
                    + " (it needs a public no-argument constructor): " + e, e);
        }
    }
}
