package app.alongside.push;

import app.alongside.platform.observe.CachedGauges;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.micrometer.core.instrument.Tags;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;

/**
 * The push queue for operators: notifications by state ({@code push_queue_depth}) and how long the oldest has
 * waited ({@code push_queue_oldest_age_seconds}): for PENDING since it fell due (so a stuck dispatcher shows), for
 * the finished states since it last changed (retention keeps these under {@code PUSH_RETENTION_DAYS}). Each value
 * is a count or a first document on the {@code state, dueAt} and {@code state, updatedAt} indexes.
 */
public final class PushQueueGauges {
    private PushQueueGauges() {
    }

    public static void register(CachedGauges gauges, MongoDatabase db, Clock clock) {
        MongoCollection<Document> notifications = db.getCollection(NotificationRepository.COLLECTION);
        for (PushNotification.State state : PushNotification.State.values()) {
            Tags tags = Tags.of("state", state.name());
            gauges.add("push.queue.depth", "Notifications in the store, by state", tags,
                    () -> notifications.countDocuments(Filters.eq("state", state.name())));
            String field = state == PushNotification.State.PENDING ? "dueAt" : "updatedAt";
            gauges.add("push.queue.oldest.age.seconds", "Age of the oldest notification in each state (PENDING: "
                    + "since it fell due)", tags, () -> oldestAge(notifications, state, field, clock));
        }
    }

    private static long oldestAge(MongoCollection<Document> notifications, PushNotification.State state,
                                  String field, Clock clock) {
        var query = state == PushNotification.State.PENDING
                ? Filters.and(Filters.eq("state", state.name()), Filters.lte(field, Date.from(clock.instant())))
                : Filters.eq("state", state.name());
        Document oldest = notifications.find(query).sort(Sorts.ascending("state", field))
                .projection(Projections.include(field)).limit(1).first();
        if (oldest == null || oldest.getDate(field) == null) {
            return 0;
        }
        return Math.max(0, Duration.between(oldest.getDate(field).toInstant(), clock.instant()).toSeconds());
    }
}
