package app.alongside.platform.graphql;

import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.Json;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.websocket.WsUpgrader;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The upgrade to a GraphQL socket: who may open one (the origin check) and which subprotocol it speaks. An upgrade
 * offering only other subprotocols is refused with a JSON 400; one offering none is upgraded and then closed with
 * 4406, as {@code graphql-transport-ws} asks.
 */
final class GraphqlWsHandshake {
    private GraphqlWsHandshake() {
    }

    /** Refuses (403) an upgrade from a web origin that is neither the server's own nor allowed. */
    static void checkOrigin(Headers headers, Set<String> allowedOrigins) {
        if (!originAllowed(headers.first(HeaderNames.ORIGIN), headers.first(HeaderNames.HOST), allowedOrigins)) {
            throw RequestException.builder().type(DirectHandler.EventType.FORBIDDEN)
                    .message("This origin may not open a GraphQL socket.").build();
        }
    }

    /**
     * Whether the client offered {@value GraphqlWebSocket#PROTOCOL}; refuses (400) an upgrade that offered only
     * others.
     */
    static boolean agreeProtocol(Headers headers, Json json) {
        List<String> offered = headers.all(WsUpgrader.PROTOCOL, List::of).stream()
                .flatMap(value -> Arrays.stream(value.split(","))).map(String::trim).filter(p -> !p.isEmpty())
                .toList();
        boolean agreed = offered.contains(GraphqlWebSocket.PROTOCOL);
        if (!agreed && !offered.isEmpty()) {
            throw RequestException.builder().type(DirectHandler.EventType.BAD_REQUEST).status(Status.BAD_REQUEST_400)
                    .header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "application/json"))
                    .message(unknownSubprotocol(offered, json)).safeMessage(true).build();
        }
        return agreed;
    }

    /** The upgrade response's headers once the protocol is agreed. */
    static WritableHeaders<?> reply() {
        WritableHeaders<?> reply = WritableHeaders.create();
        reply.set(WsUpgrader.PROTOCOL, GraphqlWebSocket.PROTOCOL);
        return reply;
    }

    /**
     * The body of the 400 that refuses an upgrade offering only subprotocols other than ours (such as the legacy
     * {@code graphql-ws} of subscriptions-transport-ws): a request error with code {@code BAD_REQUEST}, so the
     * client is told at once instead of being upgraded without a protocol and dropped.
     */
    private static String unknownSubprotocol(List<String> offered, Json json) {
        String message = "Unsupported WebSocket subprotocol " + String.join(", ", offered).replaceAll("[^ -~]", "?")
                + ": this server speaks only " + GraphqlWebSocket.PROTOCOL + " (the graphql-ws library's protocol).";
        return json.write(Map.of("errors", List.of(Map.of("message", message,
                "extensions", Map.of("code", ErrorCode.BAD_REQUEST.name())))));
    }

    /**
     * Whether a socket may be opened from {@code origin}. Browsers always send it and cannot forge it, and a
     * socket, unlike a fetch, is not held back by CORS: without this check any web page could open one with the
     * console's cookie. Apps send no Origin and pass.
     */
    static boolean originAllowed(Optional<String> origin, Optional<String> host, Set<String> allowedOrigins) {
        if (origin.isEmpty() || allowedOrigins.contains(origin.get())) {
            return true;
        }
        if (host.isEmpty()) {
            return false;
        }
        try {
            URI from = new URI(origin.get());
            if (from.getScheme() == null || from.getHost() == null) {
                return false;
            }
            URI self = new URI(from.getScheme() + "://" + host.get());
            return authority(from).equals(authority(self));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String authority(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT) + ":" + port;
    }
}
