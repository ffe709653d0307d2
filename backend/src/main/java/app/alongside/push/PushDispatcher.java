package app.alongside.push;

import app.alongside.platform.Ids;
import app.alongside.platform.PersistedQueries;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The durable push pipeline, safe to run on every instance.
 * <ol>
 * <li>Expansion: claims a source document whose push need is due ({@code push.state PENDING}) with a lease
 * ({@code findOneAndUpdate}), turns its intents into {@code notifications} (one per recipient device, with
 * preferences and quiet hours applied; ids derived from the intent so a second expansion adds nothing), then
 * marks the need {@code QUEUED}.</li>
 * <li>Sending: claims due notifications in batches with a lease, sends them through the {@link PushSender} and
 * records each outcome by FCM's rules. A worker that dies leaves its lease to expire; another sends the batch
 * again, so at worst one batch is delivered twice and nothing is lost.</li>
 * </ol>
 * Without a sender (no Firebase credentials) expansion still runs and notifications stay pending.
 */
public final class PushDispatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PushDispatcher.class.getName());
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");
    private static final Pattern DATA_KEY = Pattern.compile("[a-z][A-Za-z0-9]{0,39}");
    /** Data values are ids and numbers, never content or names. */
    private static final Pattern DATA_VALUE = Pattern.compile("[A-Za-z0-9_:.\\-]{1,200}");
    private static final Pattern COLLAPSE_KEY = Pattern.compile("[A-Za-z0-9_:.\\-]{1,64}");
    private static final Set<String> RESERVED = Set.of("kind", "notificationId", "sequence", "category", "from",
            "notification", "message_type", "collapse_key");
    private static final int MAX_SOURCE_CLAIMS_PER_ROUND = 1000;

    /** How the dispatcher runs: the poll interval, lease length, batch size, retries and parallel senders. */
    public record Settings(Duration pollInterval, Duration lease, int batchSize, int maxAttempts, int senders,
                           boolean background) {
    }

    private final MongoDatabase db;
    private final List<PushSource> sources;
    private final NotificationRepository notifications;
    private final DeviceRepository devices;
    private final PreferencesRepository preferences;
    private final Optional<PushSender> sender;
    private final PushMetrics metrics;
    private final Clock clock;
    private final Settings settings;
    private final FcmOutcomes outcomes;
    private final String owner = "dispatcher-" + Ids.random();
    private volatile boolean closed;
    private Thread loop;

    public PushDispatcher(MongoDatabase db, List<PushSource> sources, NotificationRepository notifications,
                          DeviceRepository devices, PreferencesRepository preferences, Optional<PushSender> sender,
                          PushMetrics metrics, Clock clock, Settings settings) {
        this.db = db;
        this.sources = List.copyOf(sources);
        this.notifications = notifications;
        this.devices = devices;
        this.preferences = preferences;
        this.sender = sender;
        this.metrics = metrics;
        this.clock = clock;
        this.settings = settings;
        this.outcomes = new FcmOutcomes(devices, metrics, settings.maxAttempts());
    }

    public boolean canSend() {
        return sender.isPresent();
    }

    /** Starts the background loop on a virtual thread, unless the settings say this instance does not dispatch. */
    public synchronized void start() {
        if (settings.background() && !closed && loop == null) {
            loop = Thread.ofVirtual().name("push-dispatcher").start(this::run);
        }
    }

    private void run() {
        while (!closed) {
            boolean busy = false;
            try {
                busy = runOnce() > 0;
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "push dispatch round failed; retrying after the poll interval", e);
                }
            }
            if (!busy && !sleep(settings.pollInterval())) {
                return;
            }
        }
    }

    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One round: expands every due need, then sends every due notification; answers how much it did. */
    public int runOnce() {
        return expandDue() + sendDue();
    }

    // ---- stage 1: expansion -------------------------------------------------------------------------------

    /** Claims and expands due push needs of every source; answers how many source documents it expanded. */
    public int expandDue() {
        int expanded = 0;
        for (PushSource source : sources) {
            Document claimed;
            while (!closed && expanded < MAX_SOURCE_CLAIMS_PER_ROUND && (claimed = claimSource(source)) != null) {
                expand(source, claimed);
                expanded++;
            }
        }
        return expanded;
    }

    /** Leases one due document of {@code source}, or null when none is due and free. */
    public Document claimSource(PushSource source) {
        Instant now = clock.instant();
        Date at = Date.from(now);
        String field = PushOutbox.FIELD;
        Bson due = Filters.and(Filters.eq(field + ".state", PushOutbox.PENDING), Filters.lte(field + ".dueAt", at),
                Filters.or(Filters.eq(field + ".leaseUntil", null), Filters.lte(field + ".leaseUntil", at)));
        return db.getCollection(source.collection()).findOneAndUpdate(due,
                Updates.combine(Updates.set(field + ".leaseOwner", owner),
                        Updates.set(field + ".leaseUntil", Date.from(now.plus(settings.lease())))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    }

    /** Turns one claimed document's intents into notifications, then marks its need queued. */
    public void expand(PushSource source, Document document) {
        List<PushIntent> intents = source.intents(document);
        Instant now = clock.instant();
        Set<String> recipients = new LinkedHashSet<>();
        intents.forEach(intent -> recipients.add(intent.recipient()));
        Map<String, NotificationPreferences> prefs = recipients.isEmpty() ? Map.of() : preferences.of(recipients);
        Map<String, List<Device>> byOwner = new HashMap<>();
        if (!recipients.isEmpty()) {
            devices.ofOwners(recipients)
                    .forEach(d -> byOwner.computeIfAbsent(d.owner(), k -> new ArrayList<>()).add(d));
        }
        Caps caps = caps(source, document, intents, prefs, byOwner, now);
        Object need = document.get(PushOutbox.FIELD, Document.class).get("need");
        String origin = source.collection() + "\n" + document.get("_id") + (need == null ? "" : "\n" + need);
        List<Document> created = new ArrayList<>();
        for (int i = 0; i < intents.size(); i++) {
            PushIntent intent = intents.get(i);
            String base = origin + "\n" + i + "\n" + intent.recipient();
            created.addAll(notificationsFor(base, source, document, intent, prefs.get(intent.recipient()),
                    byOwner.getOrDefault(intent.recipient(), List.of()), caps, now));
        }
        assignSendGroups(origin, created);
        Set<String> inserted = notifications.insertNew(created);
        created.stream().filter(d -> inserted.contains(d.getString("_id")))
                .filter(d -> PushNotification.State.DROPPED.name().equals(d.getString("state")))
                .forEach(d -> metrics.count("dropped", d.getString("reason"), 1));
        db.getCollection(source.collection()).updateOne(
                Filters.and(Filters.eq("_id", document.get("_id")),
                        Filters.eq(PushOutbox.FIELD + ".leaseOwner", owner)),
                Updates.combine(Updates.set(PushOutbox.FIELD + ".state", PushOutbox.QUEUED),
                        Updates.set(PushOutbox.FIELD + ".queuedAt", Date.from(now)),
                        Updates.unset(PushOutbox.FIELD + ".leaseOwner"),
                        Updates.unset(PushOutbox.FIELD + ".leaseUntil")));
    }

    /** Pending notifications of one expansion are sent in groups of at most a batch: see the repository's claim. */
    private void assignSendGroups(String origin, List<Document> created) {
        String prefix = PersistedQueries.sha256(origin).substring(0, 22);
        int size = Math.min(settings.batchSize(), PushSender.MAX_BATCH);
        int pending = 0;
        for (Document doc : created) {
            if (PushNotification.State.PENDING.name().equals(doc.getString("state"))) {
                doc.append("batch", prefix + ":" + pending++ / size);
            }
        }
    }

    private List<Document> notificationsFor(String base, PushSource source, Document document, PushIntent intent,
                                            NotificationPreferences prefs, List<Device> recipientDevices,
                                            Caps caps, Instant now) {
        Optional<String> invalid = invalid(intent);
        if (invalid.isPresent()) {
            LOG.warning("push intent of " + source.collection() + " " + document.get("_id") + " dropped: "
                    + invalid.get());
            return List.of(dropped(base, source, document, intent, now, "INVALID_INTENT"));
        }
        if (!prefs.allows(intent.category())) {
            return List.of(dropped(base, source, document, intent, now, "CATEGORY_OFF"));
        }
        if (recipientDevices.isEmpty()) {
            return List.of(dropped(base, source, document, intent, now, "NO_DEVICE"));
        }
        if (!caps.admit(intent)) {
            return List.of(dropped(base, source, document, intent, now, "WEEKLY_CAP"));
        }
        Instant due = intent.category().ignoresQuietHours() ? now
                : prefs.quietHours().endOfQuietPeriod(now).orElse(now);
        List<Document> created = new ArrayList<>();
        for (Device device : recipientDevices) {
            created.add(notification(base + "\n" + device.id(), source, document, intent, now)
                    .append("state", PushNotification.State.PENDING.name()).append("dueAt", Date.from(due))
                    .append("deviceId", device.id()).append("token", device.token())
                    .append("platform", device.platform().name()).append("lockScreen", prefs.lockScreen().name())
                    // Its time to live runs from when it may first be sent, so quiet hours do not eat into it.
                    .append("expiresAt", Date.from(due.plus(intent.category().ttl()))));
        }
        return created;
    }

    /**
     * What each recipient of a capped category has had in the cap's window, read once per expansion. A source
     * already counted for someone is this one expanded again after a crash: it is admitted, and the notification
     * ids, derived from the source, make sure nothing is sent twice. Two instances expanding two different
     * sources for one person at the same moment could each admit a push over the cap; one dispatcher loop per
     * instance expands sources one at a time, so this needs two approvals at once and costs at most one push.
     */
    private Caps caps(PushSource source, Document document, List<PushIntent> intents,
                      Map<String, NotificationPreferences> prefs, Map<String, List<Device>> byOwner, Instant now) {
        Map<PushCategory, Set<String>> capped = new HashMap<>();
        for (PushIntent intent : intents) {
            if (intent.category() != null && intent.category().weeklyCap().isPresent()
                    && byOwner.containsKey(intent.recipient())
                    && prefs.get(intent.recipient()).allows(intent.category())) {
                capped.computeIfAbsent(intent.category(), k -> new LinkedHashSet<>()).add(intent.recipient());
            }
        }
        Map<PushCategory, Map<String, Set<String>>> counted = new HashMap<>();
        capped.forEach((category, people) -> counted.put(category,
                notifications.recentSources(people, category, now.minus(PushCategory.CAP_WINDOW))));
        return new Caps(NotificationRepository.sourceKey(source.collection(), document.get("_id")), counted);
    }

    /** Admits a capped push while its recipient is under the cap, counting what it admits. */
    private record Caps(String sourceKey, Map<PushCategory, Map<String, Set<String>>> counted) {
        boolean admit(PushIntent intent) {
            if (intent.category().weeklyCap().isEmpty()) {
                return true;
            }
            Set<String> had = counted.computeIfAbsent(intent.category(), k -> new HashMap<>())
                    .computeIfAbsent(intent.recipient(), k -> new HashSet<>());
            if (had.contains(sourceKey)) {
                return true;
            }
            if (had.size() >= intent.category().weeklyCap().getAsInt()) {
                return false;
            }
            had.add(sourceKey);
            return true;
        }
    }

    private static Optional<String> invalid(PushIntent intent) {
        if (intent.recipient() == null || !(intent.recipient().startsWith("yp:")
                || intent.recipient().startsWith("staff:"))) {
            return Optional.of("recipient is not a young person's or staff member's key");
        }
        if (intent.category() == null || intent.kind() == null || !KIND.matcher(intent.kind()).matches()) {
            return Optional.of("kind must look like message.added");
        }
        if (intent.collapseKey() == null || !COLLAPSE_KEY.matcher(intent.collapseKey()).matches()) {
            return Optional.of("collapse key must be 1-64 id characters");
        }
        Map<String, String> data = intent.data() == null ? Map.of() : intent.data();
        for (var entry : data.entrySet()) {
            String key = entry.getKey();
            if (!DATA_KEY.matcher(key).matches() || RESERVED.contains(key) || key.startsWith("google")
                    || key.startsWith("gcm")) {
                return Optional.of("data key '" + key + "' is reserved or malformed");
            }
            if (entry.getValue() == null || !DATA_VALUE.matcher(entry.getValue()).matches()) {
                return Optional.of("data value of '" + key + "' is not an id");
            }
        }
        return Optional.empty();
    }

    private Document dropped(String base, PushSource source, Document document, PushIntent intent, Instant now,
                             String reason) {
        return notification(base, source, document, intent, now)
                .append("state", PushNotification.State.DROPPED.name()).append("reason", reason);
    }

    private static Document notification(String key, PushSource source, Document document, PushIntent intent,
                                         Instant now) {
        Document data = new Document();
        if (intent.data() != null) {
            new java.util.TreeMap<>(intent.data()).forEach(data::append);
        }
        return new Document("_id", PersistedQueries.sha256(key).substring(0, 43))
                .append("sourceCollection", source.collection()).append("sourceId", document.get("_id"))
                .append("recipient", intent.recipient())
                .append("category", intent.category() == null ? PushCategory.NEW_MESSAGE.name()
                        : intent.category().name())
                .append("kind", String.valueOf(intent.kind())).append("data", data)
                .append("collapseKey", intent.collapseKey()).append("sequence", intent.sequence())
                .append("attempts", 0).append("createdAt", Date.from(now)).append("updatedAt", Date.from(now));
    }

    // ---- stage 2: sending ---------------------------------------------------------------------------------

    /** Sends due notifications in batches with {@code senders} workers until none is due; answers how many. */
    public int sendDue() {
        if (sender.isEmpty() || paused()) {
            return 0;
        }
        if (settings.senders() == 1) {
            return drain();
        }
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> running = new ArrayList<>();
            for (int i = 0; i < settings.senders(); i++) {
                running.add(workers.submit(this::drain));
            }
            int sent = 0;
            for (Future<Integer> worker : running) {
                sent += join(worker);
            }
            return sent;
        }
    }

    private static int join(Future<Integer> worker) {
        try {
            return worker.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("push sender worker failed", e.getCause());
        }
    }

    private boolean paused() {
        return outcomes.paused(clock.instant());
    }

    private int drain() {
        int total = 0;
        int batch;
        while (!closed && !paused() && (batch = sendBatch()) > 0) {
            total += batch;
        }
        return total;
    }

    /** Claims one batch of due notifications, sends it and records the outcomes; answers the batch size. */
    public int sendBatch() {
        Instant now = clock.instant();
        NotificationRepository.Claimed batch = notifications.claim(owner, now, now.plus(settings.lease()));
        if (batch.documents().isEmpty()) {
            return 0;
        }
        Map<String, Device> current = devices.byTokens(batch.documents().stream().map(d -> d.getString("token"))
                .toList());
        List<NotificationRepository.Outcome> recorded = new ArrayList<>();
        List<Document> sending = new ArrayList<>();
        List<OutgoingPush> pushes = new ArrayList<>();
        for (Document doc : batch.documents()) {
            Device device = current.get(doc.getString("token"));
            if (device == null || !device.owner().equals(doc.getString("recipient"))) {
                // The app unregistered, FCM dropped the token, or it moved to another account: never send there.
                recorded.add(outcomes.drop(doc, device == null ? "DEVICE_GONE" : "DEVICE_REBOUND", now));
                continue;
            }
            if (!doc.getDate("expiresAt").toInstant().isAfter(now)) {
                // Its time to live ran out while it waited (retries, a pause, no credentials): FCM would not
                // deliver it now, and a reminder days late helps nobody.
                recorded.add(outcomes.drop(doc, "EXPIRED", now));
                continue;
            }
            OutgoingPush push = outgoing(doc, device, now);
            if (push.payloadBytes() >= OutgoingPush.MAX_PAYLOAD_BYTES) {
                LOG.warning("push " + doc.getString("_id") + " dropped: payload of " + push.payloadBytes()
                        + " bytes is over FCM's limit");
                recorded.add(outcomes.drop(doc, "PAYLOAD_TOO_LARGE", now));
                continue;
            }
            sending.add(doc);
            pushes.add(push);
        }
        List<PushSender.Result> results = send(pushes);
        Instant done = clock.instant();
        int sent = 0;
        for (int i = 0; i < sending.size(); i++) {
            if (results.get(i).ok()) {
                sent++;
            } else {
                recorded.add(outcomes.refused(sending.get(i), results.get(i), done));
            }
        }
        notifications.finish(batch.claim(), recorded, outcomes.delivered(sent, done));
        return batch.documents().size();
    }

    /** At most 500 per {@code sendEach}; a group grown by a re-expansion after a crash is sent in two calls. */
    private List<PushSender.Result> send(List<OutgoingPush> pushes) {
        List<PushSender.Result> results = new ArrayList<>();
        for (int from = 0; from < pushes.size(); from += PushSender.MAX_BATCH) {
            results.addAll(sender.orElseThrow().send(pushes.subList(from, Math.min(pushes.size(),
                    from + PushSender.MAX_BATCH))));
        }
        return results;
    }

    private OutgoingPush outgoing(Document doc, Device device, Instant now) {
        PushCategory category = PushCategory.valueOf(doc.getString("category"));
        Map<String, String> data = new HashMap<>();
        doc.get("data", Document.class).forEach((key, value) -> data.put(key, String.valueOf(value)));
        data.put("kind", doc.getString("kind"));
        data.put("notificationId", app.alongside.platform.GlobalIds.encode(PushNotification.TYPE,
                doc.getString("_id")));
        data.put("sequence", String.valueOf(doc.get("sequence")));
        data.put("category", category.name());
        boolean generic = LockScreenPrivacy.GENERIC.name().equals(doc.getString("lockScreen"));
        Instant expiresAt = doc.getDate("expiresAt").toInstant();
        Duration ttl = Duration.between(now, expiresAt);
        return new OutgoingPush(doc.getString("_id"), device.token(), device.platform(), category, data,
                generic ? Optional.of(category.genericText()) : Optional.empty(), doc.getString("collapseKey"),
                ttl.isNegative() ? Duration.ZERO : ttl, expiresAt);
    }

    /** Stops the loop; work in flight keeps its lease, so another instance takes it over if this one dies. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = loop;
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
