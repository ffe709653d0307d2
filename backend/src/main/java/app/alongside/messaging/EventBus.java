package app.alongside.messaging;

import java.util.function.Consumer;

/**
 * Carries {@link MessagingEvent}s to every subscriber on every instance. Publishing never blocks on subscribers
 * and never fails the write that caused it: an event lost to a crash is recovered by clients from sequence numbers.
 */
public interface EventBus extends AutoCloseable {
    /** Hands the event to the bus, after the write it reports has been made. */
    void publish(MessagingEvent event);

    /** Calls {@code listener} with each event from now on, until the returned handle is closed. */
    AutoCloseable subscribe(Consumer<MessagingEvent> listener);

    @Override
    void close();
}
