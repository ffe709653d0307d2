package app.alongside.messaging;

import java.time.Instant;
import java.util.List;

/** The small value types of the messaging schema that have no collection of their own. */
public final class Records {
    private Records() {
    }

    /** The schema's {@code AdvocacyService}: an organisation with the service's own words. */
    public record ServiceInfo(String id, String name, String about, String confidentiality, String onDutyAdvocateId) {
        /** Its own node type; the stored id is the organisation's. */
        public static final String TYPE = "AdvocacyService";
    }

    /** The schema's {@code Advocate}: a staff member as a young person sees them. */
    public record Advocate(String staffId, String name) {
        /** Its own node type; the stored id is the staff member's. */
        public static final String TYPE = "Advocate";
    }

    /** The schema's {@code MessageAuthor}. */
    public record Author(Message.AuthorKind kind, String name, boolean isMe) {
    }

    /** The schema's {@code ReadReceipt}. */
    public record ReadReceipt(Message.AuthorKind readerKind, String readerName, long lastReadSequence,
                              Instant readAt) {
    }

    /** The schema's {@code UrgentHelp}. */
    public record UrgentHelp(String text) {
    }

    /** The schema's {@code SafeguardingPhraseList}; {@code serviceId} null for the platform default. */
    public record PhraseList(String serviceId, boolean usesDefault, List<String> phrases) {
    }

    /** The schema's {@code InboxEvent}. */
    public record InboxEvent(MessagingEvent.Kind kind, MessageThread thread, Message message) {
    }

    /** The schema's {@code AdvocacyFigures}. */
    public record Figures(int respondedCount, Integer firstResponseMedianMinutes, Integer firstResponseP90Minutes,
                          int unansweredCount, int overdueCount, int pendingAllocationCount,
                          int overdueAllocationCount) {
    }

    /** The schema's {@code SafeguardingConcern}. */
    public record Concern(String id, String threadId, String serviceId, String youngPersonId,
                          boolean youngPersonToldFirst, NotToldReason notToldReason, String referredTo,
                          Instant referredAt, String summary, String raisedById, Instant createdAt) {
        public static final String TYPE = "SafeguardingConcern";
    }

    /** The schema's {@code NotToldReason}. */
    public enum NotToldReason { EMERGENCY, WOULD_INCREASE_RISK, COULD_NOT_REACH }
}
