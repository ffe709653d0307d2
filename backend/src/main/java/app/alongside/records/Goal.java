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
    /** Not in stored ids, which are base64url. */
    private static final char PART_SEPARATOR = '/';

    /** Where a goal stands. */
    public enum GoalStatus { ACTIVE, ACHIEVED, SET_ASIDE }

    /**
     * The schema's {@code GoalStep}: {@code id} is unique within its goal; the global id joins both
     * ({@link #nodeId}).
     */
    public record Step(String goalId, String id, String title, LocalDate targetDate, Instant doneAt) {
        public static final String TYPE = "GoalStep";

        public boolean done() {
            return doneAt != null;
        }

        public Step inGoal(String goal) {
            return new Step(goal, id, title, targetDate, doneAt);
        }
    }

    /** The schema's {@code GoalComment}; {@code authorName} is null for the young person. */
    public record Comment(String goalId, String id, AuditEvent.ActorKind authorKind, String authorId,
                          String authorName, String body, Instant createdAt) {
        public static final String TYPE = "GoalComment";
    }

    /** The stored id behind a step's or comment's global id: its goal's id and its own, joined. */
    public static String nodeId(String goalId, String partId) {
        return goalId + PART_SEPARATOR + partId;
    }

    /** The goal's id and the part's id in a {@link #nodeId}, or empty when it is not one. */
    public static java.util.Optional<String[]> partOf(String nodeId) {
        int at = nodeId.indexOf(PART_SEPARATOR);
        return at <= 0 || at == nodeId.length() - 1 ? java.util.Optional.empty()
                : java.util.Optional.of(new String[] {nodeId.substring(0, at), nodeId.substring(at + 1)});
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
