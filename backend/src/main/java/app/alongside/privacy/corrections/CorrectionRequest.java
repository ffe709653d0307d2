package app.alongside.privacy.corrections;

import app.alongside.identity.CouncilEntries;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A young person's request to correct something their council entered (the schema's {@code CorrectionRequest}),
 * as stored in {@code correctionRequests}. {@code previousValue} is kept once the change is made, so that the
 * record of what was held before is not lost.
 */
public record CorrectionRequest(String id, String youngPersonId, CouncilEntries.Field field, String proposedValue,
                                String reason, State state, Instant requestedAt, LocalDate answerBy,
                                Instant decidedAt, String decidedBy, String decisionReason, String previousValue) {
    public static final String TYPE = "CorrectionRequest";

    /** The schema's {@code CorrectionState}. */
    public enum State { PENDING, MADE, DECLINED, WITHDRAWN }

    /** The schema's {@code CorrectionDecision}. */
    public enum Decision { MAKE, DECLINE }
}
