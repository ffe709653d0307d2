package app.alongside.messaging;

import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.ErrorCode;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventStreamTest {
    private final InProcessEventBus bus = new InProcessEventBus();

    private static MessagingEvent added(String thread, String message) {
        return new MessagingEvent(MessagingEvent.Kind.MESSAGE_ADDED, thread, "s1", "y1", message);
    }

    /** A subscriber that asks for one event at a time and records what it gets. */
    private static class Recorder implements Subscriber<String> {
        final BlockingQueue<String> items = new LinkedBlockingQueue<>();
        final CompletableFuture<Throwable> error = new CompletableFuture<>();
        volatile Subscription subscription;

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(String item) {
            items.add(item);
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            error.complete(t);
        }

        @Override
        public void onComplete() {
            error.complete(null);
        }

        String next() throws InterruptedException {
            return items.poll(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void deliversMatchingEventsInOrderAndSkipsEmptyOnes() throws Exception {
        EventStream<String> stream = new EventStream<>(bus, e -> e.threadId().equals("t1"),
                e -> e.messageId().equals("hidden") ? Optional.empty() : Optional.of(e.messageId()), 10);
        Recorder recorder = new Recorder();
        stream.subscribe(recorder);
        bus.publish(added("t1", "m1"));
        bus.publish(added("t2", "other thread"));
        bus.publish(added("t1", "hidden"));
        bus.publish(added("t1", "m2"));
        assertEquals("m1", recorder.next());
        assertEquals("m2", recorder.next());
        assertNull(recorder.items.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void anAccessFailureEndsTheStreamWithItsError() throws Exception {
        EventStream<String> stream = new EventStream<>(bus, e -> true, e -> {
            throw new ApiException(ErrorCode.FORBIDDEN, "no longer");
        }, 10);
        Recorder recorder = new Recorder();
        stream.subscribe(recorder);
        bus.publish(added("t1", "m1"));
        Throwable error = recorder.error.get(5, TimeUnit.SECONDS);
        assertEquals(ErrorCode.FORBIDDEN, assertInstanceOf(ApiException.class, error).code());
        assertEquals(0, bus.listenerCount(), "the bus forgets an ended subscription");
    }

    @Test
    void cancellingUnsubscribesFromTheBus() throws Exception {
        EventStream<String> stream = new EventStream<>(bus, e -> true, e -> Optional.of(e.messageId()), 10);
        Recorder recorder = new Recorder();
        stream.subscribe(recorder);
        assertEquals(1, bus.listenerCount());
        recorder.subscription.cancel();
        assertEquals(0, bus.listenerCount());
        bus.publish(added("t1", "m1"));
        assertNull(recorder.items.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void aClientThatFallsTooFarBehindIsEndedWhenItReadsAgain() throws Exception {
        EventStream<String> stream = new EventStream<>(bus, e -> true, e -> Optional.of(e.messageId()), 3);
        Recorder slow = new Recorder() {
            @Override
            public void onSubscribe(Subscription s) {
                subscription = s;
            }
        };
        stream.subscribe(slow);
        for (String id : List.of("m1", "m2", "m3", "m4")) {
            bus.publish(added("t1", id));
        }
        slow.subscription.request(1);
        Throwable error = slow.error.get(5, TimeUnit.SECONDS);
        assertEquals(ErrorCode.RATE_LIMITED, assertInstanceOf(ApiException.class, error).code());
        assertTrue(slow.items.isEmpty(), "it is told to fetch by sequence number, not given a partial stream");
        assertEquals(0, bus.listenerCount());
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        bus.subscribe(e -> {
            throw new IllegalStateException("broken listener");
        });
        bus.subscribe(e -> seen.add(e.messageId()));
        bus.publish(added("t1", "m1"));
        assertEquals(List.of("m1"), seen);
    }
}
