package app.alongside.bench;

import app.alongside.fixtures.FakeFcm;
import app.alongside.fixtures.TestPushSource;
import app.alongside.platform.Firebase;
import app.alongside.push.DevicePlatform;
import app.alongside.push.FcmSender;
import app.alongside.push.OutgoingPush;
import app.alongside.push.PushSender;
import app.alongside.push.NotificationRepository;
import app.alongside.push.PushCategory;
import com.google.firebase.FirebaseApp;
import com.google.firebase.internal.SdkUtils;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogManager;
import java.util.stream.Collectors;

/**
 * Push fan-out: one reply needing a push to 10,000 people with 10 devices each (100,000 devices), sent by the real
 * App through the real Admin SDK to a local fake FCM. Run 1 measures sends/s and end-to-end time with one
 * instance. Run 2 sends another fan-out, kills the instance ({@code kill -9}) part-way, starts a fresh one and
 * counts what was lost (must be 0) and delivered twice. Exits 1 if anything was lost.
 */
public final class PushFanOut {
    static final String LEASE_SECONDS = "5";
    /** No delivery for this long (expansion included) means something is wrong, not slow. */
    private static final Duration STALLED = Duration.ofMinutes(2);
    private static final int PEOPLE = 10_000;
    private static final int DEVICES_EACH = 10;

    private PushFanOut() {
    }

