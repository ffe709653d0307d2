package app.alongside.platform.graphql;

import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.RequestContext;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One operation a WebSocket client started with {@code subscribe}: sends its result as {@code next} and
 * {@code complete} (or its request errors as {@code error}), or, for a subscription, one {@code next} per event
 * until the stream ends or the client sends {@code complete}. It stays in the connection's registry while it
 * runs; whoever takes it out first (the operation finishing, or the client cancelling) decides what is sent.
 */
final class GraphqlWsOperation implements Subscriber<Map<String, Object>> {
    private final String id;
    private final Map<String, GraphqlWsOperation> registry;
    private final Consumer<Map<String, Object>> out;
    private volatile Subscription subscription;
    private volatile boolean cancelled;
    private final java.util.concurrent.atomic.AtomicInteger subscriptions;
    private final java.util.concurrent.atomic.AtomicBoolean streaming = new java.util.concurrent.atomic.AtomicBoolean();

    GraphqlWsOperation(String id, Map<String, GraphqlWsOperation> registry, Consumer<Map<String, Object>> out) {
        this(id, registry, out, new java.util.concurrent.atomic.AtomicInteger());
    }

    /** As above, counting in {@code subscriptions} while this operation is a running subscription. */
    GraphqlWsOperation(String id, Map<String, GraphqlWsOperation> registry, Consumer<Map<String, Object>> out,
                       java.util.concurrent.atomic.AtomicInteger subscriptions) {
        this.id = id;
        this.registry = registry;
        this.out = out;
        this.subscriptions = subscriptions;
    }

    String id() {
        return id;
    }

    /** Runs the operation on the calling thread; a subscription then goes on on its publisher's threads. */
    void run(GraphqlEngine engine, GraphqlRequest request, RequestContext context) {
        try {
            switch (engine.subscribe(request, context)) {
                case GraphqlEngine.Single single -> answer(single.outcome());
                case GraphqlEngine.Stream stream -> {
                    if (streaming.compareAndSet(false, true)) {
                        subscriptions.incrementAndGet();
                    }
                    stream.results().subscribe(this);
                }
            }
        } catch (RuntimeException e) {
            onError(e);
        }
    }

    /** The client no longer wants results, or the connection is gone. */
    void cancel() {
        cancelled = true;
        stopCounting();
        Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }

    @Override
    public void onSubscribe(Subscription s) {
        subscription = s;
        if (cancelled) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(Map<String, Object> result) {
        if (cancelled) {
            return;
        }
        out.accept(GraphqlWsMessage.next(id, result));
        // One event at a time: the next is asked for only once this one is on the wire.
        subscription.request(1);
    }

    @Override
    public void onError(Throwable failure) {
        if (end()) {
            Map<String, Object> extensions = GraphqlErrors.extensionsFor(failure);
            String message = failure instanceof ApiException api ? api.getMessage()
                    : GraphqlErrors.messageFor(extensions);
            out.accept(GraphqlWsMessage.error(id, List.of(Map.of("message", message, "extensions", extensions))));
        }
    }

    @Override
    public void onComplete() {
        if (end()) {
            out.accept(GraphqlWsMessage.complete(id));
        }
    }

    private void answer(GraphqlEngine.Outcome outcome) {
        if (!end()) {
            return;
        }
        if (outcome.kind() == GraphqlEngine.Kind.OK) {
            out.accept(GraphqlWsMessage.next(id, outcome.body()));
            out.accept(GraphqlWsMessage.complete(id));
        } else {
            out.accept(GraphqlWsMessage.error(id, (List<?>) outcome.body().get("errors")));
        }
    }

    private boolean end() {
        stopCounting();
        return registry.remove(id, this);
    }

    private void stopCounting() {
        if (streaming.compareAndSet(true, false)) {
            subscriptions.decrementAndGet();
        }
    }
}
