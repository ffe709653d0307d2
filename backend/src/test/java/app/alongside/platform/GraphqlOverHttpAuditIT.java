package app.alongside.platform;

import app.alongside.fixtures.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real server against graphql-http's {@code auditServer} (src/test/node/audit.mjs): every MUST and SHOULD
 * of the GraphQL-over-HTTP specification must pass. Needs node and npm on the PATH; without them the test fails
 * rather than skips, because CI machines have them and a silent skip would hide a regression.
 */
class GraphqlOverHttpAuditIT {
    private static final Path NODE_DIR = Path.of(System.getProperty("basedir", ".")).resolve("src/test/node");

    @Test
    void serverPassesEveryMustAndShouldOfTheGraphqlOverHttpAudit() throws Exception {
        requireTool("node");
        requireTool("npm");
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules"))) {
            Result install = run(180, "npm", "ci", "--no-audit", "--no-fund");
            assertEquals(0, install.exitCode(), () -> "npm ci failed in " + NODE_DIR + ":\n" + install.output());
        }
        try (TestServer server = TestServer.start(Map.of())) {
            Result audit = run(120, "node", "audit.mjs", server.baseUrl() + "/graphql");
            assertEquals(0, audit.exitCode(), () -> "GraphQL-over-HTTP audit failed:\n" + audit.output());
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static void requireTool(String tool) {
        try {
            Result version = run(30, tool, "--version");
            if (version.exitCode() != 0) {
                fail(tool + " --version exited with " + version.exitCode() + ":\n" + version.output());
            }
        } catch (IOException e) {
            fail(tool + " is not on the PATH; install Node.js 18+ with npm to run the GraphQL-over-HTTP audit ("
                    + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while looking for " + tool);
        }
    }

    /** Runs a command in the node directory, stdout and stderr together in a file so no pipe can fill up. */
    private static Result run(long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("graphql-audit", ".log");
        try {
            Process process = new ProcessBuilder(List.of(command)).directory(NODE_DIR.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
