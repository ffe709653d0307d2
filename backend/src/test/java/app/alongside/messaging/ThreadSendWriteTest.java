package app.alongside.messaging;

import app.alongside.embedded.IndexedMemoryBackend;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.ErrorCode;
import app.alongside.push.PushOutbox;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A young person's send writes the thread once: the reply clock (started only if it is not running) and the sender's
 * read mark together, conditional on what the send read of the clock. When a reply or another send changed the clock
 * in between, the write still lands as if the clock state had been read just then.
 */
class ThreadSendWriteTest {
    private static final Instant EARLIER = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant SENT = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant DUE = Instant.parse("2026-11-24T10:00:00Z");

    private MongoServer server;
    private MongoClient client;
    private MongoCollection<Document> threads;
    private ThreadRepository repository;

    @BeforeEach
    void start() {
        server = new MongoServer(new IndexedMemoryBackend());
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        threads = client.getDatabase("test").getCollection(ThreadRepository.COLLECTION);
        repository = new ThreadRepository(client.getDatabase("test"));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private void thread(Instant awaitingSince, String clockMessageId) {
        threads.insertOne(new Document("_id", "t1").append("kind", "ADVOCACY").append("youngPersonId", "yp1")
                .append("serviceId", "s1").append("lastSequence", 7L)
                .append("awaitingReplySince", awaitingSince == null ? null : Date.from(awaitingSince))
                .append("replyDueAt", awaitingSince == null ? null : Date.from(DUE))
                .append("clockMessageId", clockMessageId)
                .append("reads", new Document("yp:yp1", new Document("sequence", 3L).append("at", Date.from(EARLIER))))
                .append("createdAt", Date.from(EARLIER)).append("updatedAt", Date.from(EARLIER)));
    }

    private MessageThread send(boolean clockRunningWhenRead) {
        return repository.sentByYoungPerson("t1", "m7", "yp:yp1", 7, SENT, DUE, List.of("staff:mgr"), false,
                clockRunningWhenRead);
    }

    /** The clock as expected, and the sender's read mark on the new message (sequence 7). */
    private static void assertSent(MessageThread after, Instant clockSince, String clockMessageId) {
        assertEquals(clockSince, after.awaitingReplySince(), "the clock's start");
        assertEquals(clockMessageId, after.clockMessageId(), "the message the clock runs for");
        assertEquals(7, after.reads().get("yp:yp1").sequence(), "the sender's read mark");
    }

    @Test
    void theFirstUnansweredMessageStartsTheClockAndMovesTheMark() {
        thread(null, null);
        MessageThread after = send(false);
        assertSent(after, SENT, "m7");
        assertEquals(DUE, after.replyDueAt());
        Document stored = threads.find(Filters.eq("_id", "t1")).first();
        assertEquals(List.of("staff:mgr"), stored.getList("escalateTo", String.class));
        assertEquals(PushOutbox.pending(DUE).get("state"), stored.get(PushOutbox.FIELD, Document.class).get("state"));
    }

    @Test
    void aRunningClockKeepsItsOldestMessage() {
        thread(EARLIER, "m5");
        // The oldest unanswered message sets the clock.
        assertSent(send(true), EARLIER, "m5");
    }

    @Test
    void aReplyBetweenTheReadAndTheWriteStillLeavesTheNewMessageOnTheClock() {
        // The send read a running clock; a reply stopped it before the send's write.
        thread(null, null);
        // The message after the reply starts a new clock.
        assertSent(send(true), SENT, "m7");
    }

    @Test
    void anotherSendThatStartedTheClockFirstKeepsIt() {
        // The send read no clock; another send started it before this one's write.
        thread(EARLIER, "m6");
        assertSent(send(false), EARLIER, "m6");
    }

    @Test
    void theMarkNeverMovesBack() {
        thread(EARLIER, "m5");
        threads.updateOne(Filters.eq("_id", "t1"), new Document("$set", new Document("reads.yp:yp1.sequence", 9L)));
        assertEquals(9, send(true).reads().get("yp:yp1").sequence());
    }

    @Test
    void aThreadThatIsGoneIsNotFound() {
        ApiException e = assertThrows(ApiException.class, () -> send(false));
        assertEquals(ErrorCode.NOT_FOUND, e.code());
        assertNull(threads.find(Filters.eq("_id", "t1")).first(), "nothing was created");
    }
}
