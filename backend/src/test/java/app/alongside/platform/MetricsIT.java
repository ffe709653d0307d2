package app.alongside.platform;

import app.alongside.fixtures.Http;
import app.alongside.fixtures.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * GraphQL metrics in the Prometheus text at /observe/metrics. The registry is the JVM's, shared by every server a
 * test run starts, so the assertions compare counts before and after.
 */
class MetricsIT {
    private static final String JSON = "application/json";
    private static final String GQL = "application/graphql-response+json";
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.plain();
    private final Http http = SERVER.http();

    @Test
    void knownOperationsAreTimedByName() {
        String series = "graphql_operation_seconds_count{operation=\"ConsoleViewer\",outcome=\"ok\"";
        double before = value(series);
        http.graphql("query ConsoleViewer { __typename }");
        http.graphql("query ConsoleViewer { __typename }");
        assertEquals(before + 2, value(series));
        String failed = "graphql_operation_seconds_count{operation=\"ConsoleFigures\",outcome=\"error\"";
        double failedBefore = value(failed);
        http.graphql("query ConsoleFigures { nope }");
        assertEquals(failedBefore + 1, value(failed));
    }

    @Test
    void namesAClientMadeUpAreCountedAsOtherAndNeverBecomeLabels() {
        String other = "graphql_operation_seconds_count{operation=\"other\",outcome=\"ok\",type=\"query\"";
        double before = value(other);
        for (int i = 0; i < 5; i++) {
            http.graphql("query Invented" + i + "ByAClient { __typename }");
        }
        assertEquals(before + 5, value(other));
        assertFalse(http.get("/observe/metrics", "text/plain").body().contains("ByAClient"));
        String anonymous = "graphql_operation_seconds_count{operation=\"anonymous\",outcome=\"ok\",type=\"query\"";
        double anonymousBefore = value(anonymous);
        http.graphql("{ __typename }");
        assertEquals(anonymousBefore + 1, value(anonymous));
    }

    @Test
    void operationErrorsAreCountedByCode() {
        assertCounted("GRAPHQL_VALIDATION_FAILED", () -> http.graphql("{ nope }"));
        assertCounted("GRAPHQL_PARSE_FAILED", () -> http.graphql("{"));
    }

    @Test
    void requestErrorsAnsweredBeforeAnyOperationAreCountedByCode() {
        assertCounted("BAD_REQUEST", () -> http.post("/graphql", JSON, GQL, "{ not json"));
        assertCounted("UNSUPPORTED_MEDIA_TYPE", () -> http.post("/graphql", "text/plain", GQL, "{}"));
        assertCounted("PAYLOAD_TOO_LARGE", () -> http.post("/graphql", JSON, GQL,
                "{\"query\":\"" + "x".repeat(200_000) + "\"}"));
        assertCounted("METHOD_NOT_ALLOWED", () -> http.send(http.request("/graphql")
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.noBody())));
    }

    private void assertCounted(String code, Runnable request) {
        String series = "graphql_errors_total{code=\"" + code + "\"";
        double before = value(series);
        request.run();
        assertEquals(before + 1, value(series), code);
    }

    /** The value of the first sample whose line starts with {@code series}, or 0 when there is none yet. */
    private double value(String series) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(series) + "[^}]*} (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = sample.matcher(http.get("/observe/metrics", "text/plain").body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
