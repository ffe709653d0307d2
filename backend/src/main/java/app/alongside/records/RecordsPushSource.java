package app.alongside.records;

import app.alongside.platform.GlobalIds;
import app.alongside.push.PushCategory;
import app.alongside.push.PushIntent;
import app.alongside.push.PushSource;
import org.bson.Document;

import java.util.List;
import java.util.Map;

/**
 * Reminders the records domain asks the push pipeline for: an appointment's reminder (on the record) and the
 * pathway-plan review reminder (on the young person's {@link RecordIndex}). Payloads carry ids only; the app
 * fetches the rest, and the lock screen shows the generic text the young person's preferences allow.
 */
public final class RecordsPushSource {
    /** The payload kind both reminders use; its JSON Schema is in mobile-contracts. */
    public static final String KIND = "reminder.due";

    private RecordsPushSource() {
    }

    public static List<PushSource> sources() {
        return List.of(PushSource.of(RecordRepository.COLLECTION, RecordsPushSource::appointment),
                PushSource.of(RecordIndex.COLLECTION, RecordsPushSource::pathwayReview));
    }

    private static List<PushIntent> appointment(Document doc) {
        if (doc.get("deletedAt") != null || !RecordKind.HEALTH_APPOINTMENT.name().equals(doc.getString("kind"))) {
            return List.of();
        }
        String id = GlobalIds.encode(LifeRecord.TYPE, doc.getString("_id"));
        return List.of(new PushIntent("yp:" + doc.getString("ownerId"), PushCategory.REMINDERS, KIND,
                Map.of("reminder", "APPOINTMENT", "recordId", id), PushIntent.collapseKey("reminder", id),
                doc.getInteger("version", 1)));
    }

    private static List<PushIntent> pathwayReview(Document doc) {
        Document review = doc.get("pathwayReview", Document.class);
        if (review == null) {
            return List.of();
        }
        return List.of(new PushIntent("yp:" + doc.getString("_id"), PushCategory.REMINDERS, KIND,
                Map.of("reminder", "PATHWAY_PLAN_REVIEW", "reviewDate", review.getString("reviewDate")),
                "reminder:pathway-plan-review", review.getDate("remindAt").getTime() / 1000));
    }
}
