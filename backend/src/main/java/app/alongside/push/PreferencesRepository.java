package app.alongside.push;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/** The {@code pushPreferences} collection: one document per person who changed anything, keyed by principal key. */
public final class PreferencesRepository {
    public static final String COLLECTION = "pushPreferences";

    private final MongoCollection<Document> preferences;

    public PreferencesRepository(MongoDatabase db) {
        this.preferences = db.getCollection(COLLECTION);
    }

    public NotificationPreferences of(String owner) {
        Document doc = preferences.find(Filters.eq("_id", owner)).first();
        return doc == null ? NotificationPreferences.defaults() : fromDocument(doc);
    }

    /** The preferences of each owner, the defaults for those who never chose. */
    public Map<String, NotificationPreferences> of(Collection<String> owners) {
        Map<String, NotificationPreferences> found = new HashMap<>();
        preferences.find(Filters.in("_id", owners)).into(new ArrayList<>())
                .forEach(doc -> found.put(doc.getString("_id"), fromDocument(doc)));
        owners.forEach(owner -> found.putIfAbsent(owner, NotificationPreferences.defaults()));
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
            enabled.put(category, on == null ? category.onByDefault() : on);
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
