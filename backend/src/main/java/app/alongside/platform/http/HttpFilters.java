package app.alongside.platform.http;

import app.alongside.platform.observe.Meters;
import app.alongside.platform.observe.Tracing;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.logging.common.HelidonMdc;
import io.helidon.webserver.http.Filter;
import io.micrometer.core.instrument.Tags;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Filters every response passes through: request ids, traces, timings and access log, security headers, CORS. */
public final class HttpFilters {
    private static final Logger ACCESS = Logger.getLogger("app.alongside.access");
    public static final HeaderName REQUEST_ID = HeaderNames.create("X-Request-Id");
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
    private static final String CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private HttpFilters() {
    }

    /** What the GraphQL endpoint tells the access line about the operation it ran. */
    public record GraphqlAccess(String operation, String outcome, String errorCode) {
        static final String KEY = "graphql.access";

        /** Tells the access line of {@code req} what became of its operation. */
        public static void note(io.helidon.webserver.http.ServerRequest req, GraphqlAccess access) {
            req.context().register(KEY, access);
        }
    }

    /** The requests that go through {@link #requestIds(Tracing, Meters)} without one. */
    public static Filter requestIds() {
        return requestIds(Tracing.off(), Meters.global());
    }

    /**
     * Honours a well-formed {@code X-Request-Id} or makes one, echoes it, puts it in the log context; continues the
     * caller's trace (a W3C {@code traceparent}; a malformed one is ignored and a new trace starts) in a server span
     * named by the route, answers with a {@code traceparent} naming that span, puts the trace id in the log context;
     * times the request by route, method and status; and logs one access line per request (method, path without
     * query, status, milliseconds, and for GraphQL the operation, its outcome and first error code).
     */
    public static Filter requestIds(Tracing tracing, Meters meters) {
        return (chain, req, res) -> {
            String id = req.headers().first(REQUEST_ID).filter(v -> SAFE_ID.matcher(v).matches())
                    .orElseGet(() -> UUID.randomUUID().toString());
            req.context().register(Tracing.REQUEST_ID_KEY, id);
            res.header(REQUEST_ID, id);
            HelidonMdc.set(Tracing.REQUEST_ID_KEY, id);
            String method = req.prologue().method().text();
            String route = route(req.prologue().uriPath().path());
            io.opentelemetry.context.Context parent = Tracing.extract(name -> req.headers()
                    .first(HeaderNames.create(name)));
            Span span = tracing.tracer().spanBuilder(method + " " + route).setParent(parent)
                    .setSpanKind(SpanKind.SERVER).setAttribute("http.request.method", method)
                    .setAttribute("http.route", route).startSpan();
            String traceId = span.getSpanContext().getTraceId();
            HelidonMdc.set(Tracing.TRACE_ID_KEY, traceId);
            res.header(Tracing.TRACEPARENT, Tracing.traceparent(span.getSpanContext()));
            long start = System.nanoTime();
            try (Scope scope = span.makeCurrent()) {
                chain.proceed();
            } finally {
                long nanos = System.nanoTime() - start;
                int status = res.status().code();
                span.setAttribute("http.response.status_code", status);
                if (status >= 500) {
                    span.setStatus(StatusCode.ERROR);
                }
                span.end();
                meters.timer("http.server.requests", "Time to answer one HTTP request, by route, method and status",
                        Tags.of("route", route, "method", method, "status", Integer.toString(status)))
                        .record(nanos, TimeUnit.NANOSECONDS);
                String graphql = req.context().get(GraphqlAccess.KEY, GraphqlAccess.class)
                        .map(a -> " operation=" + a.operation() + " outcome=" + a.outcome()
                                + (a.errorCode() == null ? "" : " code=" + a.errorCode()))
                        .orElse("");
                ACCESS.info(() -> method + " " + req.prologue().uriPath().path() + " " + status + " "
                        + nanos / 1_000_000 + "ms" + graphql);
                HelidonMdc.remove(Tracing.REQUEST_ID_KEY);
                HelidonMdc.remove(Tracing.TRACE_ID_KEY);
            }
        };
    }

