package app.alongside.platform.store;

import app.alongside.embedded.DurableH2Backend;
import app.alongside.platform.config.StartupException;
import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * The embedded default store: mongo-java-server with its H2 (MVStore) backend in one file under
 * {@code DATA_DIR}, listening on a free loopback port so the real driver talks to it over the wire protocol.
 * Nothing else in the code knows it is not MongoDB. A write the App makes (write concern {@code majority},
 * journaled) is answered only once it is committed to the file and synced to disk ({@link DurableH2Backend}), so a
 * crash or a power cut loses no acknowledged write; secondary indexes are rebuilt from the documents on open.
 */
public final class EmbeddedMongo implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddedMongo.class.getName());
    static final String FILE_NAME = "alongside.mv.db";
    /**
     * Each connection's commands run on one of these threads and a journaled write holds its thread until the
     * sync: enough of them let many writers share each sync (mongo-java-server's default is two per core).
     */
    private static final int WORKER_THREADS = 64;
    /**
     * MVStore's page cache: a quarter of the heap, between 64 MB and 1 GB. Its default (16 MB) would read most
     * pages back from the file and decode them again on every request; documents are counted at about their size
     * on the heap ({@code BsonDocumentType}), so the cache holds what it says.
     */
    private static final int CACHE_MB = (int) Math.max(64, Math.min(1024,
            Runtime.getRuntime().maxMemory() / 4 / (1024 * 1024)));
    /** MVStore's own default: unjournaled changes are written in the background within a second. */
    private static final int AUTO_COMMIT_MS = 1000;

    private final MVStore mvStore;
    private final MongoServer server;
    private final String connectionString;
    private final Path file;

    private EmbeddedMongo(MVStore mvStore, MongoServer server, String connectionString, Path file) {
        this.mvStore = mvStore;
        this.server = server;
        this.connectionString = connectionString;
        this.file = file;
    }

    /** Opens (or creates) the store in {@code dataDir}; fails with a message naming the path when it cannot. */
    public static EmbeddedMongo start(Path dataDir) {
        Path dir = prepareDirectory(dataDir.toAbsolutePath().normalize());
        Path file = dir.resolve(FILE_NAME);
        MVStore store = openStore(file);
        MongoServer server;
        InetSocketAddress address;
        try {
            server = new MongoServer(new DurableH2Backend(store));
            store.setAutoCommitDelay(AUTO_COMMIT_MS);
            server.bind(new InetSocketAddress("127.0.0.1", 0), 1, WORKER_THREADS);
            address = server.getLocalAddress();
        } catch (RuntimeException e) {
            store.close();
            throw new StartupException("could not start the embedded store on 127.0.0.1: " + e.getMessage(), e);
        }
        String uri = "mongodb://127.0.0.1:" + address.getPort();
        LOG.info(() -> "embedded store " + file + " listening on 127.0.0.1:" + address.getPort());
        return new EmbeddedMongo(store, server, uri, file);
    }

    private static Path prepareDirectory(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new StartupException("DATA_DIR " + dir + " exists but is not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StartupException("DATA_DIR " + dir + " does not exist and cannot be created: " + e, e);
        }
        if (!Files.isWritable(dir)) {
            throw new StartupException("DATA_DIR " + dir + " is not writable");
        }
        return dir;
    }

    private static MVStore openStore(Path file) {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new StartupException("DATA_DIR store file " + file + " is not a regular file");
        }
        try {
            // No background writer until the indexes are rebuilt: its compaction would move and free pages while
            // the rebuild walks every collection, and an MVStore cursor can then meet a chunk that is gone.
            // Pages are not compressed: LZF on every commit cost 5 to 12% of a durable send's CPU (store bench,
            // 32 writers), for a smaller file; pages written compressed before stay readable.
            return new MVStore.Builder().fileName(file.toString()).cacheSize(CACHE_MB)
                    .autoCommitDisabled().open();
        } catch (RuntimeException e) {
            throw new StartupException("DATA_DIR store file " + file + " cannot be opened: it is corrupt, or another "
                    + "server is using it (" + e.getMessage() + ")", e);
        }
    }

    public String connectionString() {
        return connectionString;
    }

    /** Stops listening, then writes and closes the file, so a SIGTERM never leaves it half-written. */
    @Override
    public void close() {
        server.shutdown();
        if (!mvStore.isClosed()) {
            mvStore.close();
        }
        LOG.info(() -> "embedded store " + file + " closed");
    }
}
