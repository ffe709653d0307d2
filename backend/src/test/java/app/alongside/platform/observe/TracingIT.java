package app.alongside.platform.observe;

import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.TestServer;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * W3C trace context over real HTTP: a caller's {@code traceparent} is continued in the answer's {@code traceparent}
 * (same trace, the server's own span) and its trace id is in the request's log lines (the JSON the formatter
 * writes); a malformed one is ignored, never an error, and a new trace starts. With an OTLP endpoint set, the
 * spans reach it.
 */
class TracingIT {
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-0[0-3]");
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00f067aa0ba902b7";
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.plain();
    private final Http http = SERVER.http();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger access = Logger.getLogger("app.alongside.access");
    private final Handler capture = new Handler() {
        private final JsonLogFormatter json = new JsonLogFormatter();

        @Override
        public void publish(LogRecord record) {
            lines.add(json.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level level;

    @BeforeEach
    void captureAccessLines() {
        level = access.getLevel();
        access.setLevel(Level.INFO);
        access.addHandler(capture);
    }

    @AfterEach
    void release() {
        access.removeHandler(capture);
        access.setLevel(level);
    }

    @Test
    void aCallersTraceIsContinuedInTheAnswerAndTheLogs() {
        Reply reply = query("00-" + TRACE + "-" + PARENT + "-01");
        assertEquals(200, reply.status(), reply.body());
        Matcher out = TRACEPARENT.matcher(reply.header("traceparent"));
        assertTrue(out.matches(), reply.header("traceparent"));
        assertEquals(TRACE, out.group(1), "the same trace");
        assertNotEquals(PARENT, out.group(2), "the server's own span, a child of the caller's");
        List<String> ours = linesOf(reply.header("X-Request-Id"));
        assertEquals(1, ours.size(), "the access line: " + lines);
        assertTrue(ours.getFirst().contains("\"traceId\":\"" + TRACE + "\""), ours.getFirst());
        assertTrue(ours.getFirst().contains("operation=anonymous outcome=ok"), ours.getFirst());
    }

    @Test
    void aMalformedTraceparentIsIgnoredAndANewTraceStarts() {
        for (String bad : List.of("garbage", "00-" + TRACE + "-" + PARENT, "00-" + "0".repeat(32) + "-" + PARENT
                + "-01", "00-" + TRACE.toUpperCase() + "-" + PARENT + "-01", "zz-" + TRACE + "-" + PARENT + "-01",
                "00-" + TRACE + "-" + "0".repeat(16) + "-01")) {
            Reply reply = query(bad);
            assertEquals(200, reply.status(), bad + ": " + reply.body());
            Matcher out = TRACEPARENT.matcher(reply.header("traceparent"));
            assertTrue(out.matches(), bad + " gave " + reply.header("traceparent"));
            assertNotEquals(TRACE, out.group(1), bad + " was not ignored");
            assertNotEquals("0".repeat(32), out.group(1));
        }
    }

    @Test
    void aRequestWithoutTraceparentStartsATraceAndLogsIt() {
        Reply reply = http.send(http.request("/graphql").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ nope }\"}")));
        Matcher out = TRACEPARENT.matcher(reply.header("traceparent"));
        assertTrue(out.matches(), reply.header("traceparent"));
        String line = linesOf(reply.header("X-Request-Id")).getFirst();
        assertTrue(line.contains("\"traceId\":\"" + out.group(1) + "\""), line);
        assertTrue(line.contains("outcome=error code=GRAPHQL_VALIDATION_FAILED"), line);
    }

    /** The lines logged for the request: the access line is written just after the answer went out. */
    private List<String> linesOf(String requestId) {
        long deadline = System.currentTimeMillis() + 5_000;
        while (true) {
            List<String> ours = lines.stream().filter(l -> l.contains("\"requestId\":\"" + requestId + "\""))
                    .toList();
            if (!ours.isEmpty() || System.currentTimeMillis() > deadline) {
                return ours;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void spansGoToTheCollectorNamedByOtelExporterOtlpEndpoint() throws Exception {
        List<byte[]> exported = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            exported.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try {
            String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort();
            try (TestServer server = TestServer.start(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint))) {
                Reply reply = server.http().send(server.http().request("/graphql")
                        .header("Content-Type", "application/json")
                        .header("traceparent", "00-" + TRACE + "-" + PARENT + "-01")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"}")));
                assertEquals(200, reply.status());
            }
            // Closing the server flushed the batch: the request's spans, with the caller's trace id, were sent.
            byte[] trace = HexFormat.of().parseHex(TRACE);
            assertTrue(exported.stream().anyMatch(body -> contains(body, trace)), exported.size() + " exports");
            assertTrue(exported.stream().anyMatch(body -> contains(body, "POST /graphql".getBytes())));
        } finally {
            collector.stop(0);
        }
    }

    private static boolean contains(byte[] body, byte[] part) {
        for (int i = 0; i + part.length <= body.length; i++) {
            if (java.util.Arrays.equals(body, i, i + part.length, part, 0, part.length)) {
                return true;
            }
        }
        return false;
    }

    private Reply query(String traceparent) {
        return http.send(http.request("/graphql").header("Content-Type", "application/json")
                .header("traceparent", traceparent)
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"}")));
    }
}
