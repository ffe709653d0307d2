package app.alongside.records;

import app.alongside.platform.core.GlobalIds;
import app.alongside.push.PushCategory;
import app.alongside.push.PushIntent;
import app.alongside.push.PushSource;
import org.bson.Document;

import java.util.List;
import java.util.Map;

/**
 * Reminders the records domain asks the push pipeline for: an appointment's reminder (on the record), the
 * pathway-plan review reminder (on the young person's {@link RecordIndex}), and a goal's nudge two days before its
 * target date (on the goal; category {@code GOAL_NUDGES}, off unless the young person turned it on). Payloads
 * carry ids only; the app fetches the rest, and the lock screen shows the generic text the young person's
 * preferences allow.
 */
public final class RecordsPushSource {
    /** The payload kind both reminders use; its JSON Schema is in mobile-contracts. */
    public static final String KIND = "reminder.due";
    /** The payload kind of a goal's nudge. */
    public static final String GOAL_NUDGE = "goal.nudge";

    private RecordsPushSource() {
    }

    public static List<PushSource> sources() {
        return List.of(PushSource.of(RecordRepository.COLLECTION, RecordsPushSource::appointment),
                PushSource.of(RecordIndex.COLLECTION, RecordsPushSource::pathwayReview),
                PushSource.of(GoalRepository.COLLECTION, RecordsPushSource::goalNudge));
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

    /** Still active with its target date ahead: a goal achieved or set aside since is not nudged. */
    private static List<PushIntent> goalNudge(Document doc) {
        Goal goal = GoalRepository.fromDocument(doc);
        if (goal.status() != Goal.GoalStatus.ACTIVE || goal.targetDate() == null) {
            return List.of();
        }
        String id = GlobalIds.encode(Goal.TYPE, goal.id());
        return List.of(new PushIntent("yp:" + goal.ownerId(), PushCategory.GOAL_NUDGES, GOAL_NUDGE,
                Map.of("goalId", id, "targetDate", goal.targetDate().toString()), PushIntent.collapseKey("goal", id),
                goal.version()));
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
