package app.alongside.platform.observe;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * OpenTelemetry tracing without an agent: W3C trace context in ({@code traceparent} on requests and WebSocket
 * upgrades; a malformed one starts a new trace) and out (a {@code traceparent} response header naming the server's
 * span), spans for HTTP requests, GraphQL operations, database commands and FCM calls, and the trace id in every log
 * line. Spans leave the process only when {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set (OTLP over HTTP, batched); by
 * default they are made (so ids propagate) and dropped.
 */
public final class Tracing implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Tracing.class.getName());
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACE_ID_KEY = "traceId";
    /** Where a request's id is kept (the request context and the log MDC) while it is served. */
    public static final String REQUEST_ID_KEY = "requestId";
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private final OpenTelemetrySdk sdk;
    private final Tracer tracer;

    private Tracing(OpenTelemetrySdk sdk) {
        this.sdk = sdk;
        this.tracer = sdk.getTracer("app.alongside");
    }

    /**
     * Export when {@code endpoint} (OTEL_EXPORTER_OTLP_ENDPOINT, e.g. {@code http://collector:4318}) is given.
     * {@code serviceName} is OTEL_SERVICE_NAME's value, {@code alongside} by default.
     */
    public static Tracing create(Optional<String> endpoint, String serviceName) {
        SdkTracerProviderBuilder provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), serviceName))));
        endpoint.filter(e -> !e.isBlank()).ifPresentOrElse(url -> {
            String traces = url.endsWith("/v1/traces") ? url : url.replaceAll("/+$", "") + "/v1/traces";
            provider.addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                    .setEndpoint(traces).build()).build());
            LOG.info(() -> "traces are exported over OTLP to " + traces);
        }, () -> provider.addSpanProcessor(new Discard()));
        return new Tracing(OpenTelemetrySdk.builder().setTracerProvider(provider.build()).build());
    }

    /** Spans are made but never exported (tests that build parts by hand). */
    public static Tracing off() {
        return create(Optional.empty(), "alongside");
    }

    public Tracer tracer() {
        return tracer;
    }

    /** The remote parent named by a {@code traceparent} header, or the root context when it is absent or bad. */
    public static Context extract(Function<String, Optional<String>> headers) {
        return W3C.extract(Context.root(), headers, new TextMapGetter<>() {
            @Override
            public Iterable<String> keys(Function<String, Optional<String>> carrier) {
                return List.of(TRACEPARENT, "tracestate");
            }

            @Override
            public String get(Function<String, Optional<String>> carrier, String key) {
                return carrier == null ? null : carrier.apply(key).orElse(null);
            }
        });
    }

    /** The {@code traceparent} value naming {@code span}, for a response header. */
    public static String traceparent(SpanContext span) {
        Map<String, String> carrier = new java.util.HashMap<>();
        W3C.inject(Context.root().with(Span.wrap(span)), carrier, Map::put);
        return carrier.getOrDefault(TRACEPARENT, "");
    }

    /** Runs {@code work} in a child span of the current one; an exception marks the span as failed. */
    public <T> T inSpan(String name, SpanKind kind, Attributes attributes, Supplier<T> work) {
        Span span = tracer.spanBuilder(name).setSpanKind(kind).setAllAttributes(attributes).startSpan();
        try (var scope = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * Drops every span. Without any processor the SDK hands out no-op tracers, whose spans have no ids: trace ids
     * would then neither reach the logs nor continue in {@code traceparent}.
     */
    private static final class Discard implements SpanProcessor {
        @Override
        public void onStart(Context parent, ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
        }

        @Override
        public boolean isEndRequired() {
            return false;
        }
    }

    @Override
    public void close() {
        sdk.getSdkTracerProvider().shutdown().join(5, TimeUnit.SECONDS);
    }
}
