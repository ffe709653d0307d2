package app.alongside.platform.graphql;

import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.Json;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a GraphQL-over-HTTP request, checked for shape: {@code query} and {@code operationName} are
 * strings or absent, {@code variables} and {@code extensions} are maps or absent. Anything else is a
 * {@link ErrorCode#BAD_REQUEST}.
 */
public record GraphqlRequest(String query, String operationName, Map<String, Object> variables,
                             Map<String, Object> extensions) {

    /** From a parsed JSON body (POST). */
    public static GraphqlRequest fromBody(Object body) {
        if (body instanceof List<?>) {
            throw badRequest("Batched requests (a JSON array) are not supported: send one operation per request.");
        }
        if (!(body instanceof Map<?, ?> map)) {
            throw badRequest("The request body must be a JSON object with a \"query\".");
        }
        return new GraphqlRequest(string(map.get("query"), "query"), string(map.get("operationName"), "operationName"),
                object(map.get("variables"), "variables"), object(map.get("extensions"), "extensions"));
    }

    /** From GET query parameters, whose {@code variables} and {@code extensions} are JSON text. */
    public static GraphqlRequest fromParameters(Map<String, String> params, Json json) {
        return new GraphqlRequest(params.get("query"), params.get("operationName"),
                object(jsonParam(params.get("variables"), "variables", json), "variables"),
                object(jsonParam(params.get("extensions"), "extensions", json), "extensions"));
    }

    public Optional<String> queryText() {
        return Optional.ofNullable(query).filter(q -> !q.isBlank());
    }

    private static Object jsonParam(String raw, String name, Json json) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return json.parse(raw).orElseThrow(() -> badRequest("The \"" + name + "\" parameter is not valid JSON."));
    }

    private static String string(Object value, String name) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw badRequest("The \"" + name + "\" parameter must be a string.");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String name) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw badRequest("The \"" + name + "\" parameter must be a JSON object.");
    }

    static ApiException badRequest(String message) {
        return new ApiException(ErrorCode.BAD_REQUEST, message);
    }
}
