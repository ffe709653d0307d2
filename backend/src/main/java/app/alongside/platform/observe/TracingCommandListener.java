package app.alongside.platform.observe;

import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import org.bson.BsonValue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A span for each database command sent while a traced request or operation runs (the sync driver tells of a
 * command on the thread that sends it). Background work with no trace (the push dispatcher's polling) makes none,
 * so an exporter is not flooded with one-command traces. Spans carry the command and collection, never values.
 */
public final class TracingCommandListener implements CommandListener {
    private final Tracer tracer;
    private final Map<Integer, Span> open = new ConcurrentHashMap<>();

    public TracingCommandListener(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (!Span.current().getSpanContext().isValid()) {
            return;
        }
        BsonValue target = event.getCommand().get(event.getCommandName());
        String collection = target != null && target.isString() ? target.asString().getValue() : "";
        Span span = tracer.spanBuilder("mongodb " + event.getCommandName() + (collection.isEmpty() ? ""
                        : " " + collection)).setSpanKind(SpanKind.CLIENT)
                .setAttribute("db.system", "mongodb").setAttribute("db.operation.name", event.getCommandName())
                .setAttribute("db.collection.name", collection).setAttribute("db.namespace", event.getDatabaseName())
                .startSpan();
        open.put(event.getRequestId(), span);
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        Span span = open.remove(event.getRequestId());
        if (span != null) {
            span.end();
        }
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        Span span = open.remove(event.getRequestId());
        if (span != null) {
            span.setStatus(StatusCode.ERROR, event.getThrowable().getClass().getSimpleName());
            span.end();
        }
    }
}
