package app.alongside.messaging;

import app.alongside.platform.store.IndexPlan;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import org.bson.BsonDocument;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bus across instances, on a MongoDB replica set or Atlas: {@link #publish} inserts the event into
 * {@code messagingEvents} (kept a day by a TTL index), and every instance watches that collection's inserts with a
 * change stream and hands them to its own listeners through an {@link InProcessEventBus}. After a failure the
 * watch resumes from the last token it saw, so an instance misses nothing the oplog still holds. The embedded
 * default serves one instance only (its store listens on loopback inside the process): there, {@code in-process}.
 */
public final class ChangeStreamEventBus implements EventBus {
    public static final String COLLECTION = "messagingEvents";
    private static final Logger LOG = Logger.getLogger(ChangeStreamEventBus.class.getName());

    private final MongoCollection<Document> events;
    private final Clock clock;
    private final InProcessEventBus local = new InProcessEventBus();
    private final Thread watcher;
    private volatile boolean running = true;
    private volatile MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor;

    public ChangeStreamEventBus(MongoDatabase db, Clock clock) {
        this.events = db.getCollection(COLLECTION);
        this.clock = clock;
        this.watcher = Thread.ofPlatform().daemon().name("messaging-change-stream").start(this::watch);
    }

    public static List<IndexPlan> indexes() {
        return List.of(new IndexPlan(COLLECTION, Indexes.ascending("createdAt"),
                new IndexOptions().expireAfter(1L, TimeUnit.DAYS)));
    }

    @Override
    public void publish(MessagingEvent event) {
        try {
            events.insertOne(toDocument(event, clock));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not publish a messaging event; clients recover it from sequence numbers", e);
        }
    }

    /** The document {@link #publish} inserts. */
    static Document toDocument(MessagingEvent event, Clock clock) {
        return event.toDocument().append("createdAt", Date.from(clock.instant()));
    }

    /** The event in a change-stream insert; null for anything else. */
    static MessagingEvent fromChange(ChangeStreamDocument<Document> change) {
        return MessagingEvent.fromDocument(change.getFullDocument());
    }

    @Override
    public AutoCloseable subscribe(Consumer<MessagingEvent> listener) {
        return local.subscribe(listener);
    }

    private void watch() {
        BsonDocument resumeToken = null;
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            var stream = events.watch(List.of(Aggregates.match(Filters.eq("operationType", "insert"))));
            try (var opened = (resumeToken == null ? stream : stream.resumeAfter(resumeToken)).cursor()) {
                cursor = opened;
                backoff = Duration.ofMillis(200);
                while (running) {
                    ChangeStreamDocument<Document> change = opened.tryNext();
                    if (change == null) {
                        continue;
                    }
                    resumeToken = change.getResumeToken();
                    MessagingEvent event = fromChange(change);
                    if (event != null) {
                        local.publish(event);
                    }
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.log(Level.WARNING, "messaging change stream failed; resuming in " + backoff.toMillis() + " ms", e);
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
                        : backoff.multipliedBy(2);
            }
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        var open = cursor;
        if (open != null) {
            try {
                open.close();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "closing the change stream", e);
            }
        }
        watcher.interrupt();
        local.close();
    }
}
