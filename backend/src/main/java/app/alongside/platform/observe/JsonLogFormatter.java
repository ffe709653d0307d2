package app.alongside.platform.observe;


import io.helidon.logging.common.HelidonMdc;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per log line, with the request id and trace id when the line belongs to a request (or a
 * traced operation), so logs can be searched by request and joined to traces. Messages never carry request
 * bodies or personal data; that is the caller's duty.
 */
public final class JsonLogFormatter extends Formatter {
    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(256).append('{');
        field(line, "time", Instant.ofEpochMilli(record.getMillis()).toString()).append(',');
        field(line, "level", record.getLevel().getName()).append(',');
        field(line, "logger", record.getLoggerName()).append(',');
        HelidonMdc.get(Tracing.REQUEST_ID_KEY).ifPresent(id -> field(line, "requestId", id).append(','));
        traceId().ifPresent(id -> field(line, "traceId", id).append(','));
        field(line, "thread", Thread.currentThread().getName()).append(',');
        field(line, "message", formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(',');
            field(line, "error", trace.toString());
        }
        return line.append("}\n").toString();
    }

    /** The trace of the request (or operation) this line belongs to: the log context's, else the current span's. */
    private static java.util.Optional<String> traceId() {
        java.util.Optional<String> logged = HelidonMdc.get(Tracing.TRACE_ID_KEY);
        if (logged.isPresent()) {
            return logged;
        }
        io.opentelemetry.api.trace.SpanContext span = io.opentelemetry.api.trace.Span.current().getSpanContext();
        return span.isValid() ? java.util.Optional.of(span.getTraceId()) : java.util.Optional.empty();
    }

    private static StringBuilder field(StringBuilder line, String name, String value) {
        line.append('"').append(name).append("\":\"");
        String text = value == null ? "" : value;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        return line.append('"');
    }
}
