package app.alongside.push;

import app.alongside.platform.graphql.PersistedQueries;
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
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Stage 1 of the push pipeline, expansion: leases a source document whose push need is due, validates its
 * intents, applies each recipient's preferences, the categories' weekly caps and quiet hours, and writes one
 * {@code notifications} document per recipient device (or one DROPPED with its reason), in send groups of at most
 * a batch; then marks the need {@code QUEUED}. Notification ids derive from the intent, so expanding a source again
 * adds nothing.
 */
final class PushExpansion {
    /** The dispatcher's logger: these lines read as they did before the pipeline was split. */
    private static final Logger LOG = Logger.getLogger(PushDispatcher.class.getName());
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");
    private static final Pattern DATA_KEY = Pattern.compile("[a-z][A-Za-z0-9]{0,39}");
    /** Data values are ids and numbers, never content or names. */
    private static final Pattern DATA_VALUE = Pattern.compile("[A-Za-z0-9_:.\\-]{1,200}");
    private static final Pattern COLLAPSE_KEY = Pattern.compile("[A-Za-z0-9_:.\\-]{1,64}");
    private static final Set<String> RESERVED = Set.of("kind", "notificationId", "sequence", "category", "from",
            "notification", "message_type", "collapse_key");

    private final MongoDatabase db;
    private final NotificationRepository notifications;
    private final DeviceRepository devices;
    private final PreferencesRepository preferences;
    private final PushMetrics metrics;
    private final Clock clock;
    private final Duration lease;
    private final int batchSize;
    private final String owner;

    /**
     * Expands as {@code owner}, holding a claimed source for {@code lease}; a send group holds at most
     * {@code batchSize} (and never more than {@link PushSender#MAX_BATCH}).
     */
    PushExpansion(MongoDatabase db, NotificationRepository notifications, DeviceRepository devices,
                  PreferencesRepository preferences, PushMetrics metrics, Clock clock, Duration lease, int batchSize,
                  String owner) {
        this.db = db;
        this.notifications = notifications;
        this.devices = devices;
        this.preferences = preferences;
        this.metrics = metrics;
        this.clock = clock;
        this.lease = lease;
        this.batchSize = batchSize;
        this.owner = owner;
    }

    /** Leases one due document of {@code source}, or null when none is due and free. */
    Document claimSource(PushSource source) {
        Instant now = clock.instant();
        Date at = Date.from(now);
        String field = PushOutbox.FIELD;
        Bson due = Filters.and(Filters.eq(field + ".state", PushOutbox.PENDING), Filters.lte(field + ".dueAt", at),
                Filters.or(Filters.eq(field + ".leaseUntil", null), Filters.lte(field + ".leaseUntil", at)));
        return db.getCollection(source.collection()).findOneAndUpdate(due,
                Updates.combine(Updates.set(field + ".leaseOwner", owner),
                        Updates.set(field + ".leaseUntil", Date.from(now.plus(lease)))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    }

    /** Turns one claimed document's intents into notifications, then marks its need queued. */
    void expand(PushSource source, Document document) {
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
        int size = Math.min(batchSize, PushSender.MAX_BATCH);
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
            new TreeMap<>(intent.data()).forEach(data::append);
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
}
