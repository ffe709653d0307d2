package app.alongside.messaging;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bus for one instance (the embedded store has no change streams): events go straight to this instance's
 * listeners. Listeners must be quick (they queue the event); one that throws is logged and the others still run.
 */
public final class InProcessEventBus implements EventBus {
    private static final Logger LOG = Logger.getLogger(InProcessEventBus.class.getName());

    private final Set<Consumer<MessagingEvent>> listeners = ConcurrentHashMap.newKeySet();

    @Override
    public void publish(MessagingEvent event) {
        for (Consumer<MessagingEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a messaging listener failed", e);
            }
        }
    }

    @Override
    public AutoCloseable subscribe(Consumer<MessagingEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** How many listeners are registered: subscriptions that ended must not leave one behind. */
    public int listenerCount() {
        return listeners.size();
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
