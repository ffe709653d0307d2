package app.alongside.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A process {@link StoreBench} starts (the packaged server, the memory store), with a clean environment (only
 * what is given, plus {@code PATH} and {@code HOME}) and its output in a file, so no pipe can fill up and nothing
 * from the caller's shell (a stray {@code MONGODB_URI}) changes what is measured. Stopped with SIGTERM, as an
 * operator stops the server. Any still running when the bench's JVM exits (an error, a SIGTERM) are killed then.
 */
final class ChildProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "child-processes"));
    }

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ChildProcess start(String name, List<String> command, Map<String, String> env, Path dir, Path log) {
        try {
            Files.createDirectories(dir);
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Map<String, String> environment = builder.environment();
            environment.keySet().retainAll(List.of("PATH", "HOME"));
            environment.putAll(env);
            Process process = builder.start();
            LIVE.add(process);
            return new ChildProcess(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Waits until {@code url} answers 200 (the server's health: the store schema applied). */
    ChildProcess awaitHttp(String url, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
        awaitUntil(timeout, () -> {
            try {
                return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return this;
    }

    /** Waits until something accepts connections on 127.0.0.1:{@code port}. */
    ChildProcess awaitPort(int port, Duration timeout) {
        awaitUntil(timeout, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return this;
    }

    private interface Check {
        boolean passes() throws InterruptedException;
    }

    private void awaitUntil(Duration timeout, Check check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!check.passes()) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds()
                            + " s; see " + log);
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** USER_HZ: /proc/<pid>/stat counts CPU time in ticks of 1/100 s. */
    static final double TICKS_PER_SECOND = 100;

    /** The fields of /proc/<pid>/stat after the command name (state first), or null when it is gone. */
    static String[] procStat(Path process) {
        try {
            String text = Files.readString(process.resolve("stat"));
            return text.substring(text.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** User + system CPU seconds of process {@code pid} so far, or NaN when it cannot be read (gone, not Linux). */
    static double cpuSeconds(long pid) {
        String[] stat = procStat(Path.of("/proc", String.valueOf(pid)));
        return stat == null ? Double.NaN : (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / TICKS_PER_SECOND;
    }

    /** The 1-minute load average now, or NaN off Linux. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** A port nothing listens on now, for the next process to bind. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, then up to a minute for a clean stop (the H2 store writes its file on close), then SIGKILL. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(name + " did not stop within 60 s of SIGTERM; killed. See " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            LIVE.remove(process);
        }
    }

    /**
     * The pid of the process listening on 127.0.0.1:{@code port} (the Auth emulator), from /proc: the socket's
     * inode in /proc/net/tcp, then the process holding it. Empty when it cannot be told (another user's process).
     */
    static OptionalLong listeningPid(int port) {
        String local = String.format(Locale.ROOT, ":%04X", port);
        try (Stream<String> lines = Stream.concat(Files.lines(Path.of("/proc/net/tcp")),
                Files.lines(Path.of("/proc/net/tcp6")))) {
            Optional<String> inode = lines.map(String::trim).map(l -> l.split("\\s+"))
                    .filter(f -> f.length > 9 && f[1].endsWith(local) && f[3].equals("0A")).map(f -> f[9])
                    .findFirst();
            if (inode.isEmpty()) {
                return OptionalLong.empty();
            }
            String socket = "socket:[" + inode.get() + "]";
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                        .filter(p -> holds(p, socket)).mapToLong(p -> Long.parseLong(p.getFileName().toString()))
                        .findFirst();
            }
        } catch (IOException | UncheckedIOException e) {
            return OptionalLong.empty();
        }
    }

    private static boolean holds(Path process, String socket) {
        try (Stream<Path> fds = Files.list(process.resolve("fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals(socket);
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }
}
