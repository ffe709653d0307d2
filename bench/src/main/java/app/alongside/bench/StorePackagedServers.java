package app.alongside.bench;

import app.alongside.bench.StoreBench.Knobs;
import app.alongside.bench.StoreBench.Run;
import app.alongside.fixtures.AuthEmulator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static app.alongside.bench.StoreBench.REQUESTS_PER_MINUTE;
import static app.alongside.bench.StoreBench.SERVER_JAVA_OPTIONS;
import static app.alongside.bench.StoreBench.START_TIMEOUT;

/**
 * The packaged server on each store: by default a fresh process for every run, stopped after it, so that only
 * the measured server is up; with {@code RESTART=never} one process per store for the whole bench, both up at
 * once (quicker, for smoke runs: the idle one's background work disturbs the other's figures).
 */
final class StorePackagedServers implements AutoCloseable {
    /** A running server process and its address. */
    record Started(ChildProcess process, String base) {
    }

    private final Knobs knobs;
    private final String java;
    private final Path jar;
    private final Map<String, Map<String, String>> storeEnv;
    private final Map<String, Started> kept = new HashMap<>();

    StorePackagedServers(Knobs knobs, String java, Path jar, Map<String, Map<String, String>> storeEnv) {
        this.knobs = knobs;
        this.java = java;
        this.jar = jar;
        this.storeEnv = storeEnv;
    }

    Started open(Run run) {
        Started running = kept.get(run.store());
        if (running != null) {
            return running;
        }
        int port = ChildProcess.freePort();
        Map<String, String> env = new HashMap<>(storeEnv.get(run.store()));
        env.putAll(Map.of("PORT", String.valueOf(port), "HOST", "127.0.0.1",
                "FIREBASE_PROJECT_ID", AuthEmulator.PROJECT_ID, "FIREBASE_AUTH_EMULATOR_HOST", AuthEmulator.HOST,
                "RATE_LIMIT_GRAPHQL_PER_MINUTE", REQUESTS_PER_MINUTE));
        String base = "http://127.0.0.1:" + port;
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(SERVER_JAVA_OPTIONS);
        command.addAll(List.of("-jar", jar.toString()));
        ChildProcess process = ChildProcess.start("the server on the " + run.store() + " store", command, env,
                knobs.workDir().resolve("server"), knobs.workDir().resolve("logs/" + run.name() + ".log"));
        try {
            process.awaitHttp(base + "/observe/health", START_TIMEOUT);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        Started started = new Started(process, base);
        if (!knobs.restartEachRun()) {
            kept.put(run.store(), started);
        }
        return started;
    }

    void done(Started started) {
        if (knobs.restartEachRun()) {
            started.process().close();
        }
    }

    @Override
    public void close() {
        kept.values().forEach(s -> s.process().close());
        kept.clear();
    }
}
