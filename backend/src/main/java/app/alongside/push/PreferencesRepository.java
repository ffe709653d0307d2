package app.alongside.push;

import app.alongside.identity.YoungPersonRepository;
import app.alongside.platform.store.Migration;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code pushPreferences} collection: one document per person who changed anything, keyed by principal key. */
public final class PreferencesRepository {
    public static final String COLLECTION = "pushPreferences";

    private final MongoCollection<Document> preferences;

    public PreferencesRepository(MongoDatabase db) {
        this.preferences = db.getCollection(COLLECTION);
    }

    /**
     * Until schema 0.4 new messages, urgent replies, reminders and allocations were on for everyone who never
     * chose; now every category starts off for a young person. So that nobody silently loses pushes they were
     * getting, each young person whose app account existed before the upgrade gets those old defaults written
     * down as their own choice (categories they did choose are kept). Running it again changes nothing.
     */
    public static List<Migration> migrations(Clock clock) {
        return List.of(new Migration("push-former-defaults-kept",
                "write the former push defaults as the choice of each young person who had an app account",
                db -> {
                    MongoCollection<Document> preferences = db.getCollection(COLLECTION);
                    db.getCollection(YoungPersonRepository.COLLECTION).find(Filters.ne("firebaseUid", null))
                            .projection(new Document("_id", 1))
                            .forEach(person -> keepFormerDefaults(preferences, "yp:" + person.getString("_id"),
                                    clock.instant()));
                }));
    }

    private static void keepFormerDefaults(MongoCollection<Document> preferences, String owner, Instant now) {
        Set<PushCategory> formerlyOn = Set.of(PushCategory.NEW_MESSAGE, PushCategory.URGENT, PushCategory.REMINDERS,
                PushCategory.ALLOCATION);
        NotificationPreferences.QuietHours quiet = NotificationPreferences.DEFAULT_QUIET_HOURS;
        preferences.updateOne(Filters.eq("_id", owner), Updates.combine(
                Updates.setOnInsert("quietHours", new Document("enabled", quiet.enabled())
                        .append("start", quiet.start().toString()).append("end", quiet.end().toString())
                        .append("timeZone", quiet.timeZone().getId())),
                Updates.setOnInsert("lockScreen", LockScreenPrivacy.GENERIC.name()),
                Updates.setOnInsert("updatedAt", Date.from(now))), new UpdateOptions().upsert(true));
        for (PushCategory category : PushCategory.values()) {
            String field = "categories." + category.name();
            preferences.updateOne(Filters.and(Filters.eq("_id", owner), Filters.exists(field, false)),
                    Updates.set(field, formerlyOn.contains(category)));
        }
    }

    public NotificationPreferences of(String owner) {
        Document doc = preferences.find(Filters.eq("_id", owner)).first();
        return doc == null ? NotificationPreferences.defaults(owner) : fromDocument(doc);
    }

    /** The preferences of each owner, the defaults for those who never chose. */
    public Map<String, NotificationPreferences> of(Collection<String> owners) {
        Map<String, NotificationPreferences> found = new HashMap<>();
        preferences.find(Filters.in("_id", owners)).into(new ArrayList<>())
                .forEach(doc -> found.put(doc.getString("_id"), fromDocument(doc)));
        owners.forEach(owner -> found.putIfAbsent(owner, NotificationPreferences.defaults(owner)));
        return found;
    }

    public void save(String owner, NotificationPreferences prefs, Instant now) {
        Document categories = new Document();
        prefs.enabled().forEach((category, on) -> categories.append(category.name(), on));
        NotificationPreferences.QuietHours quiet = prefs.quietHours();
        Document doc = new Document("_id", owner).append("categories", categories)
                .append("quietHours", new Document("enabled", quiet.enabled())
                        .append("start", quiet.start().toString()).append("end", quiet.end().toString())
                        .append("timeZone", quiet.timeZone().getId()))
                .append("lockScreen", prefs.lockScreen().name())
                .append("updatedAt", Date.from(now));
        preferences.replaceOne(Filters.eq("_id", owner), doc, new ReplaceOptions().upsert(true));
    }

    private static NotificationPreferences fromDocument(Document doc) {
        Map<PushCategory, Boolean> enabled = new EnumMap<>(PushCategory.class);
        Document categories = doc.get("categories", Document.class);
        for (PushCategory category : PushCategory.values()) {
            Boolean on = categories == null ? null : categories.getBoolean(category.name());
            enabled.put(category, on == null ? category.onByDefaultFor(doc.getString("_id")) : on);
        }
        Document quiet = doc.get("quietHours", Document.class);
        var quietHours = quiet == null ? NotificationPreferences.DEFAULT_QUIET_HOURS
                : new NotificationPreferences.QuietHours(quiet.getBoolean("enabled"),
                LocalTime.parse(quiet.getString("start")), LocalTime.parse(quiet.getString("end")),
                ZoneId.of(quiet.getString("timeZone")));
        return new NotificationPreferences(enabled, quietHours,
                LockScreenPrivacy.valueOf(doc.getString("lockScreen")));
    }

    /** Deletes the owner's notification settings (erasure); answers how many documents went. */
    public long delete(String owner) {
        return preferences.deleteMany(Filters.eq("_id", owner)).getDeletedCount();
    }
}
