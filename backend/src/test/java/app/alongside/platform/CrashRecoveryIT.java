package app.alongside.platform;

import app.alongside.fixtures.AuthEmulator;
import app.alongside.fixtures.Console;
import app.alongside.fixtures.EmbeddedServer;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.OpportunityOps;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.PackagedServer;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.PushOps;
import app.alongside.fixtures.TestServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The durability promise, tried as it breaks in production: the packaged server in its own process on the embedded
 * store, young people and an advocate writing messages, records, goals, interests and devices as fast as the API
 * answers, then SIGKILL at a random moment and a restart on the same DATA_DIR. Every write the API acknowledged must
 * be there with its content, no acknowledged sequence number may name another message, every list must hold exactly
 * what exists by id (paged to a true end), and a retry of each unanswered write must land exactly once.
 * {@code -Dcrash.trials} and {@code -Dcrash.seed} repeat a run.
 */
class CrashRecoveryIT {
    private static final int TRIALS = Integer.getInteger("crash.trials", 10);
    private static final long SEED = Long.getLong("crash.seed", System.nanoTime());
    private static final String[] NAMES = {"Ada", "Ben", "Cai"};
    private static final int OPPORTUNITIES = 4;
    private static final int DEVICES_EACH = 3;
    private static final int PAGE = 100;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    /** A trial is killed at a random count of acknowledged writes in [MIN_ACKS, MAX_ACKS), plus up to the jitter. */
    private static final int MIN_ACKS = 20;
    private static final int MAX_ACKS = 120;
    private static final int MAX_JITTER_MS = 300;
    private static final Duration MAX_WINDOW = Duration.ofSeconds(5);

    private static final String SEND = """
            mutation($input: SendMessageInput!) { sendMessage(input: $input) {
              message { id body sequence } userErrors { code message } } }""";
    private static final String CREATE_RECORD = """
            mutation($input: CreateRecordInput!) { createRecord(input: $input) {
              record { id notes deletedAt version } userErrors { code message } } }""";
    private static final String UPDATE_RECORD = """
            mutation($input: UpdateRecordInput!) { updateRecord(input: $input) {
              record { id notes deletedAt version } currentRecord { id notes deletedAt version }
              userErrors { code message } } }""";
    private static final String DELETE_RECORD = """
            mutation($input: DeleteRecordInput!) { deleteRecord(input: $input) {
              record { id notes deletedAt version } userErrors { code message } } }""";
    private static final String CREATE_GOAL = """
            mutation($input: CreateGoalInput!) { createGoal(input: $input) {
              goal { id title } userErrors { code message } } }""";
    private static final String EXPRESS_INTEREST = """
            mutation($input: ExpressInterestInput!) { expressInterest(input: $input) {
              interest { id message opportunity { id } } userErrors { code message } } }""";
    private static final String REGISTER_DEVICE = """
            mutation($input: RegisterDeviceInput!) { registerDevice(input: $input) {
              device { id appVersion } userErrors { code message } } }""";
    private static final String MESSAGES = """
            query($threadId: ID!, $first: Int, $after: String) { messages(threadId: $threadId, first: $first,
              after: $after) { edges { node { id body sequence } } pageInfo { hasNextPage endCursor } } }""";
    private static final String RECORDS = """
            query($first: Int, $after: String) { myRecords(includeDeleted: true, first: $first, after: $after) {
              edges { node { id notes deletedAt version } } pageInfo { hasNextPage endCursor } } }""";
    private static final String GOALS = """
            query($first: Int, $after: String) { myGoals(first: $first, after: $after) {
              edges { node { id title } } pageInfo { hasNextPage endCursor } } }""";
    private static final String INTERESTS = """
            query($first: Int, $after: String) { myInterests(first: $first, after: $after) {
              edges { node { id message opportunity { id } } } pageInfo { hasNextPage endCursor } } }""";
    private static final String NODES = """
            query($ids: [ID!]!) { nodes(ids: $ids) { id
              ... on Message { body sequence } ... on Record { notes deletedAt version } ... on Goal { title }
              ... on Interest { message opportunity { id } } } }""";
    private static final Pattern CORRELATION_ID = Pattern.compile("\"correlationId\":\"([^\"]+)\"");
    private static final String MY_THREAD = "query { myAdvocacy { thread { id } } }";