    public static void main(String[] args) {
        try (InputStream config = PushFanOut.class.getResourceAsStream("/bench-logging.properties")) {
            LogManager.getLogManager().readConfiguration(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String senders = args.length > 0 ? args[0] : "4";
        double killAt = args.length > 1 ? Double.parseDouble(args[1]) : 0.4;
        MongoServer mongo = new MongoServer(new MemoryBackend());
        String uri = mongo.bindAndGetConnectionString();
        int status;
        try (FakeFcm fcm = FakeFcm.startTls().keepBodies(false); FakeFcm clear = FakeFcm.start().keepBodies(false);
             MongoClient client = MongoClients.create(uri)) {
            status = run(client.getDatabase("alongside"), uri, fcm, clear, senders, killAt);
        } catch (RuntimeException e) {
            e.printStackTrace();
            status = 2;
        }
        mongo.shutdownNow();
        System.exit(status);
    }

    private static int run(MongoDatabase db, String uri, FakeFcm fcm, FakeFcm clear, String senders,
                           double killAt) {
        int total = PEOPLE * DEVICES_EACH;
        System.err.println("push bench: seeding " + total + " devices ...");
        seedDevices(db);
        double sdkRate = sdkOnly(fcm, Integer.parseInt(senders));
        Map<String, Long> sdkProtocols = fcm.requestsByProtocol();
        double clearRate = sdkOnly(clear, Integer.parseInt(senders));
        Map<String, Long> clearProtocols = clear.requestsByProtocol();
        fcm.reset();
        Process first = worker(uri, fcm, senders);

        System.err.println("push bench: run 1, one instance, " + total + " sends ...");
        Instant start = Instant.now();
        String need = fanOut(db, 1);
        Instant firstSend = await(fcm, total, Duration.ofMinutes(20));
        Instant end = Instant.now();
        Duration clean = Duration.between(start, end);
        long sentClean = fcm.deliveriesByNotification().size();
        double rate = sentClean / (clean.toNanos() / 1e9);
        double sendRate = sentClean / (Duration.between(firstSend, end).toNanos() / 1e9);
        Map<String, Long> runProtocols = fcm.requestsByProtocol();

        System.err.println("push bench: run 2, killing the instance at " + (int) (killAt * 100) + "% ...");
        fcm.reset();
        Instant start2 = Instant.now();
        fanOut(db, 2);
        await(fcm, (long) (total * killAt), Duration.ofMinutes(20));
        first.destroyForcibly();
        waitFor(first);
        long atKill = fcm.delivered();
        Process second = worker(uri, fcm, senders);
        await(fcm, total, Duration.ofMinutes(20));
        Duration killed = Duration.between(start2, Instant.now());
        // The last batch reaches the fake just before the instance records it: let it finish before stopping it.
        awaitRecorded(db, Duration.ofMinutes(2));
        second.destroyForcibly();
        waitFor(second);

        Map<String, Long> counts = fcm.deliveriesByNotification();
        long expected = db.getCollection(NotificationRepository.COLLECTION).countDocuments(Filters.eq("sequence", 2L));
        long lost = expected - counts.size();
        long duplicates = counts.values().stream().mapToLong(c -> c - 1).sum();
        long unsent = db.getCollection(NotificationRepository.COLLECTION).countDocuments(
                Filters.and(Filters.eq("sequence", 2L), Filters.ne("state", "SENT")));

        System.out.printf(Locale.ROOT, "Alongside push fan-out bench: %,d devices (%,d people x %d), one push each, "
                        + "real Admin SDK %s through its own transport (Apache HttpClient 5) to a local fake FCM "
                        + "(Helidon, TLS, HTTP/2 by ALPN), %s sender(s) of 500, Java %s, %d cores%n%n",
                total, PEOPLE, DEVICES_EACH, SdkUtils.getVersion(), senders, Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "run 0 (SDK and fake only, no store): %,.0f sends/s over TLS %s, "
                + "%,.0f sends/s in the clear %s%n", sdkRate, versions(sdkProtocols), clearRate,
                versions(clearProtocols));
        System.out.printf(Locale.ROOT, "run 1 (one instance): %,d sent in %.1f s end to end = %,.0f sends/s; "
                        + "expansion %.1f s, then sending %,.0f sends/s (target >= 10,000); requests %s%n", sentClean,
                clean.toMillis() / 1000.0, rate, Duration.between(start, firstSend).toMillis() / 1000.0, sendRate,
                versions(runProtocols));
        System.out.printf(Locale.ROOT, "run 2 (kill -9 at %,d sends, restart, lease %s s): %,d notifications, "
                        + "%.1f s end to end, lost %d, duplicates %d, not SENT in the store %d%n", atKill,
                LEASE_SECONDS, expected, killed.toMillis() / 1000.0, lost, duplicates, unsent);
        System.err.println("push bench: need " + need + " done");
        return lost == 0 && unsent == 0 ? 0 : 1;
    }

    /** Requests by HTTP version, as {@code [HTTP/2.0 20,500]}. */
    private static String versions(Map<String, Long> protocols) {
        return new TreeMap<>(protocols).entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "HTTP/%s %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /**
     * The ceiling without the store: {@code senders} threads each calling {@code sendEach} with 500 messages, 20,000
     * in all, through the same SDK set-up as the App's ({@code Firebase.start} with {@code FCM_ENDPOINT}).
     */
    private static double sdkOnly(FakeFcm fcm, int senders) {
        System.err.println("push bench: run 0, the SDK alone ...");
        FirebaseApp app = Firebase.start(fcm.firebase("demo-bench")).orElseThrow();
        try {
            FcmSender sender = new FcmSender(app);
            List<OutgoingPush> batch = new ArrayList<>();
            for (int i = 0; i < PushSender.MAX_BATCH; i++) {
                batch.add(new OutgoingPush("n" + i, "sdk-" + i + ":APA91b" + "x".repeat(140), DevicePlatform.ANDROID,
                        PushCategory.NEW_MESSAGE, Map.of("kind", "message.added", "notificationId", "sdk" + i,
                        "sequence", "1", "threadId", "t", "messageId", "m"), Optional.of("You have a new message"),
                        "thread-t", Duration.ofDays(1), Instant.now().plus(Duration.ofDays(1))));
            }
            sender.send(batch);
            int rounds = 40 / senders;
            long started = System.nanoTime();
            try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < senders; t++) {
                    threads.submit(() -> {
                        for (int r = 0; r < rounds; r++) {
                            sender.send(batch);
                        }
                    });
                }
            }
            return rounds * senders * (double) PushSender.MAX_BATCH / ((System.nanoTime() - started) / 1e9);
        } finally {
            Firebase.stop(app);
        }
    }

    /** Devices in the shape {@code DeviceRepository} writes: registering 100,000 over GraphQL is not the point. */
    private static void seedDevices(MongoDatabase db) {
        Date now = new Date();
        List<Document> batch = new ArrayList<>();
        for (int person = 0; person < PEOPLE; person++) {
            for (int device = 0; device < DEVICES_EACH; device++) {
                String id = person + "-" + device;
                batch.add(new Document("_id", "d" + id).append("token", "bench-" + id + ":APA91b" + "x".repeat(140))
                        .append("owner", owner(person)).append("platform", DevicePlatform.values()[device % 3].name())
                        .append("appId", "org.example.alongside").append("appVersion", "1.0").append("locale", "en-GB")
                        .append("registeredAt", now).append("createdAt", now));
            }
            if (batch.size() >= 10_000) {
                db.getCollection("devices").insertMany(batch);
                batch.clear();
            }
        }
        // New-message pushes are off until a young person turns them on, and quiet hours would hold the pushes
        // back at night; the bench measures sending, so each person has turned the one on and the other off.
        List<Document> preferences = new ArrayList<>();
        for (int person = 0; person < PEOPLE; person++) {
            preferences.add(new Document("_id", owner(person))
                    .append("categories", new Document(PushCategory.NEW_MESSAGE.name(), true))
                    .append("quietHours", new Document("enabled", false).append("start", "22:00")
                            .append("end", "07:00").append("timeZone", "Europe/London"))
                    .append("lockScreen", "GENERIC"));
        }
        db.getCollection("pushPreferences").insertMany(preferences);
    }

    private static String owner(int person) {
        return "yp:bench" + person;
    }

    /** One reply that every person needs a push about, written with its push need as a domain would. */
    private static String fanOut(MongoDatabase db, long sequence) {
        Document[] intents = new Document[PEOPLE];
        for (int person = 0; person < PEOPLE; person++) {
            intents[person] = TestPushSource.intent(owner(person), PushCategory.NEW_MESSAGE, "message.added",
                    Map.of("threadId", "t" + sequence, "messageId", "m" + sequence), "thread-t" + sequence, sequence);
        }
        return TestPushSource.need(db, Instant.now(), intents);
    }

    private static Process worker(String uri, FakeFcm fcm, String senders) {
        String java = ProcessHandle.current().info().command().orElse("java");
        try {
            Process process = new ProcessBuilder(java, "-Dio.netty.noUnsafe=true", "-cp",
                    System.getProperty("java.class.path"), PushWorker.class.getName(), uri, fcm.endpoint(), senders,
                    fcm.certificate().orElseThrow().toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> readyLine(process));
            if (!ready.get(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("push worker did not start");
            }
            return process;
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot start a push worker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean readyLine(Process process) {
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null) {
                if (line.equals("READY")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until {@code distinct} notifications arrived; answers when the first one did. */
    private static Instant await(FakeFcm fcm, long distinct, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = 0;
        Instant first = null;
        long seen = 0;
        long progressed = System.nanoTime();
        while (fcm.deliveriesByNotificationCount() < distinct) {
            if (first == null && fcm.deliveriesByNotificationCount() > 0) {
                first = Instant.now();
            }
            long now = fcm.deliveriesByNotificationCount();
            if (now != seen) {
                seen = now;
                progressed = System.nanoTime();
            }
            if (System.nanoTime() > deadline || System.nanoTime() - progressed > STALLED.toNanos()) {
                throw new IllegalStateException("only " + now + " of " + distinct + " notifications arrived ("
                        + (System.nanoTime() > deadline ? "in " + timeout : "none for " + STALLED) + ")");
            }
            if (now / 10_000 != last / 10_000) {
                System.err.println("push bench: " + now + " delivered");
                last = now;
            }
            sleep(20);
        }
        return first == null ? Instant.now() : first;
    }

    private static void awaitRecorded(MongoDatabase db, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && db.getCollection(NotificationRepository.COLLECTION).countDocuments(
                Filters.and(Filters.eq("sequence", 2L), Filters.ne("state", "SENT"))) > 0) {
            sleep(100);
        }
    }

    private static void waitFor(Process process) {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
