package app.alongside.privacy.erasure;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A young person's request to have their data erased, as stored in {@code erasureRequests}: who asked and why,
 * the date it must be answered by, the council's decision, and once approved the erasure's result as it was
 * carried out ({@code carriedOutAt} is set when every hook has run).
 */
public record ErasureRequest(String id, String youngPersonId, String councilId, State state, String reason,
                             Instant requestedAt, LocalDate answerBy, Instant decidedAt, String decidedBy,
                             String decisionReason, Instant carriedOutAt, Result result) {
    public static final String TYPE = "ErasureRequest";

    /** The schema's {@code ErasureRequestState}. */
    public enum State { PENDING, APPROVED, REFUSED, CANCELLED }

    /** What was erased (documents per hook, in the order they ran) and what was kept with why. */
    public record Result(List<Erased> erased, List<Kept> kept) {
        public static final Result NONE = new Result(List.of(), List.of());
    }

    /** The schema's {@code ErasedCount}: how many documents one hook deleted or blanked. */
    public record Erased(String kind, long count) {
    }

    /** The schema's {@code KeptKind}: a kind of data the erasure did not touch, and why. */
    public record Kept(String kind, String title, String why) {
    }

    public boolean complete() {
        return carriedOutAt != null;
    }
}