    @TempDir
    Path dir;

    private final List<YoungPerson> people = new ArrayList<>();
    private final List<String> opportunities = new ArrayList<>();
    private final AtomicInteger starts = new AtomicInteger();
    private PackagedServer server;
    private HttpClient client;
    private MongoClient store;
    private volatile Caller advocate;

    /** What a write touches: one kind of object of one young person (for messages, their advocacy thread). */
    private enum Kind { MESSAGE, RECORD, GOAL, INTEREST, DEVICE }

    /**
     * One list the test knows the truth of: key (id, or token for devices) to content, where content is the write's
     * unique marker, a '|' and what else must survive (a sequence number, deleted or live, the opportunity).
     */
    private static final class Scope {
        final Kind kind;
        final YoungPerson owner;
        final Map<String, String> expected = new ConcurrentHashMap<>();
        /** Messages: every sequence number ever acknowledged, and the message it named. */
        final Map<Integer, String> ackedSequences = new ConcurrentHashMap<>();
        /** Records: the version last seen, which updateRecord must send. */
        final Map<String, Integer> versions = new ConcurrentHashMap<>();
        /** Records: the versions the last listing showed. */
        final Map<String, Integer> listedVersions = new ConcurrentHashMap<>();

        Scope(Kind kind, YoungPerson owner) {
            this.kind = kind;
            this.owner = owner;
        }
    }

    /** A signed-in caller: the headers that authenticate its requests. */
    private record Caller(String name, Map<String, String> headers) {
    }

    private static final class YoungPerson {
        final String id;
        final String deviceOwner;
        final Caller caller;
        final String thread;
        final Map<Kind, Scope> scopes = new HashMap<>();

        YoungPerson(PushOps.Person person, String thread) {
            this.id = person.id();
            this.deviceOwner = person.key();
            this.caller = new Caller(person.app().uid(), Map.of("Authorization", "Bearer " + person.app().idToken()));
            this.thread = thread;
            for (Kind kind : Kind.values()) {
                scopes.put(kind, new Scope(kind, this));
            }
        }

        Scope scope(Kind kind) {
            return scopes.get(kind);
        }
    }

    /** What the server acknowledged: the key, the content, and a record's version or a message's sequence. */
    private record Ack(String key, String content, int number) {
    }

    /** A write: its scope, the key it changes (null when it creates), the content it writes, and how to send it. */
    private record Write(Scope scope, String key, String content, Sender sender) {
        String marker() {
            return marker(content);
        }

        static String marker(String content) {
            return content.substring(0, content.indexOf('|'));
        }
    }

    @FunctionalInterface
    private interface Sender {
        /** Sends the write once; the acknowledgement, or an exception when there was none. */
        Ack send() throws Exception;
    }

    /** The figures of one trial. */
    private static final class Figures {
        final Map<Kind, AtomicInteger> acked = counters();
        final AtomicInteger unanswered = new AtomicInteger();
        /** Writes answered with an error before the kill: not acknowledged, so retried like the unanswered. */
        final AtomicInteger refused = new AtomicInteger();
        final List<String> correlationIds = new CopyOnWriteArrayList<>();
        final Map<Kind, AtomicInteger> lost = counters();
        final AtomicInteger reissued = new AtomicInteger();
        final AtomicInteger listMismatches = new AtomicInteger();
        final AtomicInteger retriesNotOnce = new AtomicInteger();
        final List<String> problems = new CopyOnWriteArrayList<>();

