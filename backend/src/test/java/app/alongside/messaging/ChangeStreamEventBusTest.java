package app.alongside.messaging;

import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.OperationType;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The change-stream bus's own translation: the document {@code publish} inserts and how a change-stream insert
 * becomes an event again. {@link ChangeStreamsTwoInstancesIT} runs the watch loop across two instances.
 */
class ChangeStreamEventBusTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void anEventSurvivesTheRoundTripThroughTheCollection() {
        MessagingEvent event = new MessagingEvent(MessagingEvent.Kind.URGENT, "t1", "s1", "y1", "m1");
        Document inserted = ChangeStreamEventBus.toDocument(event, CLOCK);
        assertEquals(Date.from(CLOCK.instant()), inserted.getDate("createdAt"), "the TTL index keys on it");
        ChangeStreamDocument<Document> change = new ChangeStreamDocument<>(OperationType.INSERT.getValue(),
                new BsonDocument("_data", new BsonString("token")), null, null, null, inserted, null, null, null,
                null, null, null, null, null, null);
        assertEquals(event, ChangeStreamEventBus.fromChange(change));
    }

    @Test
    void somethingElseInTheCollectionIsSkipped() {
        assertNull(MessagingEvent.fromDocument(new Document("kind", "NO_SUCH_KIND").append("threadId", "t1")));
        assertNull(MessagingEvent.fromDocument(new Document("threadId", "t1")));
        assertNull(MessagingEvent.fromDocument(null));
        MessagingEvent withoutMessage = new MessagingEvent(MessagingEvent.Kind.ASSIGNED, "t1", "s1", "y1", null);
        assertEquals(withoutMessage, MessagingEvent.fromDocument(withoutMessage.toDocument()));
    }
}
