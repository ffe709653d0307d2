package app.alongside.bench;

import app.alongside.platform.core.Json;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Building the requests scenarios send and reading what comes back, the same way for every scenario. */
final class Exchanges {
    static final Json JSON = new Json();

    private Exchanges() {
    }

    /** A GraphQL POST as an app sends it: JSON in, {@code application/graphql-response+json} accepted. */
    static HttpRequest.Builder graphql(URI endpoint, String query, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("Accept", "application/graphql-response+json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.write(body)));
    }

    /** A JSON object's members; fails loudly on anything else. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String text) {
        return JSON.parse(text).filter(Map.class::isInstance).map(m -> (Map<String, Object>) m)
                .orElseThrow(() -> new IllegalStateException("not a JSON object: " + text));
    }

    /** The {@code data} of a successful answer (either side); fails loudly on anything else. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> data(String side, HttpResponse<String> response) {
        Map<String, Object> body = object(response.body());
        if (response.statusCode() != 200 || body.containsKey("errors") || !(body.get("data") instanceof Map)) {
            throw new IllegalStateException(side + " answered " + response.statusCode() + ": " + response.body());
        }
        return (Map<String, Object>) body.get("data");
    }

    /** Sends {@code data} as a GraphQL-shaped JSON body, so both sides put the same bytes on the wire. */
    static void sendData(ServerResponse res, Map<String, Object> data) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        res.send(JSON.write(Map.of("data", data)).getBytes(StandardCharsets.UTF_8));
    }
}