        private static Map<Kind, AtomicInteger> counters() {
            Map<Kind, AtomicInteger> map = new LinkedHashMap<>();
            for (Kind kind : Kind.values()) {
                map.put(kind, new AtomicInteger());
            }
            return map;
        }

        static int sum(Map<Kind, AtomicInteger> counters) {
            return counters.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        int failures() {
            return sum(lost) + reissued.get() + listMismatches.get() + retriesNotOnce.get() + refused.get();
        }

        void problem(String text) {
            if (problems.size() < 5) {
                problems.add(text);
            }
        }

        String line(int trial, long killAfter) {
            return "crash trial " + trial + "/" + TRIALS + " (seed " + SEED + ", SIGKILL after " + killAfter
                    + " ms of writes): acked " + sum(acked) + " " + byKind(acked) + ", unanswered " + unanswered
                    + " (of which refused before the kill " + refused + ")"
                    + ", lost " + sum(lost) + " " + byKind(lost) + ", reissued " + reissued
                    + ", list mismatches " + listMismatches + ", retries not landing once " + retriesNotOnce;
        }

        private static String byKind(Map<Kind, AtomicInteger> counters) {
            return counters.entrySet().stream().map(e -> e.getKey().name().toLowerCase() + " " + e.getValue())
                    .collect(Collectors.joining(", ", "(", ")"));
        }
    }

    @Test
    void acknowledgedWritesSurviveSigkillAndUnansweredOnesLandOnceOnRetry() throws Exception {
        System.out.println("crash test: " + TRIALS + " trials, seed " + SEED + " (-Dcrash.seed=" + SEED
                + " repeats the schedule)");
        Random random = new Random(SEED);
        List<String> lines = new ArrayList<>();
        int failures = 0;
        try {
            setUp();
            for (int trial = 1; trial <= TRIALS; trial++) {
                int killAtAcks = MIN_ACKS + random.nextInt(MAX_ACKS - MIN_ACKS);
                long jitter = random.nextInt(MAX_JITTER_MS);
                Figures figures = new Figures();
                long writing = System.nanoTime();
                List<Write> unanswered = writeUntilKilled(trial, killAtAcks, jitter, figures);
                long killAfter = (System.nanoTime() - writing) / 1_000_000;
                String killedLog = server.output();
                long restarted = System.nanoTime();
                startServer();
                long verified = System.nanoTime();
                verify(unanswered, figures);
                String line = figures.line(trial, killAfter) + "; restart " + (verified - restarted) / 1_000_000
                        + " ms, checks " + (System.nanoTime() - verified) / 1_000_000 + " ms";
                System.out.println(line);
                figures.problems.forEach(p -> System.out.println("  e.g. " + p));
                figures.correlationIds.stream().limit(2).forEach(id -> killedLog.lines()
                        .filter(l -> l.contains("correlationId=" + id)).findFirst()
                        .ifPresent(l -> System.out.println("  server log: " + l.substring(0, Math.min(l.length(),
                                2000)))));
                lines.add(line);
                failures += figures.failures();
            }
        } finally {
            if (store != null) {
                store.close();
            }
            if (server != null) {
                server.close();
            }
        }
        assertEquals(0, failures, "acknowledged writes lost or reissued, lists wrong, retries not landing once, or"
                + " writes refused while the server was up:\n"
                + String.join("\n", lines));
    }

