package app.alongside.platform.graphql;

import app.alongside.kernel.Principal;
import app.alongside.platform.core.Json;
import app.alongside.platform.http.RateLimiter;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsListener;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * GraphQL over WebSocket with the {@code graphql-transport-ws} protocol (the one the {@code graphql-ws} library
 * speaks), at the same path as GraphQL over HTTP: a GET with {@code Upgrade: websocket} becomes a socket, any
 * other GET stays an HTTP request. Each socket gets its own {@link GraphqlWsConnection}; what they share is here.
 *
 * @param engine         runs the operations, with every limit HTTP has
 * @param json           reads and writes the messages
 * @param authenticator  who opened the connection (once, at {@code connection_init})
 * @param limiter        the same per-address and per-account budget as GraphQL over HTTP, one token per operation
 * @param limits         message size, init timeout and operations per connection
 * @param allowedOrigins web origins, besides the server's own, that may open a socket from a browser
 */
public record GraphqlWebSocket(GraphqlEngine engine, Json json, Authenticator authenticator, RateLimiter limiter,
                               Limits limits, Set<String> allowedOrigins, Live live) {
    public static final String PROTOCOL = "graphql-transport-ws";

    public GraphqlWebSocket(GraphqlEngine engine, Json json, Authenticator authenticator, RateLimiter limiter,
                            Limits limits, Set<String> allowedOrigins) {
        this(engine, json, authenticator, limiter, limits, allowedOrigins, new Live());
    }

    /** Open connections and running subscriptions, for the gauges at {@code /observe/metrics}. */
    public record Live(java.util.concurrent.atomic.AtomicInteger connections,
                       java.util.concurrent.atomic.AtomicInteger subscriptions) {
        public Live() {
            this(new java.util.concurrent.atomic.AtomicInteger(), new java.util.concurrent.atomic.AtomicInteger());
        }
    }

    /** Works out who opened a connection from the upgrade request and the {@code connection_init} payload. */
    public interface Authenticator {
        /** Throws {@link ApiException} when a credential is present but does not check out. */
        Principal authenticate(Headers upgradeRequest, Map<String, Object> initPayload);

        /**
         * Checks the credential again while the socket is open. Unlike {@link #authenticate} it is not activity:
         * a console session must still end after its idle time when a tab is merely left open on a live page.
         */
        default Principal recheck(Headers upgradeRequest, Map<String, Object> initPayload) {
            return authenticate(upgradeRequest, initPayload);
        }

        /** The client's address for rate limits, as GraphQL over HTTP works it out. */
        String clientAddress(java.net.SocketAddress peer, Headers upgradeRequest);
    }

    /**
     * @param maxMessageBytes largest message a client may send (the HTTP body limit)
     * @param initTimeout     how long a client has to send {@code connection_init}
     * @param maxOperations   how many operations one connection may run at once
     * @param recheck         how often an acknowledged connection's credential is checked again, so that a
     *                        subscription does not outlive a session that ended or a token that expired
     */
    public record Limits(int maxMessageBytes, Duration initTimeout, int maxOperations, Duration recheck) {
        public Limits(int maxMessageBytes, Duration initTimeout, int maxOperations) {
            this(maxMessageBytes, initTimeout, maxOperations, Duration.ofMinutes(1));
        }
    }

    /**
     * Answers refusals made before routing: one whose headers say JSON (the upgrade refusal above) goes out as it
     * is, anything else as Helidon answers it (which HTML-escapes the message, and would garble the JSON).
     */
    public static DirectHandler refusals() {
        DirectHandler fallback = DirectHandler.defaultHandler();
        return (request, type, status, headers, message) -> {
            boolean json = headers.first(HeaderNames.CONTENT_TYPE).filter("application/json"::equals).isPresent();
            if (!json || message == null || message.isEmpty()) {
                return fallback.handle(request, type, status, headers, message);
            }
            return DirectHandler.TransportResponse.builder().status(status).headers(headers).entity(message).build();
        };
    }

    public WsRouting.Builder routing(String path) {
        return WsRouting.builder().endpoint(path, this::newConnection);
    }

    WsListener newConnection() {
        return new GraphqlWsConnection(this);
    }
}
