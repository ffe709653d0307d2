package app.alongside.messaging;

import java.time.Instant;
import java.util.List;

/**
 * A message as stored in {@code messages}. A deleted message keeps its place (and sequence number) with no body
 * and no history. {@code authorId} is a young person's or a staff member's stored id, by {@code authorKind}.
 */
public record Message(String id, String threadId, String serviceId, String youngPersonId, long sequence,
                      AuthorKind authorKind, String authorId, String body, String clientMessageId, boolean deleted,
                      boolean urgent, Instant createdAt, Instant editedAt, List<Edit> editHistory) {
    public static final String TYPE = "Message";
    public static final int MAX_BODY = 4000;

    /** The schema's {@code MessageAuthorKind}. */
    public enum AuthorKind { YOUNG_PERSON, STAFF }

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
