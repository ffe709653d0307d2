package app.alongside.messaging;

import org.bson.Document;

/**
 * Something that happened to a thread, as it travels between instances. It carries ids only: each subscriber
 * loads what it shows, after checking access, so an event never carries content to someone who may not see it.
 */
public record MessagingEvent(Kind kind, String threadId, String serviceId, String youngPersonId, String messageId) {
    /** The schema's {@code InboxEventKind}. */
    public enum Kind { MESSAGE_ADDED, MESSAGE_CHANGED, ASSIGNED, URGENT, OPENED }

    public Document toDocument() {
        return new Document("kind", kind.name()).append("threadId", threadId).append("serviceId", serviceId)
                .append("youngPersonId", youngPersonId).append("messageId", messageId);
    }

    /** The event in a document {@link #toDocument} wrote; null for anything else, which is skipped. */
    public static MessagingEvent fromDocument(Document doc) {
        if (doc == null || doc.getString("kind") == null || doc.getString("threadId") == null) {
            return null;
        }
        try {
            return new MessagingEvent(Kind.valueOf(doc.getString("kind")), doc.getString("threadId"),
                    doc.getString("serviceId"), doc.getString("youngPersonId"), doc.getString("messageId"));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