    /**
     * The platform, three young people with their advocacy threads and devices' tokens, and approved opportunities,
     * all through the API; then a clean stop and start, so that the trials start from a store known to be whole.
     */
    private void setUp() {
        AuthEmulator.get();
        startServer();
        Http http = new Http(server.baseUrl());
        Platform platform = new Platform(http);
        for (String name : NAMES) {
            PushOps.Person person = PushOps.youngPerson(platform, http, name);
            String thread = Ops.at(person.app().graphql(MY_THREAD), "myAdvocacy", "thread", "id");
            people.add(new YoungPerson(person, thread));
        }
        String closing = LocalDate.now().plusMonths(6).toString();
        for (int i = 0; i < OPPORTUNITIES; i++) {
            Reply created = platform.as("corporate").graphql(OpportunityOps.CREATE,
                    Ops.input(OpportunityOps.job("Crash test job " + i, closing)));
            String id = Ops.at(created, "createOpportunity", "opportunity", "id");
            if (id == null) {
                throw new AssertionError("could not post an opportunity: " + created.body());
            }
            platform.as("corporate").graphql(OpportunityOps.action("submitOpportunity"), Ops.input(Map.of("id", id)));
            Reply approved = platform.admin.graphql(OpportunityOps.action("approveOpportunity"),
                    Ops.input(Map.of("id", id)));
            if (!"APPROVED".equals(Ops.at(approved, "approveOpportunity", "opportunity", "status"))) {
                throw new AssertionError("could not approve an opportunity: " + approved.body());
            }
            opportunities.add(id);
        }
        server.stop();
        startServer();
    }

