package app.alongside.bench;

import app.alongside.fixtures.Console;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.TestServer;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Live messaging under load: {@code subscriptions} WebSocket connections (graphql-transport-ws, an advocate's
 * console session each) subscribe to {@code messageAdded} on {@code threads} threads, then messages are sent over
 * HTTP at {@code rate} a second for {@code seconds}, open loop. It prints the time from starting a send to each
 * subscriber having the event (p50/p99, nearest rank), how many events were lost or duplicated and the CPU each
 * process used. {@code --stores} says where the server runs: the packaged jar in its own process on the embedded
 * default store ({@code default}) or on a memory store in a process of its own ({@code memory}), or the App in
 * this JVM ({@code in-process}, the smoke test's).
 */
public final class MessagingBench {
    static final String DEFAULT = PackagedServer.DEFAULT;
    static final String MEMORY = PackagedServer.MEMORY;
    static final String IN_PROCESS = "in-process";
    /** Bodies: the counted messages', and the warm-up's (delivered, not counted). */
    private static final String COUNTED = "bench ";
    private static final String WARMUP = "warm-up ";
    private static final Jsonb JSON = JsonbBuilder.create();
    private static final String SEND = """
            mutation($input: SendMessageInput!) { sendMessage(input: $input) { message { sequence }
              userErrors { code } } }""";
    private static final String OPEN = """
            mutation($input: OpenThreadInput!) { openThread(input: $input) { thread { id } userErrors { code } } }""";
    private static final String SUBSCRIBE = "subscription($t: ID!) { messageAdded(threadId: $t) { sequence body } }";

    /** What to run: the same rate is sent for {@code warmup} first, delivered but not counted. */
    public record Options(int subscriptions, int threads, int rate, Duration duration, Duration warmup) {
    }

    /** What happened, and where. Latencies in milliseconds; CPU a line per process. */
    public record Result(String where, long sent, long sendErrors, long expected, long delivered, long lost,
                         long duplicated, long subscriptionErrors, double p50Millis, double p99Millis,
                         double maxMillis, List<String> cpu) {
    }

    private MessagingBench() {
    }

    public static void main(String[] args) {
        Logger.getLogger("").setLevel(Level.WARNING);
        Map<String, String> given = new java.util.HashMap<>();
        for (String arg : args) {
            String[] parts = arg.replaceFirst("^--", "").split("=", 2);
            given.put(parts[0], parts[1]);
        }
        int subscriptions = Integer.parseInt(given.getOrDefault("subscriptions", "1000"));
        Options options = new Options(subscriptions, Integer.parseInt(given.getOrDefault("threads",
                String.valueOf(subscriptions))), Integer.parseInt(given.getOrDefault("rate", "200")),
                Duration.ofMillis((long) (Double.parseDouble(given.getOrDefault("seconds", "10")) * 1000)),
                Duration.ofMillis((long) (Double.parseDouble(given.getOrDefault("warmup", "20")) * 1000)));
        boolean failed = false;
        for (String store : given.getOrDefault("stores", DEFAULT + "," + MEMORY).split(",")) {
            Result result = switch (store.trim()) {
                case IN_PROCESS -> run(options, System.err::println);
                case DEFAULT, MEMORY -> packaged(store.trim(), options, System.err::println);
                default -> throw new IllegalArgumentException("--stores takes " + DEFAULT + ", " + MEMORY + " or "
                        + IN_PROCESS + ": " + store);
            };
            System.out.println(report(options, result));
            System.out.println();
            failed |= result.lost() > 0 || result.duplicated() > 0 || result.sendErrors() > 0;
        }
        if (failed) {
            System.exit(1);
        }
    }

    static String report(Options options, Result r) {
        return String.format(Locale.ROOT, """
                Alongside messaging bench: %s; %d subscriptions on %d threads, %d messages/s over HTTP for %.1f s \
                after %.1f s of warm-up, Java %s, %d cores, loopback
                sent %d (send errors %d); deliveries expected %d, delivered %d, lost %d, duplicated %d, \
                subscriptions ended %d
                send -> delivery p50 %.2f ms, p99 %.2f ms, max %.2f ms (target: p99 < 50 ms, zero lost)
                CPU while sending: %s; 1-minute load average %.2f""",
                r.where(), options.subscriptions(), options.threads(), options.rate(),
                options.duration().toMillis() / 1000.0, options.warmup().toMillis() / 1000.0, Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                r.sent(), r.sendErrors(), r.expected(), r.delivered(), r.lost(), r.duplicated(),
                r.subscriptionErrors(), r.p50Millis(), r.p99Millis(), r.maxMillis(), r.cpu().isEmpty() ? "-"
                        : String.join(", ", r.cpu()), ChildProcess.loadAverage());
    }

    /** The packaged server in its own process on {@code store} ({@link PackagedServer}). */
    static Result packaged(String store, Options options, Consumer<String> progress) {
        progress.accept("starting the packaged server on the " + store + " store");
        try (PackagedServer server = PackagedServer.start(store, "messaging-bench",
                Map.of("RATE_LIMIT_GRAPHQL_PER_MINUTE", "1000000"))) {
            Map<String, Long> pids = new LinkedHashMap<>(server.pids());
            pids.put("bench", ProcessHandle.current().pid());
            return load(options, server.base(), server.description(), pids, progress);
        }
    }

    /** The App in this JVM on an in-memory store (the smoke test's): no process boundary, nothing durable. */
    static Result run(Options options, Consumer<String> progress) {
        try (TestServer server = TestServer.start(Map.of("RATE_LIMIT_GRAPHQL_PER_MINUTE", "1000000")).ready()) {
            return load(options, server.baseUrl(), "the App in the bench's JVM, in-memory store",
                    Map.of("bench", ProcessHandle.current().pid()), progress);
        }
    }

    private static Result load(Options options, String baseUrl, String where, Map<String, Long> pids,
                               Consumer<String> progress) {
        Platform platform = new Platform(new Http(baseUrl));
        Console advocate = platform.as("advocate");
        progress.accept("opening " + options.threads() + " threads");
        List<String> threads = new ArrayList<>();
        for (int i = 0; i < options.threads(); i++) {
            threads.add(openThread(platform, advocate));
        }
        Deliveries deliveries = new Deliveries();
        progress.accept("opening " + options.subscriptions() + " subscriptions");
        List<WebSocket> sockets = new ArrayList<>();
        HttpClient client = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        for (int s = 0; s < options.subscriptions(); s++) {
            sockets.add(subscribe(client, baseUrl, advocate, threads.get(s % threads.size()), s, deliveries));
        }
        pause(Duration.ofSeconds(2));
        if (!options.warmup().isZero()) {
            progress.accept("warming up: " + options.rate() + " messages/s for " + options.warmup().toSeconds()
                    + " s, not counted");
            send(WARMUP, options.rate(), options.warmup(), advocate, threads, new Deliveries());
            pause(Duration.ofSeconds(2));
        }
        progress.accept("sending " + options.rate() + " messages/s for " + options.duration().toSeconds() + " s");
        Map<String, Double> cpuBefore = cpuSeconds(pids);
        long started = System.nanoTime();
        long sent = send(COUNTED, options.rate(), options.duration(), advocate, threads, deliveries);
        long expected = 0;
        for (int n = 0; n < sent; n++) {
            expected += subscribersOf(n % threads.size(), options.subscriptions(), threads.size());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (deliveries.unique.size() < expected && System.nanoTime() < deadline) {
            pause(Duration.ofMillis(50));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Double> cpuAfter = cpuSeconds(pids);
        List<String> cpu = new ArrayList<>();
        cpuAfter.forEach((name, after) -> {
            double used = after - cpuBefore.getOrDefault(name, after);
            cpu.add(String.format(Locale.ROOT, "%s %.2f cores, %.2f ms a message", name, used / seconds,
                    sent == 0 ? 0 : used * 1000 / sent));
        });
        sockets.forEach(WebSocket::abort);
        long[] latencies = deliveries.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long delivered = deliveries.unique.size();
        return new Result(where, sent, deliveries.sendErrors.get(), expected, delivered, expected - delivered,
                deliveries.received.get() - delivered, deliveries.ended.get(), percentile(latencies, 0.5),
                percentile(latencies, 0.99), latencies.length == 0 ? Double.NaN
                : latencies[latencies.length - 1] / 1e6, cpu);
    }

    /** CPU seconds (user + system) of each process so far; a process that cannot be read is left out. */
    private static Map<String, Double> cpuSeconds(Map<String, Long> pids) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            double used = ChildProcess.cpuSeconds(pid);
            if (!Double.isNaN(used)) {
                seconds.put(name, used);
            }
        });
        return seconds;
    }

    private static int subscribersOf(int thread, int subscriptions, int threads) {
        return subscriptions / threads + (thread < subscriptions % threads ? 1 : 0);
    }

    private static String openThread(Platform platform, Console advocate) {
        String[] invite = platform.invite("Bench");
        Reply opened = advocate.graphql(OPEN, Ops.input(Map.of("youngPersonId", invite[0], "subject", "Bench")));
        String id = Ops.at(opened, "openThread", "thread", "id");
        if (id == null) {
            throw new IllegalStateException("could not open a thread: " + opened.body());
        }
        return id;
    }

    /** Open loop: a send starts every 1/rate seconds on its own virtual thread, however long earlier ones take. */
    private static long send(String prefix, int rate, Duration duration, Console advocate, List<String> threads,
                             Deliveries deliveries) {
        long interval = 1_000_000_000L / rate;
        long total = duration.toNanos() / interval;
        long start = System.nanoTime();
        try (var senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int n = 0; n < total; n++) {
                long due = start + n * interval;
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                int message = n;
                senders.submit(() -> {
                    deliveries.sentAt.put(message, System.nanoTime());
                    Reply reply = advocate.graphql(SEND, Ops.input(Map.of("threadId",
                            threads.get(message % threads.size()), "body", prefix + message,
                            "clientMessageId", prefix.trim() + "-" + message)));
                    if (reply.status() != 200 || !reply.errors().isEmpty()
                            || !Ops.<List<?>>at(reply, "sendMessage", "userErrors").isEmpty()) {
                        deliveries.sendErrors.incrementAndGet();
                    }
                });
            }
        }
        return total;
    }

    private static WebSocket subscribe(HttpClient client, String baseUrl, Console advocate, String thread, int id,
                                       Deliveries deliveries) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        WebSocket socket = client.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .header("Cookie", advocate.cookie())
                .buildAsync(URI.create(baseUrl.replaceFirst("^http", "ws") + "/graphql"),
                        new Subscriber(id, deliveries, acknowledged))
                .orTimeout(10, TimeUnit.SECONDS).join();
        socket.sendText(JSON.toJson(Map.of("type", "connection_init", "payload",
                Map.of("csrfToken", advocate.csrf()))), true).join();
        acknowledged.orTimeout(10, TimeUnit.SECONDS).join();
        socket.sendText(JSON.toJson(Map.of("id", "s" + id, "type", "subscribe", "payload", Map.of("query",
                SUBSCRIBE, "variables", Map.of("t", thread)))), true).join();
        return socket;
    }

    /** What the subscribers saw, keyed by subscriber and message number. */
    private static final class Deliveries {
        final Map<Integer, Long> sentAt = new ConcurrentHashMap<>();
        final Set<Long> unique = ConcurrentHashMap.newKeySet();
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        final AtomicLong received = new AtomicLong();
        final AtomicLong ended = new AtomicLong();
        final AtomicLong sendErrors = new AtomicLong();

        void delivered(int subscriber, int message, long at) {
            received.incrementAndGet();
            if (unique.add(((long) subscriber << 32) | message)) {
                Long sent = sentAt.get(message);
                if (sent != null) {
                    latencies.add(at - sent);
                }
            }
        }
    }

    private static final class Subscriber implements WebSocket.Listener {
        private final int id;
        private final Deliveries deliveries;
        private final CompletableFuture<Void> acknowledged;
        private final StringBuilder text = new StringBuilder();

        Subscriber(int id, Deliveries deliveries, CompletableFuture<Void> acknowledged) {
            this.id = id;
            this.deliveries = deliveries;
            this.acknowledged = acknowledged;
        }

        @Override
        @SuppressWarnings("unchecked")
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                long at = System.nanoTime();
                Map<String, Object> message = JSON.fromJson(text.toString(), Map.class);
                text.setLength(0);
                switch (String.valueOf(message.get("type"))) {
                    case "connection_ack" -> acknowledged.complete(null);
                    case "next" -> {
                        Map<String, Object> payload = (Map<String, Object>) message.get("payload");
                        Map<String, Object> event = (Map<String, Object>) ((Map<String, Object>) payload.get("data"))
                                .get("messageAdded");
                        String body = (String) event.get("body");
                        if (body.startsWith(COUNTED)) {
                            deliveries.delivered(id, Integer.parseInt(body.substring(COUNTED.length())), at);
                        }
                    }
                    case "error", "complete" -> deliveries.ended.incrementAndGet();
                    default -> { }
                }
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            acknowledged.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
            return null;
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(rank, 1) - 1] / 1e6;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
