package app.alongside.push;

import app.alongside.platform.observe.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Times each call to FCM ({@code fcm_send_seconds}, a histogram by outcome), counts what FCM answered for each push
 * ({@code fcm_responses_total} by {@code result}: {@code SENT} or FCM's error code) and makes a span per call.
 */
public final class ObservedPushSender implements PushSender {
    private final PushSender sender;
    private final Meters meters;
    private final Tracer tracer;

    public ObservedPushSender(PushSender sender, Meters meters, Tracer tracer) {
        this.sender = sender;
        this.meters = meters;
        this.tracer = tracer;
    }

    @Override
    public List<Result> send(List<OutgoingPush> pushes) {
        Span span = tracer.spanBuilder("fcm sendEach").setSpanKind(SpanKind.CLIENT)
                .setAttribute("messaging.system", "fcm")
                .setAttribute("messaging.batch.message_count", pushes.size()).startSpan();
        long start = System.nanoTime();
        String outcome = "error";
        try (Scope scope = span.makeCurrent()) {
            List<Result> results = sender.send(pushes);
            long failed = results.stream().filter(r -> !r.ok()).count();
            outcome = failed == 0 ? "ok" : failed == results.size() ? "error" : "partial";
            span.setAttribute("fcm.failed_count", failed);
            if (failed > 0) {
                span.setStatus(StatusCode.ERROR);
            }
            for (Result result : results) {
                String code = result.ok() ? "SENT" : result.errorCode();
                Counter.builder("fcm.responses").description("What FCM answered for each push, by result")
                        .tags("result", code).register(meters.registry()).increment();
            }
            return results;
        } finally {
            span.end();
            meters.timer("fcm.send", "Time of one sendEach call to FCM, by outcome", Tags.of("outcome", outcome))
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }
}
