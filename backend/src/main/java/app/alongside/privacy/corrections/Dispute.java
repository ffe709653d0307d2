package app.alongside.privacy.corrections;

import java.time.Instant;

/**
 * A young person's statement about an entry a member of staff wrote (the schema's {@code Dispute}), as stored in
 * {@code disputes}: {@code entryId} is the entry's global id, {@code entryType} its node type. One an entry.
 */
public record Dispute(String id, String entryId, String entryType, String youngPersonId, String statement,
                      Instant createdAt, String response, Instant respondedAt, String respondedBy) {
    public static final String TYPE = "Dispute";
}
