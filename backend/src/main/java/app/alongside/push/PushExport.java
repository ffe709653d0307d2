package app.alongside.push;

import app.alongside.kernel.Principal;
import app.alongside.platform.core.PersonalDataSection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * The push part of a young person's data export: the app installs registered to them (without the FCM token,
 * a credential for sending to the phone), their notification choices (the defaults, with no {@code changedAt},
 * until they first change them), and every push notification the platform
 * made for them with what happened to it (kind, state, times; the texts are fixed per kind).
 */
final class PushExport {
    private PushExport() {
    }

    static PersonalDataSection section(MongoDatabase db, PreferencesRepository preferenceRepository) {
        return PersonalDataSection.of("push", youngPersonId -> {
            String owner = new Principal.YoungPersonUser(youngPersonId, null).key();
            List<Document> devices = db.getCollection(DeviceRepository.COLLECTION).find(Filters.eq("owner", owner))
                    .projection(Projections.exclude("token", "owner")).sort(Sorts.ascending("createdAt"))
                    .into(new ArrayList<>());
            Document chosen = db.getCollection(PreferencesRepository.COLLECTION).find(Filters.eq("_id", owner))
                    .projection(Projections.include("updatedAt")).first();
            NotificationPreferences prefs = preferenceRepository.of(owner);
            Document categories = new Document();
            prefs.categories().forEach(c -> categories.append(c.category().name(), c.enabled()));
            NotificationPreferences.QuietHours quiet = prefs.quietHours();
            Document preferences = new Document("categories", categories)
                    .append("quietHours", new Document("enabled", quiet.enabled())
                            .append("start", quiet.start().toString()).append("end", quiet.end().toString())
                            .append("timeZone", quiet.timeZone().getId()))
                    .append("lockScreen", prefs.lockScreen().name())
                    .append("changedAt", chosen == null ? null : chosen.getDate("updatedAt"));
            List<Document> notifications = db.getCollection(NotificationRepository.COLLECTION)
                    .find(Filters.eq("recipient", owner))
                    .projection(Projections.include("category", "kind", "state", "reason", "platform", "attempts",
                            "createdAt", "dueAt", "sentAt"))
                    .sort(Sorts.ascending("createdAt")).into(new ArrayList<>());
            return new Document("devices", devices)
                    .append("notificationPreferences", preferences)
                    .append("notifications", notifications);
        });
    }
}
