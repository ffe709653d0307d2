package app.alongside.bench;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Parse Server 9.10 + PostgreSQL 15 peer of {@code ../shared/peer-parse}, brought up by its own
 * {@code run-pg.sh} (with {@code SKIP_BENCH=1}, the same population) and measured by its own {@code bench.js}
 * (autocannon, the same connections and periods), so a {@link StoreBench} row of the peer is what its README
 * describes. Only with {@code PEER=1}: installing and seeding it takes minutes.
 */
final class Peer implements AutoCloseable {
    private static final Jsonb JSON = JsonbBuilder.create();

    private final Path scripts;
    private final Path dir;
    private final long parsePid;
    private final boolean keep;

    private Peer(Path scripts, Path dir, long parsePid, boolean keep) {
        this.scripts = scripts;
        this.dir = dir;
        this.parsePid = parsePid;
        this.keep = keep;
    }

    /** Runs {@code run-pg.sh} with {@code SKIP_BENCH=1}: installs, starts and seeds, leaving both running. */
    static Peer start(Path scripts, Path dir, int users, int perUser, boolean keep) {
        Map<String, String> env = Map.of("PEER_DIR", dir.toString(), "USERS", String.valueOf(users),
                "PER_USER", String.valueOf(perUser), "SKIP_BENCH", "1");
        int exit = run(scripts, dir, env, Long.MAX_VALUE, "bash", scripts.resolve("run-pg.sh").toString());
        if (exit != 0) {
            throw new IllegalStateException("the peer's run-pg.sh failed with " + exit + "; see "
                    + dir.resolve("peer.log"));
        }
        try {
            return new Peer(scripts, dir, Long.parseLong(Files.readString(dir.resolve("parse.pid")).trim()), keep);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Measures {@code scenario} ({@code gql-records}, {@code gql-health}) with {@code bench.js}: one run of
     * {@code warmup} seconds thrown away, then the measured run. Its result line has the CPU of Parse (from
     * {@code bench.js}) and, as {@code postgres_cpu_seconds}, PostgreSQL's over the measured run: Parse opens and
     * closes its connections as it likes, so their backends are counted through the postmaster (its own time, its
     * reaped children's, and its live children's), not as pids taken beforehand.
     */
    Map<String, Object> measure(String scenario, int connections, int warmup, int duration) {
        if (warmup > 0) {
            benchJs(scenario, connections, warmup);
        }
        long before = postgresTicks();
        Map<String, Object> row = new HashMap<>(benchJs(scenario, connections, duration));
        long after = postgresTicks();
        row.put("postgres_cpu_seconds", before < 0 || after < 0 ? null
                : (after - before) / ChildProcess.TICKS_PER_SECOND);
        return row;
    }

    /** PostgreSQL's CPU so far in ticks: the postmaster's with its reaped children's, plus its live children's. */
    private long postgresTicks() {
        Optional<Long> postmaster = postmaster().map(ProcessHandle::pid);
        if (postmaster.isEmpty()) {
            return -1;
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .mapToLong(p -> {
                        String[] stat = ChildProcess.procStat(p);
                        if (stat == null) {
                            return 0;
                        }
                        long own = Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
                        long reaped = Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
                        boolean isPostmaster = p.getFileName().toString().equals(postmaster.get().toString());
                        boolean child = stat[1].equals(postmaster.get().toString());
                        return isPostmaster || child ? own + reaped : 0;
                    }).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    private Map<String, Object> benchJs(String scenario, int connections, int duration) {
        Map<String, String> env = new HashMap<>(Map.of("PEER_DIR", dir.toString(), "SCENARIOS", scenario,
                "REPEATS", "1", "CONNECTIONS", String.valueOf(connections), "WARMUP", "0",
                "DURATION", String.valueOf(duration), "SERVER_PIDS", String.valueOf(parsePid)));
        Path out = dir.resolve("bench-" + scenario + ".json");
        env.put("OUT_JSON", out.toString());
        int exit = run(scripts, dir, env, (duration + 120) * 1000L, "node", scripts.resolve("bench.js").toString());
        try {
            if (exit != 0 || !Files.exists(out)) {
                throw new IllegalStateException("the peer's bench.js failed with " + exit);
            }
            List<?> rows = JSON.fromJson(Files.readString(out), List.class);
            Files.delete(out);
            @SuppressWarnings("unchecked")
            Map<String, Object> row = (Map<String, Object>) rows.getFirst();
            return row;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<ProcessHandle> postmaster() {
        try {
            Path pidFile = dir.resolve("pgdata/postmaster.pid");
            return ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).getFirst().trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Stops Parse and PostgreSQL, which this bench started, unless {@code PEER_KEEP=1}. */
    @Override
    public void close() {
        if (keep) {
            return;
        }
        ProcessHandle.of(parsePid).ifPresent(ProcessHandle::destroy);
        run(scripts, dir, Map.of(), 120_000L, "bash", "-c",
                "PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1); su postgres -c \"$PGBIN/pg_ctl -D "
                + dir.resolve("pgdata") + " -m fast stop\"");
    }

    /**
     * Runs a command with the peer's scripts as working folder and its output appended to {@code peer.log} in the
     * peer's folder (stdout is the bench's table).
     */
    private static int run(Path scripts, Path dir, Map<String, String> env, long timeoutMillis, String... command) {
        try {
            Files.createDirectories(dir);
            ProcessBuilder builder = new ProcessBuilder(command).directory(scripts.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("peer.log").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in time");
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
