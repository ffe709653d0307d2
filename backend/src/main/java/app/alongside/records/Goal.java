package app.alongside.records;

import app.alongside.audit.AuditEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** A goal a young person set for one mission (the schema's {@code Goal}). */
public record Goal(String id, String ownerId, Mission mission, String title, String description,
                   LocalDate targetDate, GoalStatus status, int manualProgress, List<Step> steps,
                   List<Comment> comments, Visibility visibility, int version, Instant createdAt,
                   Instant updatedAt) {
    public static final String TYPE = "Goal";

    /** Where a goal stands. */
    public enum GoalStatus { ACTIVE, ACHIEVED, SET_ASIDE }

    /** The schema's {@code GoalStep}. */
    public record Step(String id, String title, LocalDate targetDate, Instant doneAt) {
        public boolean done() {
            return doneAt != null;
        }
    }

    /** The schema's {@code GoalComment}; {@code authorName} is null for the young person. */
    public record Comment(String id, AuditEvent.ActorKind authorKind, String authorId, String authorName,
                          String body, Instant createdAt) {
    }

    public int progressPercent() {
        if (steps.isEmpty()) {
            return status == GoalStatus.ACHIEVED ? 100 : manualProgress;
        }
        return (int) (steps.stream().filter(Step::done).count() * 100 / steps.size());
    }

    public boolean sharedWithAdvocate(RecordIndex.Summary owner) {
        return visibility == Visibility.SHARED_WITH_ADVOCATE || owner != null && owner.missionShared(mission);
    }

    /** The soonest target date of an active goal: its own, or an unfinished step's. */
    public Instant dueAt() {
        if (status != GoalStatus.ACTIVE) {
            return null;
        }
        return Stream.concat(Stream.of(targetDate), steps.stream().filter(s -> !s.done()).map(Step::targetDate))
                .filter(Objects::nonNull).min(LocalDate::compareTo).map(RecordsClock::startOf).orElse(null);
    }
}
