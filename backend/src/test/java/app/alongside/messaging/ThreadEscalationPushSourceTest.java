package app.alongside.messaging;

import app.alongside.platform.core.GlobalIds;
import app.alongside.push.PushCategory;
import app.alongside.push.PushIntent;
import app.alongside.push.PushOutbox;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadEscalationPushSourceTest {
    private static final Instant DUE = Instant.parse("2026-11-24T10:00:00Z");
    private final ThreadEscalationPushSource source = new ThreadEscalationPushSource();

    private static Document thread(Instant replyDueAt) {
        return new Document("_id", "t1").append("lastSequence", 3L)
                .append("replyDueAt", replyDueAt == null ? null : Date.from(replyDueAt))
                .append("escalateTo", List.of("staff:m1", "staff:m2"))
                .append(PushOutbox.FIELD, PushOutbox.pending(DUE));
    }

    @Test
    void anOverdueReplyEscalatesToEachManager() {
        String id = GlobalIds.encode("MessageThread", "t1");
        assertEquals(List.of(
                new PushIntent("staff:m1", PushCategory.URGENT, "thread.overdue", Map.of("threadId", id),
                        PushIntent.collapseKey("overdue", id), 3),
                new PushIntent("staff:m2", PushCategory.URGENT, "thread.overdue", Map.of("threadId", id),
                        PushIntent.collapseKey("overdue", id), 3)), source.intents(thread(DUE)));
        assertEquals("threads", source.collection());
    }

    @Test
    void anAnsweredThreadOrALaterClockNeedsNothing() {
        assertTrue(source.intents(thread(null)).isEmpty(), "answered: the clock stopped");
        assertTrue(source.intents(thread(DUE.plusSeconds(3600))).isEmpty(), "a clock restarted later is not due");
        assertTrue(source.intents(thread(DUE).append(PushOutbox.FIELD, null)).isEmpty());
    }
}
