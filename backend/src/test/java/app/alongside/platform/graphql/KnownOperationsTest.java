package app.alongside.platform.graphql;

import app.alongside.platform.http.HttpFilters;
import app.alongside.platform.observe.Meters;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KnownOperationsTest {
    @Test
    void namedOperationsAreFoundInDocumentsAndScripts() {
        assertEquals(Set.of("Viewer", "SendMessage", "MessageAdded"), KnownOperations.declaredIn(List.of(
                "query Viewer { viewer { __typename } }",
                "const SEND = `mutation SendMessage($input: SendMessageInput!) { sendMessage(input: $input) { x } }`;",
                "subscription MessageAdded($t: ID!) { messageAdded(threadId: $t) { id } } { anonymous }",
                "// a comment about the query planner and mutation testing")));
    }

    @Test
    void theConsolesOperationsAreKnown() {
        Set<String> console = KnownOperations.console();
        assertTrue(console.contains("ConsoleViewer") && console.contains("ConsoleInbox"), console.toString());
        assertTrue(console.stream().allMatch(name -> name.startsWith("Console")), console.toString());
    }

    @Test
    void onlyKnownNamesBecomeLabels() {
        GraphqlMetrics metrics = new GraphqlMetrics(Meters.global(), Set.of("Viewer"));
        assertEquals("Viewer", metrics.label("Viewer"));
        assertEquals("other", metrics.label("viewer"));
        assertEquals("other", metrics.label("Viewer\"} 1\nfake_metric{a=\"b"));
        assertEquals("anonymous", metrics.label(null));
    }

    @Test
    void routesComeFromAFixedList() {
        assertEquals("/graphql", HttpFilters.route("/graphql"));
        assertEquals("/auth/login", HttpFilters.route("/auth/login"));
        assertEquals("/auth", HttpFilters.route("/auth/anything-else"));
        assertEquals("/console", HttpFilters.route("/console/pages/inbox.js"));
        assertEquals("other", HttpFilters.route("/users/ada@example.org"));
        assertEquals("other", HttpFilters.route("/graphql/extra"));
    }
}