    /** The route a path belongs to, from a fixed list, so a metrics label never carries what a client made up. */
    public static String route(String path) {
        if (path.equals("/graphql") || path.equals("/graphql/")) {
            return "/graphql";
        }
        for (String exact : List.of("/auth/login", "/auth/logout", "/auth/session", "/observe/health",
                "/observe/health/ready", "/observe/health/live", "/observe/metrics", "/")) {
            if (path.equals(exact)) {
                return exact;
            }
        }
        if (path.startsWith("/console/") || path.equals("/console")) {
            return "/console";
        }
        if (path.startsWith("/observe/")) {
            return "/observe";
        }
        return path.startsWith("/auth/") ? "/auth" : "other";
    }

    /** Headers every response carries; a strict content policy for the console, a closed one for the API. */
    public static Filter securityHeaders() {
        return (chain, req, res) -> {
            String path = req.path().path();
            res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
            res.header("Referrer-Policy", "no-referrer");
            res.header("X-Frame-Options", "DENY");
            res.header("Permissions-Policy", "geolocation=(), camera=(), microphone=()");
            res.header("Cross-Origin-Opener-Policy", "same-origin");
            res.header("Content-Security-Policy", path.startsWith("/console") ? CONSOLE_CSP : API_CSP);
            if (!path.startsWith("/console")) {
                res.header(HeaderNames.CACHE_CONTROL, "no-store");
            }
            chain.proceed();
        };
    }

    /**
     * Request headers a partner web app may send cross-origin: those of GraphQL over HTTP, a request id, and the
     * ones Apollo Client and Relay clients add. A preflight is answered with the requested headers that are on this
     * list, in the request's spelling; anything else is left out, and the browser then refuses the request.
     */
    public static final Set<String> CORS_ALLOWED_HEADERS = Set.of("accept", "content-type", "authorization",
            "x-request-id", "apollographql-client-name", "apollographql-client-version", "apollo-require-preflight",
            "x-apollo-operation-name", "x-apollo-operation-id");
    /** Response headers a cross-origin app may read: the request id to quote, and how long to wait when limited. */
    public static final String CORS_EXPOSED_HEADERS = "X-Request-Id, Retry-After";

    /**
     * Cross-origin access only for the configured origins (none by default). Apps on phones need no CORS;
     * this is for web apps of partners that the operator lists.
     */
    public static Filter cors(Set<String> allowedOrigins) {
        return (chain, req, res) -> {
            var origin = req.headers().first(HeaderNames.ORIGIN);
            res.header(HeaderNames.VARY, "Origin");
            boolean allowed = origin.isPresent() && allowedOrigins.contains(origin.get());
            if (allowed) {
                res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin.get());
            }
            boolean preflight = req.prologue().method() == Method.OPTIONS
                    && req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
            if (!preflight) {
                if (allowed) {
                    res.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, CORS_EXPOSED_HEADERS);
                }
                chain.proceed();
                return;
            }
            res.header(HeaderNames.VARY, "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
            if (!allowed) {
                res.status(Status.FORBIDDEN_403).send();
                return;
            }
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST");
            String headers = allowedRequestHeaders(req.headers().all(HeaderNames.ACCESS_CONTROL_REQUEST_HEADERS,
                    List::of));
            if (!headers.isEmpty()) {
                res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, headers);
            }
            res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
            res.status(Status.NO_CONTENT_204).send();
        };
    }

    /** The requested headers that {@link #CORS_ALLOWED_HEADERS} lists, comma-separated, once each. */
    static String allowedRequestHeaders(List<String> requested) {
        return requested.stream().flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim).filter(name -> CORS_ALLOWED_HEADERS.contains(name.toLowerCase(Locale.ROOT)))
                .map(name -> name.toLowerCase(Locale.ROOT)).distinct().collect(Collectors.joining(", "));
    }
}
