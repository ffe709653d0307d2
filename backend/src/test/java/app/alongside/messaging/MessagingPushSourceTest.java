package app.alongside.messaging;

import app.alongside.platform.core.GlobalIds;
import app.alongside.push.PushCategory;
import app.alongside.push.PushIntent;
import app.alongside.push.PushOutbox;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessagingPushSourceTest {
    private final MessagingPushSource source = new MessagingPushSource();

    private static Document message(boolean deleted, List<Document> pushTo) {
        return new Document("_id", "m1").append("threadId", "t1").append("sequence", 7L)
                .append("body", "I want to talk about my flat").append("authorId", "yp1").append("deleted", deleted)
                .append("pushTo", pushTo).append(PushOutbox.FIELD, PushOutbox.pending(Instant.EPOCH));
    }

    @Test
    void oneIntentPerStoredRecipientWithIdsOnly() {
        List<PushIntent> intents = source.intents(message(false, List.of(
                new Document("recipient", "staff:a1").append("category", "NEW_MESSAGE"),
                new Document("recipient", "staff:m1").append("category", "URGENT"))));
        String thread = GlobalIds.encode("MessageThread", "t1");
        Map<String, String> data = Map.of("threadId", thread, "messageId", GlobalIds.encode("Message", "m1"));
        assertEquals(List.of(
                new PushIntent("staff:a1", PushCategory.NEW_MESSAGE, "message.added", data, PushIntent.collapseKey("thread", thread), 7),
                new PushIntent("staff:m1", PushCategory.URGENT, "message.added", data, PushIntent.collapseKey("thread", thread), 7)),
                intents);
        String everything = intents.toString();
        assertFalse(everything.contains("flat"), "no message text in a push");
        assertFalse(everything.contains("yp1"), "no stored ids in a push");
    }

    @Test
    void aDeletedMessageNeedsNoPush() {
        assertTrue(source.intents(message(true, List.of(new Document("recipient", "yp:y1")
                .append("category", "NEW_MESSAGE")))).isEmpty());
    }

    @Test
    void aMessageWithoutRecipientsNeedsNoPush() {
        assertTrue(source.intents(message(false, List.of())).isEmpty());
        assertEquals("messages", source.collection());
    }
}
