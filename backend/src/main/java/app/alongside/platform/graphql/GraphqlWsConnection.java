package app.alongside.platform.graphql;

import app.alongside.kernel.Principal;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.observe.Tracing;
import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.WritableHeaders;
import io.helidon.logging.common.HelidonMdc;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One socket speaking {@code graphql-transport-ws}. Messages arrive one at a time on the socket's own thread;
 * each operation runs on a virtual thread of its own, so a slow query never holds up a ping or a
 * {@code complete}. Everything sent goes through one lock: Helidon's session must not be written by two threads
 * at once. Any breach of the protocol closes the socket with the protocol's close code.
 */
final class GraphqlWsConnection implements WsListener {
    private static final Logger LOG = Logger.getLogger(GraphqlWsConnection.class.getName());

    private final GraphqlWebSocket endpoint;
    private final String connectionId = UUID.randomUUID().toString();
    private final Map<String, GraphqlWsOperation> operations = new ConcurrentHashMap<>();
    private final Object sendLock = new Object();
    private final StringBuilder fragments = new StringBuilder();
    private int fragmentBytes;
    private Headers upgradeRequest = WritableHeaders.create();
    private boolean protocolAgreed;
    private String clientAddress = "-";
    private volatile WsSession session;
    private volatile boolean initReceived;
    private volatile RequestContext context;
    private volatile Map<String, Object> initPayload = Map.of();
    private boolean closed;
    private final java.util.concurrent.atomic.AtomicBoolean counted = new java.util.concurrent.atomic.AtomicBoolean();
    /** The trace the upgrade request carried ({@code traceparent}), parent of every operation's span. */
    private volatile io.opentelemetry.context.Context trace = io.opentelemetry.context.Context.root();

    GraphqlWsConnection(GraphqlWebSocket endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
        GraphqlWsHandshake.checkOrigin(headers, endpoint.allowedOrigins());
        upgradeRequest = WritableHeaders.create(headers);
        trace = Tracing.extract(name -> headers.first(HeaderNames.create(name)));
        protocolAgreed = GraphqlWsHandshake.agreeProtocol(headers, endpoint.json());
        return protocolAgreed ? Optional.of(GraphqlWsHandshake.reply()) : Optional.empty();
    }

