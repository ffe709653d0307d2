package app.alongside.messaging;

import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.ErrorCode;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A subscription's events as a Reactive Streams publisher. The bus listener only queues matching events; a virtual
 * thread per subscriber turns each into what the client sees ({@code show}, which checks access again and loads the
 * object), as fast as the client asks. {@code show} answers empty to skip an event, or throws {@link ApiException}
 * to end the subscription with that error. A client that falls more than {@code buffer} events behind is ended
 * with RATE_LIMITED rather than holding memory without bound.
 */
final class EventStream<T> implements Publisher<T> {
    private static final Logger LOG = Logger.getLogger(EventStream.class.getName());

    private final EventBus bus;
    private final Predicate<MessagingEvent> wanted;
    private final Function<MessagingEvent, Optional<T>> show;
    private final int buffer;

    EventStream(EventBus bus, Predicate<MessagingEvent> wanted, Function<MessagingEvent, Optional<T>> show,
                int buffer) {
        this.bus = bus;
        this.wanted = wanted;
        this.show = show;
        this.buffer = buffer;
    }

    @Override
    public void subscribe(Subscriber<? super T> subscriber) {
        Delivery delivery = new Delivery(subscriber);
        delivery.handle = bus.subscribe(event -> {
            if (wanted.test(event)) {
                delivery.offer(event);
            }
        });
        subscriber.onSubscribe(delivery);
        delivery.worker = Thread.ofVirtual().name("messaging-subscription").start(delivery::run);
    }

    private final class Delivery implements Subscription {
        private final Subscriber<? super T> subscriber;
        private final BlockingQueue<MessagingEvent> queue = new LinkedBlockingQueue<>();
        private final Semaphore demand = new Semaphore(0);
        private volatile AutoCloseable handle;
        private volatile Thread worker;
        private volatile boolean done;
        private volatile boolean overflowed;

        Delivery(Subscriber<? super T> subscriber) {
            this.subscriber = subscriber;
        }

        void offer(MessagingEvent event) {
            if (queue.size() >= buffer) {
                overflowed = true;
                queue.clear();
            }
            queue.add(event);
        }

        void run() {
            try {
                while (!done) {
                    demand.acquire();
                    deliverNext();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ApiException e) {
                finish();
                subscriber.onError(e);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a messaging subscription failed", e);
                finish();
                subscriber.onError(e);
            }
        }

        private void deliverNext() throws InterruptedException {
            while (!done) {
                MessagingEvent event = queue.take();
                if (overflowed) {
                    throw new ApiException(ErrorCode.RATE_LIMITED, "Events arrived faster than this client read "
                            + "them; subscribe again and fetch what was missed by sequence number.");
                }
                Optional<T> shown = show.apply(event);
                if (shown.isPresent() && !done) {
                    subscriber.onNext(shown.get());
                    return;
                }
            }
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                finish();
                subscriber.onError(new IllegalArgumentException("request must be positive (rule 3.9)"));
                return;
            }
            demand.release((int) Math.min(n, Integer.MAX_VALUE / 2 - demand.availablePermits()));
        }

        @Override
        public void cancel() {
            finish();
            Thread current = worker;
            if (current != null && current != Thread.currentThread()) {
                current.interrupt();
            }
        }

        private void finish() {
            done = true;
            AutoCloseable current = handle;
            if (current != null) {
                try {
                    current.close();
                } catch (Exception e) {
                    LOG.log(Level.FINE, "closing a bus subscription", e);
                }
            }
        }
    }
}
