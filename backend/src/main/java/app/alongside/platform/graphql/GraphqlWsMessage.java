package app.alongside.platform.graphql;

import app.alongside.platform.core.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A message a client sends under the {@code graphql-transport-ws} protocol, checked for shape, and the messages
 * the server sends back. Anything that is not one of the five client messages with the fields it needs is no
 * message at all: the connection closes with 4400.
 */
record GraphqlWsMessage(Type type, String id, Map<String, Object> payload) {
    /** The messages a client may send. */
    enum Type {
        CONNECTION_INIT("connection_init"),
        PING("ping"),
        PONG("pong"),
        SUBSCRIBE("subscribe"),
        COMPLETE("complete");

        private final String wire;

        Type(String wire) {
            this.wire = wire;
        }

        static Optional<Type> of(Object wire) {
            for (Type type : values()) {
                if (type.wire.equals(wire)) {
                    return Optional.of(type);
                }
            }
            return Optional.empty();
        }
    }

    /** Parses a client message, or gives empty when it is not one (not JSON, unknown type, missing fields). */
    @SuppressWarnings("unchecked")
    static Optional<GraphqlWsMessage> parse(String text, Json json) {
        Object parsed;
        try {
            parsed = json.parse(text).orElse(null);
        } catch (Json.TooDeep e) {
            return Optional.empty();
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            return Optional.empty();
        }
        Optional<Type> type = Type.of(map.get("type"));
        Object id = map.get("id");
        Object payload = map.get("payload");
        if (type.isEmpty() || !(payload == null || payload instanceof Map<?, ?>)) {
            return Optional.empty();
        }
        boolean needsId = type.get() == Type.SUBSCRIBE || type.get() == Type.COMPLETE;
        if (needsId && !(id instanceof String s && !s.isEmpty())) {
            return Optional.empty();
        }
        if (type.get() == Type.SUBSCRIBE && payload == null) {
            return Optional.empty();
        }
        return Optional.of(new GraphqlWsMessage(type.get(), needsId ? (String) id : null,
                payload == null ? Map.of() : (Map<String, Object>) payload));
    }

    static Map<String, Object> connectionAck() {
        return Map.of("type", "connection_ack");
    }

    /** The answer to a ping: it echoes the ping's payload, if there was one. */
    static Map<String, Object> pong(Map<String, Object> payload) {
        return payload.isEmpty() ? Map.of("type", "pong") : Map.of("type", "pong", "payload", payload);
    }

    static Map<String, Object> next(String id, Map<String, Object> result) {
        return message("next", id, result);
    }

    static Map<String, Object> error(String id, List<?> errors) {
        return message("error", id, errors);
    }

    static Map<String, Object> complete(String id) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("type", "complete");
        return message;
    }

    private static Map<String, Object> message(String type, String id, Object payload) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("type", type);
        message.put("payload", payload);
        return message;
    }
}