    private void startServer() {
        Path data = dir.resolve("data");
        Map<String, String> env = new HashMap<>(EmbeddedServer.env(data, AuthEmulator.serverEnv()));
        env.put("BOOTSTRAP_ADMIN_EMAIL", TestServer.ADMIN_EMAIL);
        env.put("BOOTSTRAP_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD);
        env.put("AUTH_SIGN_IN_ATTEMPTS_PER_MINUTE", "10000");
        env.put("RATE_LIMIT_GRAPHQL_PER_MINUTE", "1000000");
        env.put("GRAPHQL_MAX_COST", "100000");
        env.put("PUSH_DISPATCHER_ENABLED", "true");
        if (store != null) {
            store.close();
        }
        server = PackagedServer.start(env, dir.resolve("server-" + starts.getAndIncrement() + ".log"));
        store = MongoClients.create("mongodb://127.0.0.1:" + server.storePort() + "/?serverSelectionTimeoutMS=10000");
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
        if (!people.isEmpty()) {
            Console console = Console.signIn(new Http(server.baseUrl()), "advocate@example.test", Platform.PASSWORD);
            advocate = new Caller("advocate", Map.of("Cookie", console.cookie(), "X-CSRF-Token", console.csrf()));
        }
    }

    /**
     * One writer per young person and one for the advocate, until the server is killed: {@code jitter} ms after
     * {@code killAtAcks} writes were acknowledged (or the longest window passed), so that every trial has writes to
     * lose however fast the machine is, and the kill falls at a random point of a request's life.
     */
    private List<Write> writeUntilKilled(int trial, int killAtAcks, long jitter, Figures figures)
            throws InterruptedException {
        List<Write> unanswered = new CopyOnWriteArrayList<>();
        AtomicBoolean killed = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        for (int i = 0; i <= people.size(); i++) {
            int writer = i;
            Random random = new Random(SEED * 31 + trial * 1000L + writer);
            writers.add(Thread.ofVirtual().start(() -> {
                for (int n = 0; !killed.get(); n++) {
                    String tag = "t" + trial + "w" + writer + "n" + n;
                    Write write = writer == people.size() ? advocateWrite(random, tag) : write(people.get(writer),
                            random, tag);
                    try {
                        acknowledged(write, write.sender().send(), figures);
                    } catch (Exception e) {
                        unanswered.add(write);
                        figures.unanswered.incrementAndGet();
                        if (!killed.get()) {
                            figures.refused.incrementAndGet();
                            figures.problem("refused before the kill: " + e.getMessage());
                            Matcher id = CORRELATION_ID.matcher(String.valueOf(e.getMessage()));
                            if (id.find()) {
                                figures.correlationIds.add(id.group(1));
                            }
                        }
                        return;
                    }
                }
            }));
        }
        long deadline = System.nanoTime() + MAX_WINDOW.toNanos();
        while (Figures.sum(figures.acked) < killAtAcks && System.nanoTime() < deadline
                && writers.stream().anyMatch(Thread::isAlive)) {
            Thread.sleep(5);
        }
        Thread.sleep(jitter);
        killed.set(true);
        server.kill();
        for (Thread writer : writers) {
            if (!writer.join(REQUEST_TIMEOUT.plusSeconds(10))) {
                throw new AssertionError("a writer is stuck after the kill");
            }
        }
        return unanswered;
    }

    private void acknowledged(Write write, Ack ack, Figures figures) {
        Scope scope = write.scope();
        if (!Write.marker(ack.content()).equals(write.marker())) {
            throw new IllegalStateException("the server answered " + ack + " to " + write.content());
        }
        figures.acked.get(scope.kind).incrementAndGet();
        scope.expected.put(ack.key(), ack.content());
        if (scope.kind == Kind.RECORD) {
            scope.versions.put(ack.key(), ack.number());
        }
        if (scope.kind == Kind.MESSAGE) {
            String before = scope.ackedSequences.putIfAbsent(ack.number(), ack.key());
            if (before != null && !before.equals(ack.key())) {
                figures.reissued.incrementAndGet();
                figures.problem("sequence " + ack.number() + " acknowledged for " + before + " and then " + ack.key());
            }
        }
    }

    private Write advocateWrite(Random random, String tag) {
        YoungPerson to = people.get(random.nextInt(people.size()));
        return send(null, to, tag);
    }

    private Write write(YoungPerson me, Random random, String tag) {
        int roll = random.nextInt(100);
        if (roll < 35) {
            return send(me, me, tag);
        }
        if (roll < 75) {
            return recordWrite(me, random, roll, tag);
        }
        if (roll < 85) {
            Scope goals = me.scope(Kind.GOAL);
            String title = "g-" + tag;
            Map<String, Object> input = Ops.input(Map.of("mission", "WORK", "title", title,
                    "clientMutationId", tag));
            return new Write(goals, null, title + "|", () -> {
                Map<String, Object> goal = success(me.caller, CREATE_GOAL, input, "createGoal", "goal");
                return new Ack((String) goal.get("id"), content(Kind.GOAL, goal), -1);
            });
        }
        if (roll < 93) {
            Scope interests = me.scope(Kind.INTEREST);
            String opportunity = opportunities.get(random.nextInt(opportunities.size()));
            String message = "i-" + tag;
            String existing = interests.expected.entrySet().stream()
                    .filter(e -> e.getValue().endsWith("|" + opportunity)).map(Map.Entry::getKey).findFirst()
                    .orElse(null);
            Map<String, Object> input = Ops.input(Map.of("opportunityId", opportunity, "share", List.of(),
                    "message", message));
            return new Write(interests, existing, message + "|" + opportunity, () -> {
                Map<String, Object> interest = success(me.caller, EXPRESS_INTEREST, input, "expressInterest",
                        "interest");
                return new Ack((String) interest.get("id"), content(Kind.INTEREST, interest), -1);
            });
        }
        Scope devices = me.scope(Kind.DEVICE);
        String token = PushOps.token("crash" + me.caller.name().toLowerCase().replaceAll("[^a-z0-9]", "")
                + random.nextInt(DEVICES_EACH));
        String version = "1.0 (" + tag + ")";
        Map<String, Object> input = PushOps.device(token, "ANDROID", Map.of("appVersion", version,
                "clientMutationId", tag));
        return new Write(devices, token, version + "|", () -> {
            Map<String, Object> device = success(me.caller, REGISTER_DEVICE, input, "registerDevice", "device");
            return new Ack(token, device.get("appVersion") + "|", -1);
        });
    }

    /** A message from {@code author} (the advocate when null) in {@code to}'s thread. */
    private Write send(YoungPerson author, YoungPerson to, String tag) {
        String body = "m-" + tag;
        Map<String, Object> input = Ops.input(Map.of("threadId", to.thread, "body", body, "clientMessageId", tag));
        return new Write(to.scope(Kind.MESSAGE), null, body + "|", () -> {
            // The advocate signs in afresh after each restart; a retry goes with the current session.
            Caller sender = author == null ? advocate : author.caller;
            Map<String, Object> message = success(sender, SEND, input, "sendMessage", "message");
            return new Ack((String) message.get("id"), content(Kind.MESSAGE, message), number(message, "sequence"));
        });
    }

    /** Creates, or (when there are live records) sometimes updates or deletes one. */
    private Write recordWrite(YoungPerson me, Random random, int roll, String tag) {
        Scope records = me.scope(Kind.RECORD);
        List<String> live = records.expected.entrySet().stream().filter(e -> e.getValue().endsWith("|live"))
                .map(Map.Entry::getKey).sorted().toList();
        if (roll < 55 || live.isEmpty()) {
            String notes = "r-" + tag;
            Map<String, Object> input = Ops.input(Map.of("details", Map.of("cvItem", Map.of("heading", "Volunteering",
                    "detail", "Food bank")), "notes", notes, "clientMutationId", tag));
            return new Write(records, null, notes + "|live", () -> recordAck(success(me.caller, CREATE_RECORD, input,
                    "createRecord", "record")));
        }
        String id = live.get(random.nextInt(live.size()));
        String notes = Write.marker(records.expected.get(id));
        if (roll < 68) {
            String changed = "u-" + tag;
            Map<String, Object> input = Ops.input(Map.of("id", id, "version", records.versions.get(id),
                    "notes", changed));
            return new Write(records, id, changed + "|live", () -> {
                Reply reply = call(me.caller, UPDATE_RECORD, input);
                Map<String, Object> current = Ops.at(reply, "updateRecord", "currentRecord");
                // A retry of an update that landed meets its own version bump: the record already says it.
                if (current != null && changed.equals(current.get("notes"))) {
                    return recordAck(current);
                }
                return recordAck(payload(reply, "updateRecord", "record"));
            });
        }
        Map<String, Object> input = Ops.input(Map.of("id", id));
        return new Write(records, id, notes + "|deleted", () -> recordAck(success(me.caller, DELETE_RECORD, input,
                "deleteRecord", "record")));
    }

    private static Ack recordAck(Map<String, Object> record) {
        return new Ack((String) record.get("id"), content(Kind.RECORD, record), number(record, "version"));
    }

    /**
     * After the restart: what was acknowledged is there, the lists hold what exists by id, and a retry of each
     * unanswered write lands exactly once; then the test's truth becomes what the server holds.
     */
    private void verify(List<Write> unanswered, Figures figures) throws Exception {
        for (YoungPerson person : people) {
            for (Scope scope : person.scopes.values()) {
                Map<String, String> listed = list(scope);
                compare(scope, listed, unanswered, figures);
            }
        }
        for (Write write : unanswered) {
            try {
                acknowledged(write, write.sender().send(), figures);
            } catch (Exception e) {
                figures.retriesNotOnce.incrementAndGet();
                figures.problem("the retry of " + write.content() + " failed: " + e.getMessage());
            }
        }
        for (YoungPerson person : people) {
            for (Scope scope : person.scopes.values()) {
                Map<String, String> listed = list(scope);
                checkListAgainstIds(scope, listed, figures);
                for (Write write : unanswered) {
                    long landed = listed.values().stream().filter(c -> Write.marker(c).equals(write.marker()))
                            .count();
                    if (write.scope() == scope && landed != 1) {
                        figures.retriesNotOnce.incrementAndGet();
                        figures.problem(write.content() + " is listed " + landed + " times after its retry");
                    }
                }
                if (scope.kind == Kind.MESSAGE) {
                    checkSequences(scope, listed, figures);
                }
                scope.expected.clear();
                scope.expected.putAll(listed);
                if (scope.kind == Kind.RECORD) {
                    scope.versions.clear();
                    scope.versions.putAll(scope.listedVersions);
                }
            }
        }
    }

    /** Counts acknowledged writes missing or changed (unless an unanswered write on the same key explains it). */
    private void compare(Scope scope, Map<String, String> listed, List<Write> unanswered, Figures figures)
            throws Exception {
        Map<String, String> byId = byId(scope, union(scope.expected.keySet(), listed.keySet()));
        for (Map.Entry<String, String> expected : scope.expected.entrySet()) {
            String actual = byId.get(expected.getKey());
            boolean explained = unanswered.stream().anyMatch(w -> w.scope() == scope
                    && expected.getKey().equals(w.key()) && w.content().equals(actual));
            if (!expected.getValue().equals(actual) && !explained) {
                figures.lost.get(scope.kind).incrementAndGet();
                figures.problem(scope.kind + " " + expected.getKey() + " acknowledged as " + expected.getValue()
                        + ", after the restart " + actual);
            }
        }
        mismatches(scope, listed, byId, figures);
    }

    private void checkListAgainstIds(Scope scope, Map<String, String> listed, Figures figures) throws Exception {
        mismatches(scope, listed, byId(scope, union(scope.expected.keySet(), listed.keySet())), figures);
    }

    private static void mismatches(Scope scope, Map<String, String> listed, Map<String, String> byId,
                                   Figures figures) {
        for (String key : union(listed.keySet(), byId.keySet())) {
            if (!Objects.equals(listed.get(key), byId.get(key))) {
                figures.listMismatches.incrementAndGet();
                figures.problem(scope.kind + " " + key + " is listed as " + listed.get(key) + " but by id is "
                        + byId.get(key));
            }
        }
    }

    /** Every sequence number ever acknowledged in the thread still names the message it was acknowledged for. */
    private static void checkSequences(Scope scope, Map<String, String> listed, Figures figures) {
        Map<Integer, String> bySequence = new HashMap<>();
        listed.forEach((id, content) -> {
            int sequence = Integer.parseInt(content.substring(content.indexOf('|') + 1));
            String other = bySequence.put(sequence, id);
            if (other != null) {
                figures.reissued.incrementAndGet();
                figures.problem("sequence " + sequence + " is on both " + other + " and " + id);
            }
        });
        scope.ackedSequences.forEach((sequence, id) -> {
            String now = bySequence.get(sequence);
            if (now != null && !now.equals(id)) {
                figures.reissued.incrementAndGet();
                figures.problem("sequence " + sequence + " was acknowledged for " + id + " and now names " + now);
                scope.ackedSequences.put(sequence, now);
            }
        });
    }

    /** The scope's list as the app pages it, to the end: key to content. */
    private Map<String, String> list(Scope scope) throws Exception {
        YoungPerson owner = scope.owner;
        return switch (scope.kind) {
            case MESSAGE -> pages(owner.caller, MESSAGES, Map.of("threadId", owner.thread), "messages", Kind.MESSAGE,
                    new HashMap<>());
            case RECORD -> pages(owner.caller, RECORDS, Map.of(), "myRecords", Kind.RECORD, scope.listedVersions);
            case GOAL -> pages(owner.caller, GOALS, Map.of(), "myGoals", Kind.GOAL, new HashMap<>());
            case INTEREST -> pages(owner.caller, INTERESTS, Map.of(), "myInterests", Kind.INTEREST, new HashMap<>());
            case DEVICE -> devices(owner);
        };
    }

    /** Pages a list to its end; records' versions go to {@code versions}. */
    private Map<String, String> pages(Caller caller, String query, Map<String, Object> variables, String field,
                                      Kind kind, Map<String, Integer> versions) throws Exception {
        Map<String, String> listed = new LinkedHashMap<>();
        versions.clear();
        String after = null;
        for (int page = 0; page < 10_000; page++) {
            Map<String, Object> vars = new HashMap<>(variables);
            vars.put("first", PAGE);
            if (after != null) {
                vars.put("after", after);
            }
            Reply reply = call(caller, query, vars);
            List<Map<String, Object>> edges = Ops.at(reply, field, "edges");
            if (edges == null) {
                throw new AssertionError("cannot list " + field + ": " + reply.body());
            }
            for (Map<String, Object> edge : edges) {
                @SuppressWarnings("unchecked")
                Map<String, Object> node = (Map<String, Object>) edge.get("node");
                if (listed.put((String) node.get("id"), content(kind, node)) != null) {
                    throw new AssertionError(field + " lists " + node.get("id") + " twice");
                }
                if (node.get("version") != null) {
                    versions.put((String) node.get("id"), number(node, "version"));
                }
            }
            if (!Boolean.TRUE.equals(Ops.at(reply, field, "pageInfo", "hasNextPage"))) {
                return listed;
            }
            after = Ops.at(reply, field, "pageInfo", "endCursor");
        }
        throw new AssertionError(field + " never ends");
    }

    /** What exists by id ({@code nodes}), key to content; devices have no id of their own and come from the store. */
    private Map<String, String> byId(Scope scope, Set<String> ids) throws Exception {
        if (scope.kind == Kind.DEVICE) {
            return devices(scope.owner);
        }
        Map<String, String> found = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += PAGE) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + PAGE));
            Reply reply = call(scope.owner.caller, NODES, Map.of("ids", chunk));
            List<Map<String, Object>> nodes = Ops.at(reply, "nodes");
            if (nodes == null) {
                throw new AssertionError("cannot read nodes: " + reply.body());
            }
            for (Map<String, Object> node : nodes) {
                if (node != null) {
                    found.put((String) node.get("id"), content(scope.kind, node));
                }
            }
        }
        return found;
    }

    /** No query lists a person's devices, so they are read from the embedded store over its wire protocol. */
    private Map<String, String> devices(YoungPerson owner) {
        Map<String, String> devices = new HashMap<>();
        for (Document device : store.getDatabase("alongside").getCollection("devices")
                .find(Filters.eq("owner", owner.deviceOwner))) {
            if (devices.put(device.getString("token"), device.getString("appVersion") + "|") != null) {
                throw new AssertionError("token " + device.getString("token") + " is stored twice");
            }
        }
        return devices;
    }

    private static String content(Kind kind, Map<String, Object> node) {
        return switch (kind) {
            case MESSAGE -> node.get("body") + "|" + number(node, "sequence");
            case RECORD -> node.get("notes") + "|" + (node.get("deletedAt") == null ? "live" : "deleted");
            case GOAL -> node.get("title") + "|";
            case INTEREST -> node.get("message") + "|" + ((Map<?, ?>) node.get("opportunity")).get("id");
            case DEVICE -> node.get("appVersion") + "|";
        };
    }

    private static int number(Map<String, Object> node, String field) {
        return ((Number) node.get(field)).intValue();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** The mutation's {@code entity} when it succeeded; otherwise an exception saying what came back. */
    private Map<String, Object> success(Caller caller, String query, Map<String, Object> variables, String mutation,
                                        String entity) throws IOException, InterruptedException {
        return payload(call(caller, query, variables), mutation, entity);
    }

    private static Map<String, Object> payload(Reply reply, String mutation, String entity) {
        Map<String, Object> data = reply.status() == 200 && reply.errors().isEmpty() ? reply.data() : null;
        Map<String, Object> result = data == null ? null : Ops.at(reply, mutation, entity);
        if (result == null || !Ops.userErrorCodes(reply, mutation).isEmpty()) {
            throw new IllegalStateException(mutation + " answered " + reply.status() + " " + reply.body());
        }
        return result;
    }

    private Reply call(Caller caller, String query, Map<String, Object> variables)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/graphql"))
                .timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                .header("Accept", "application/graphql-response+json")
                .POST(HttpRequest.BodyPublishers.ofString(Http.toJson(Map.of("query", query,
                        "variables", variables))));
        caller.headers().forEach(request::header);
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().map(), response.body());
    }
}
