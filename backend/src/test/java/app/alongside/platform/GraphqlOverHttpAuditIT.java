package app.alongside.platform;

import app.alongside.fixtures.NodeProject;
import app.alongside.fixtures.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real server against graphql-http's {@code auditServer} (src/test/node/audit.mjs): every MUST and SHOULD
 * of the GraphQL-over-HTTP specification must pass. Needs node and npm on the PATH; without them the test fails
 * rather than skips, because CI machines have them and a silent skip would hide a regression.
 */
class GraphqlOverHttpAuditIT {
    private static final NodeProject NODE = new NodeProject(Path.of(System.getProperty("basedir", "."))
            .resolve("src/test/node"));

    @Test
    void serverPassesEveryMustAndShouldOfTheGraphqlOverHttpAudit() throws Exception {
        requireTool("node");
        requireTool("npm");
        NODE.install("graphql-http");
        try (TestServer server = TestServer.start(Map.of())) {
            NodeProject.Result audit = NODE.run(Duration.ofSeconds(120), "node", "audit.mjs",
                    server.baseUrl() + "/graphql");
            assertEquals(0, audit.exitCode(), () -> "GraphQL-over-HTTP audit failed:\n" + audit.output());
        }
    }

    private static void requireTool(String tool) {
        try {
            NodeProject.Result version = NODE.run(Duration.ofSeconds(30), tool, "--version");
            if (version.exitCode() != 0) {
                fail(tool + " --version exited with " + version.exitCode() + ":\n" + version.output());
            }
        } catch (IOException e) {
            fail(tool + " is not on the PATH; install Node.js 18+ with npm to run the GraphQL-over-HTTP audit ("
                    + e.getMessage() + ")");
        }
    }
}
