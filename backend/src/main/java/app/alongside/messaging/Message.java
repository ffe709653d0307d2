package app.alongside.messaging;

import java.time.Instant;
import java.util.List;

/**
 * A message as stored in {@code messages}. A deleted message keeps its place (and sequence number) with no body
 * and no history. {@code authorId} is a young person's or a staff member's stored id, by {@code authorKind}.
 * {@code urgentPhrase} is the safeguarding phrase that made it urgent, for staff only (null when it is not urgent,
 * or was marked before the phrase was recorded).
 */
public record Message(String id, String threadId, String serviceId, String youngPersonId, long sequence,
                      AuthorKind authorKind, String authorId, String body, String clientMessageId, boolean deleted,
                      boolean urgent, String urgentPhrase, Instant createdAt, Instant editedAt,
                      List<Edit> editHistory) {
    public static final String TYPE = "Message";
    public static final int MAX_BODY = 4000;

    /** The schema's {@code MessageAuthorKind}. */
    public enum AuthorKind { YOUNG_PERSON, STAFF }

    /** What made a message urgent: the schema's {@code UrgentMatch}. */
    public record UrgentMatch(String phrase) {
    }

    /** An earlier text, replaced at {@code replacedAt}: the schema's {@code MessageEdit}. */
    public record Edit(String body, Instant replacedAt) {
    }

    public Message {
        editHistory = editHistory == null ? List.of() : List.copyOf(editHistory);
    }

    /** The author as {@code Principal.key()} spells it. */
    public String authorKey() {
        return (authorKind == AuthorKind.YOUNG_PERSON ? "yp:" : "staff:") + authorId;
    }
}
