package app.alongside.messaging;

import java.time.Instant;
import java.util.Map;

/**
 * A thread as stored in {@code threads}. {@code lastSequence} is the counter messages take their sequence numbers
 * from; {@code awaitingReplySince}/{@code replyDueAt} are the response-standard clock, started by the oldest young
 * person's message not yet answered ({@code clockMessageId}); {@code reads} maps each reader's principal key to how
 * far they read; {@code optedOut} is set on a young person's advocacy thread while they have opted out of
 * advocacy (their choice, kept on the thread so that a send need not read it elsewhere).
 */
public record MessageThread(String id, ThreadKind kind, String subject, String youngPersonId, String serviceId,
                            String assignedAdvocateId, boolean urgent, long lastSequence, Instant lastMessageAt,
                            Instant awaitingReplySince, Instant replyDueAt, String clockMessageId,
                            Map<String, ReadMark> reads, Instant createdAt, Instant updatedAt, boolean optedOut) {
    public static final String TYPE = "MessageThread";

    /** The schema's {@code ThreadKind}. */
    public enum ThreadKind { ADVOCACY, MATTER }

    /** How far one reader read, and when. */
    public record ReadMark(long sequence, Instant at) {
    }

    public MessageThread {
        reads = reads == null ? Map.of() : Map.copyOf(reads);
    }

    /** True when a reply is past due at {@code now}: the stored due time against the clock, never recomputed. */
    public boolean overdue(Instant now) {
        return replyDueAt != null && !now.isBefore(replyDueAt);
    }
}
