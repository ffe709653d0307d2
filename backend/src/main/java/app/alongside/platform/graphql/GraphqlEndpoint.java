package app.alongside.platform.graphql;

import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.Json;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.http.HttpFilters;
import app.alongside.platform.observe.Tracing;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * GraphQL over HTTP at {@code /graphql}, following the GraphQL-over-HTTP specification: POST with
 * {@code application/json}, GET for queries, answers in {@code application/graphql-response+json} when the client
 * accepts it (request errors then use 400) and in {@code application/json} otherwise (request errors then use
 * 200, as the spec asks for legacy clients). A body that is not JSON at all is 400 under both. Body size, media
 * type and method are checked before any parsing.
 */
public final class GraphqlEndpoint implements HttpService {
    static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    static final String JSON = "application/json";

    private final GraphqlEngine engine;
    private final GraphqlMetrics metrics;
    private final Json json;
    private final int maxBodyBytes;
    private final Authenticator authenticator;

    /** Works out the request context (who is asking) from the HTTP request; identity plugs in here. */
    @FunctionalInterface
    public interface Authenticator {
        RequestContext authenticate(ServerRequest request, String requestId);
    }

    /** {@code metrics} counts the request errors answered here; the engine counts those of operations. */
    public GraphqlEndpoint(GraphqlEngine engine, GraphqlMetrics metrics, Json json, int maxBodyBytes,
                           Authenticator authenticator) {
        this.engine = engine;
        this.metrics = metrics;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::get)
                .post("/", this::post)
                .any("/", (req, res) -> {
                    res.header(HeaderNames.ALLOW, "GET, POST");
                    sendError(req, res, Status.METHOD_NOT_ALLOWED_405, JSON, new ApiException(
                            ErrorCode.METHOD_NOT_ALLOWED, "Use GET for queries or POST for any operation."));
                });
    }

    private void get(ServerRequest req, ServerResponse res) {
        Optional<String> mediaType = negotiate(req);
        if (mediaType.isEmpty()) {
            notAcceptable(req, res);
            return;
        }
        Map<String, String> params = new HashMap<>();
        for (String name : List.of("query", "operationName", "variables", "extensions")) {
            req.query().first(name).asOptional().ifPresent(value -> params.put(name, value));
        }
        GraphqlRequest request;
        try {
            request = GraphqlRequest.fromParameters(params, json);
        } catch (Json.TooDeep e) {
            sendError(req, res, Status.BAD_REQUEST_400, mediaType.get(), e);
            return;
        } catch (ApiException e) {
            sendRequestError(req, res, mediaType.get(), e);
            return;
        }
        respond(req, res, mediaType.get(), request, true);
    }

    private void post(ServerRequest req, ServerResponse res) {
        Optional<String> mediaType = negotiate(req);
        if (mediaType.isEmpty()) {
            notAcceptable(req, res);
            return;
        }
        if (!isJsonContent(req)) {
            sendError(req, res, Status.UNSUPPORTED_MEDIA_TYPE_415, mediaType.get(), new ApiException(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the request as application/json (UTF-8)."));
            return;
        }
        Optional<String> body = readBody(req);
        if (body.isEmpty()) {
            sendError(req, res, Status.REQUEST_ENTITY_TOO_LARGE_413, mediaType.get(), new ApiException(
                    ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBodyBytes + " bytes."));
            return;
        }
        Optional<Object> parsed;
        try {
            parsed = json.parse(body.get());
        } catch (Json.TooDeep e) {
            sendError(req, res, Status.BAD_REQUEST_400, mediaType.get(), e);
            return;
        }
        if (parsed.isEmpty()) {
            // Not even JSON, so not a well-formed GraphQL-over-HTTP request: 400 under either media type.
            sendError(req, res, Status.BAD_REQUEST_400, mediaType.get(),
                    GraphqlRequest.badRequest("The request body is not valid JSON."));
            return;
        }
        GraphqlRequest request;
        try {
            request = GraphqlRequest.fromBody(parsed.get());
        } catch (ApiException e) {
            sendRequestError(req, res, mediaType.get(), e);
            return;
        }
        respond(req, res, mediaType.get(), request, false);
    }

    private void respond(ServerRequest req, ServerResponse res, String mediaType, GraphqlRequest request,
                         boolean viaGet) {
        String requestId = req.context().get(Tracing.REQUEST_ID_KEY, String.class).orElse("-");
        RequestContext context;
        try {
            context = authenticator.authenticate(req, requestId);
        } catch (ApiException e) {
            sendRequestError(req, res, mediaType, e);
            return;
        } catch (RuntimeException e) {
            // The store behind sessions and young people is unreachable, or something broke: a typed request
            // error (SERVICE_UNAVAILABLE or INTERNAL with a correlation id), never the exception's own text.
            Map<String, Object> extensions = GraphqlErrors.extensionsFor(e);
            sendRequestError(req, res, mediaType, new ApiException(ErrorCode.valueOf((String) extensions.get("code")),
                    GraphqlErrors.messageFor(extensions), List.of(), extensions));
            return;
        }
        GraphqlEngine.Outcome outcome = engine.execute(request, viaGet, context);
        String code = outcome.firstErrorCode();
        HttpFilters.GraphqlAccess.note(req, new HttpFilters.GraphqlAccess(metrics.label(outcome.operationName()),
                code == null ? "ok" : "error", code));
        Status status = switch (outcome.kind()) {
            case OK -> Status.OK_200;
            case METHOD_NOT_ALLOWED -> Status.METHOD_NOT_ALLOWED_405;
            case REQUEST_ERROR -> GRAPHQL_RESPONSE.equals(mediaType) ? Status.BAD_REQUEST_400 : Status.OK_200;
        };
        if (outcome.kind() == GraphqlEngine.Kind.METHOD_NOT_ALLOWED) {
            res.header(HeaderNames.ALLOW, "POST");
        }
        send(res, status, mediaType, outcome.body());
    }

    /** The response media type the client accepts best, or empty when it accepts none we speak. */
    static Optional<String> negotiate(ServerRequest req) {
        List<String> accept = req.headers().all(HeaderNames.ACCEPT, List::of).stream()
                .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .filter(value -> !value.isBlank())
                .toList();
        if (accept.isEmpty()) {
            return Optional.of(JSON);
        }
        double graphqlQ = 0;
        double jsonQ = 0;
        for (String range : accept) {
            String[] parts = range.trim().split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = quality(parts);
            switch (type) {
                case GRAPHQL_RESPONSE -> graphqlQ = Math.max(graphqlQ, q);
                case JSON, "application/*", "*/*" -> jsonQ = Math.max(jsonQ, q);
                default -> { }
            }
        }
        if (graphqlQ > 0 && graphqlQ >= jsonQ) {
            return Optional.of(GRAPHQL_RESPONSE);
        }
        return jsonQ > 0 ? Optional.of(JSON) : Optional.empty();
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    private static boolean isJsonContent(ServerRequest req) {
        Optional<HttpMediaType> type = req.headers().contentType();
        if (type.isEmpty() || !type.get().test(io.helidon.common.media.type.MediaTypes.APPLICATION_JSON)) {
            return false;
        }
        return type.get().charset().map(c -> c.equalsIgnoreCase("utf-8")).orElse(true);
    }

    /** The body as UTF-8, or empty when it is over the limit (nothing more than the limit is read). */
    private Optional<String> readBody(ServerRequest req) {
        if (req.headers().contentLength().orElse(0) > maxBodyBytes) {
            return Optional.empty();
        }
        if (!req.content().hasEntity()) {
            return Optional.of("");
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(maxBodyBytes + 1);
            if (bytes.length > maxBodyBytes) {
                return Optional.empty();
            }
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void sendRequestError(ServerRequest req, ServerResponse res, String mediaType, ApiException e) {
        Status status = GRAPHQL_RESPONSE.equals(mediaType) ? statusFor(e.code()) : Status.OK_200;
        sendError(req, res, status, mediaType, e);
    }

    private static Status statusFor(ErrorCode code) {
        return switch (code) {
            case UNAUTHENTICATED -> Status.UNAUTHORIZED_401;
            case FORBIDDEN -> Status.FORBIDDEN_403;
            case RATE_LIMITED -> Status.TOO_MANY_REQUESTS_429;
            case SERVICE_UNAVAILABLE -> Status.SERVICE_UNAVAILABLE_503;
            case INTERNAL -> Status.INTERNAL_SERVER_ERROR_500;
            default -> Status.BAD_REQUEST_400;
        };
    }

    private void notAcceptable(ServerRequest req, ServerResponse res) {
        sendError(req, res, Status.NOT_ACCEPTABLE_406, JSON, new ApiException(ErrorCode.BAD_REQUEST,
                "Accept application/graphql-response+json or application/json."));
    }

    private void sendError(ServerRequest req, ServerResponse res, Status status, String mediaType, ApiException e) {
        metrics.recordError(e.code().name());
        HttpFilters.GraphqlAccess.note(req, new HttpFilters.GraphqlAccess("none", "refused", e.code().name()));
        Object retryAfter = e.toExtensions().get("retryAfterSeconds");
        if (retryAfter != null) {
            res.header(HeaderNames.RETRY_AFTER, retryAfter.toString());
        }
        send(res, status, mediaType, Map.of("errors", List.of(GraphqlErrors.requestError(e))));
    }

    private void send(ServerResponse res, Status status, String mediaType, Map<String, Object> body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, mediaType + "; charset=utf-8");
        res.send(json.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
