package app.alongside.messaging;

import java.time.Instant;
import java.util.List;

/**
 * A young person's advocacy as stored in {@code advocacy}, one document per young person (its id is theirs).
 * {@code councilId} is the council the allocation was made for: when the young person moves council, the next
 * look re-allocates them to a service serving the new one.
 */
public record Advocacy(String youngPersonId, Status status, String serviceId, String advocateId, String threadId,
                       String councilId, Instant allocationDueAt, Instant allocatedAt, List<Choice> choices,
                       List<String> previousAdvocateIds, Instant createdAt, Instant updatedAt) {
    public static final String TYPE = "Advocacy";

    /** The schema's {@code AdvocacyStatus}. */
    public enum Status { NO_SERVICE, ALLOCATION_PENDING, ALLOCATED, OPTED_OUT }

    /** The schema's {@code AdvocacyChoice}. */
    public enum ChoiceKind { OPT_OUT, OPT_IN, CHANGE_ADVOCATE }

    /** One recorded choice: the schema's {@code AdvocacyChoiceRecord}. */
    public record Choice(ChoiceKind choice, String reason, Instant at) {
    }

    public Advocacy {
        choices = choices == null ? List.of() : List.copyOf(choices);
        previousAdvocateIds = previousAdvocateIds == null ? List.of() : List.copyOf(previousAdvocateIds);
    }

    public boolean allocationOverdue(Instant now) {
        return status == Status.ALLOCATION_PENDING && allocationDueAt != null && !now.isBefore(allocationDueAt);
    }
}
