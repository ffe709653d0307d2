package app.alongside.entitlements;

import app.alongside.records.Visibility;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What a young person recorded about one entitlement ({@code entitlementKey}), with its earlier states. */
public record EntitlementClaim(String id, String ownerId, String entitlementKey, State state, Integer amountPence,
                               LocalDate on, String note, Visibility visibility, int version, Instant updatedAt,
                               List<Change> history) {
    public static final String TYPE = "EntitlementClaim";

    /** The schema's {@code ClaimState}. */
    public enum State { ASKED_FOR, RECEIVED, REFUSED }

    /** The schema's {@code ClaimChange}: an earlier state, and who changed it from there. */
    public record Change(State state, Integer amountPence, LocalDate on, Instant changedAt, String changedBy) {
    }

    boolean received() {
        return state == State.RECEIVED;
    }
}