    @Override
    public void onOpen(WsSession session) {
        this.session = session;
        clientAddress = endpoint.authenticator().clientAddress(session.socketContext().remotePeer().address(),
                upgradeRequest);
        if (!protocolAgreed) {
            close(GraphqlWsClose.SUBPROTOCOL_NOT_ACCEPTABLE);
            return;
        }
        LOG.info(() -> "graphql-ws " + connectionId + " opened");
        if (counted.compareAndSet(false, true)) {
            endpoint.live().connections().incrementAndGet();
        }
        CompletableFuture.delayedExecutor(endpoint.limits().initTimeout().toMillis(), TimeUnit.MILLISECONDS,
                task -> Thread.ofVirtual().start(task)).execute(() -> {
                    if (!initReceived) {
                        close(GraphqlWsClose.INIT_TIMEOUT);
                    }
                });
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        if (isClosed()) {
            return;
        }
        fragmentBytes += text.getBytes(StandardCharsets.UTF_8).length;
        if (fragmentBytes > endpoint.limits().maxMessageBytes()) {
            close(GraphqlWsClose.TOO_BIG);
            return;
        }
        if (!last) {
            fragments.append(text);
            return;
        }
        String message = fragments.isEmpty() ? text : fragments.append(text).toString();
        fragments.setLength(0);
        fragmentBytes = 0;
        try {
            handle(message);
        } catch (StackOverflowError e) {
            // Messages are read without recursion and nest at most GRAPHQL_MAX_JSON_DEPTH: should anything still
            // run out of stack, it was this message's shape, and only this socket ends.
            LOG.warning("graphql-ws " + connectionId + " message ran out of stack");
            close(GraphqlWsClose.BAD_REQUEST);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "graphql-ws " + connectionId + " failed", e);
            close(GraphqlWsClose.INTERNAL);
        }
    }

    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        close(GraphqlWsClose.BAD_REQUEST);
    }

    @Override
    public void onPing(WsSession session, BufferData buffer) {
        synchronized (sendLock) {
            if (!closed) {
                session.pong(buffer);
            }
        }
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        boolean byClient;
        synchronized (sendLock) {
            byClient = !closed;
            closed = true;
        }
        uncount();
        cancelAll();
        if (byClient) {
            LOG.info(() -> "graphql-ws " + connectionId + " closed by the client (" + status + ")");
        }
    }

    @Override
    public void onError(WsSession session, Throwable failure) {
        LOG.log(Level.WARNING, "graphql-ws " + connectionId + " failed", failure);
        synchronized (sendLock) {
            closed = true;
        }
        uncount();
        cancelAll();
    }

    private void uncount() {
        if (counted.compareAndSet(true, false)) {
            endpoint.live().connections().decrementAndGet();
        }
    }

    private void handle(String text) {
        Optional<GraphqlWsMessage> parsed = GraphqlWsMessage.parse(text, endpoint.json());
        if (parsed.isEmpty()) {
            close(GraphqlWsClose.BAD_REQUEST);
            return;
        }
        GraphqlWsMessage message = parsed.get();
        switch (message.type()) {
            case CONNECTION_INIT -> init(message.payload());
            case PING -> send(GraphqlWsMessage.pong(message.payload()));
            case PONG -> { }
            case SUBSCRIBE -> subscribe(message);
            case COMPLETE -> cancel(message.id());
        }
    }

    private void init(Map<String, Object> payload) {
        if (initReceived) {
            close(GraphqlWsClose.TOO_MANY_INITS);
            return;
        }
        initReceived = true;
        Principal principal;
        try {
            endpoint.limiter().acquire("ip:" + clientAddress);
            principal = endpoint.authenticator().authenticate(upgradeRequest, payload);
        } catch (ApiException e) {
            LOG.info(() -> "graphql-ws " + connectionId + " refused: " + e.code());
            close(e.code() == ErrorCode.RATE_LIMITED ? GraphqlWsClose.TRY_AGAIN_LATER : GraphqlWsClose.FORBIDDEN);
            return;
        }
        initPayload = payload;
        context = new RequestContext(connectionId, principal, clientAddress);
        send(GraphqlWsMessage.connectionAck());
        if (!(principal instanceof Principal.Anonymous)) {
            Thread.ofVirtual().name("graphql-ws-recheck").start(this::recheckWhileOpen);
        }
        LOG.info(() -> "graphql-ws " + connectionId + " acknowledged as " + principal.getClass().getSimpleName());
    }

    private void subscribe(GraphqlWsMessage message) {
        if (context == null) {
            close(GraphqlWsClose.UNAUTHORIZED);
            return;
        }
        // The credential is checked again for every operation: a session that ended (sign-out, deactivation) or
        // a token that expired or was revoked must not live on in an open socket.
        RequestContext current;
        try {
            current = new RequestContext(connectionId, endpoint.authenticator().authenticate(upgradeRequest,
                    initPayload), clientAddress);
        } catch (ApiException e) {
            LOG.info(() -> "graphql-ws " + connectionId + " closed: credential no longer valid (" + e.code() + ")");
            close(GraphqlWsClose.FORBIDDEN);
            return;
        }
        GraphqlRequest request;
        try {
            request = GraphqlRequest.fromBody(message.payload());
        } catch (ApiException e) {
            close(GraphqlWsClose.BAD_REQUEST);
            return;
        }
        GraphqlWsOperation operation = new GraphqlWsOperation(message.id(), operations, this::send,
                endpoint.live().subscriptions());
        if (operations.putIfAbsent(operation.id(), operation) != null) {
            close(GraphqlWsClose.SUBSCRIBER_EXISTS);
            return;
        }
        Optional<ApiException> refused = admit(current.principal());
        if (refused.isPresent()) {
            operations.remove(operation.id(), operation);
            send(GraphqlWsMessage.error(operation.id(), List.of(GraphqlErrors.requestError(refused.get()))));
            return;
        }
        Thread.ofVirtual().name("graphql-ws-operation").start(() -> {
            HelidonMdc.set(Tracing.REQUEST_ID_KEY, connectionId);
            try (io.opentelemetry.context.Scope scope = trace.makeCurrent()) {
                operation.run(endpoint.engine(), request, current);
            } finally {
                HelidonMdc.remove(Tracing.REQUEST_ID_KEY);
            }
        });
    }

    /**
     * Checks the connection's credential again every {@code recheck} while the socket is open: subscriptions live
     * long, and a session that ended (sign-out, deactivation, expiry) or a token that expired or was revoked must
     * not keep receiving. Closes with 4403 when it no longer checks out; an app reconnects with a fresh token.
     */
    private void recheckWhileOpen() {
        while (!isClosed()) {
            try {
                Thread.sleep(endpoint.limits().recheck());
            } catch (InterruptedException e) {
                return;
            }
            if (isClosed()) {
                return;
            }
            try {
                endpoint.authenticator().recheck(upgradeRequest, initPayload);
            } catch (ApiException e) {
                LOG.info(() -> "graphql-ws " + connectionId + " closed: credential no longer valid (" + e.code()
                        + ")");
                close(GraphqlWsClose.FORBIDDEN);
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "graphql-ws " + connectionId + " could not recheck its credential", e);
            }
        }
    }

    /** Refuses an operation beyond the per-connection limit, or beyond the rate GraphQL over HTTP allows. */
    private Optional<ApiException> admit(Principal principal) {
        int max = endpoint.limits().maxOperations();
        if (operations.size() > max) {
            return Optional.of(new ApiException(ErrorCode.RATE_LIMITED,
                    "At most " + max + " operations can run at once on one connection."));
        }
        try {
            endpoint.limiter().acquire("ip:" + clientAddress);
            if (!(principal instanceof Principal.Anonymous)) {
                endpoint.limiter().acquire(principal.key());
            }
            return Optional.empty();
        } catch (ApiException e) {
            return Optional.of(e);
        }
    }

    private void cancel(String id) {
        GraphqlWsOperation operation = operations.remove(id);
        if (operation != null) {
            operation.cancel();
        }
    }

    private void cancelAll() {
        operations.keySet().forEach(this::cancel);
    }

    /**
     * Sends one message, unless the socket is closed. A socket that dropped without a close frame shows up here
     * as a failed write: that is when its subscriptions are cancelled.
     */
    private void send(Map<String, Object> message) {
        String text = endpoint.json().write(message);
        synchronized (sendLock) {
            if (closed) {
                return;
            }
            try {
                session.send(text, true);
                return;
            } catch (RuntimeException e) {
                closed = true;
                LOG.fine(() -> "graphql-ws " + connectionId + " cannot send: " + e);
            }
        }
        cancelAll();
    }

    private void close(GraphqlWsClose close) {
        synchronized (sendLock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                session.close(close.code, close.reason);
            } catch (RuntimeException e) {
                LOG.fine(() -> "graphql-ws " + connectionId + " cannot send close: " + e);
            }
        }
        uncount();
        cancelAll();
        LOG.info(() -> "graphql-ws " + connectionId + " closed: " + close.code + " " + close.reason);
    }

    private boolean isClosed() {
        synchronized (sendLock) {
            return closed;
        }
    }
}
