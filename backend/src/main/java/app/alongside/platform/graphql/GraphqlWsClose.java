package app.alongside.platform.graphql;

import io.helidon.websocket.WsCloseCodes;

/** The close codes of {@code graphql-transport-ws} (and two of WebSocket's own), with the reason given. */
enum GraphqlWsClose {
    BAD_REQUEST(4400, "Invalid message received"),
    UNAUTHORIZED(4401, "Unauthorized"),
    FORBIDDEN(4403, "Forbidden"),
    SUBPROTOCOL_NOT_ACCEPTABLE(4406, "Subprotocol not acceptable"),
    INIT_TIMEOUT(4408, "Connection initialisation timeout"),
    SUBSCRIBER_EXISTS(4409, "Subscriber for this id already exists"),
    TOO_MANY_INITS(4429, "Too many initialisation requests"),
    INTERNAL(4500, "Internal server error"),
    TOO_BIG(WsCloseCodes.TOO_BIG, "Message too big"),
    TRY_AGAIN_LATER(WsCloseCodes.TRY_AGAIN_LATER, "Too many requests, try again later");

    final int code;
    final String reason;

    GraphqlWsClose(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }
}
