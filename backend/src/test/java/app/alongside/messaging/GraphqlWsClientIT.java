package app.alongside.messaging;

import app.alongside.fixtures.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Conformance with the reference {@code graphql-ws} client (src/test/node/messaging-ws.mjs): a young person's app
 * subscribes to their thread, a message sent over HTTP arrives through the client, and a subscription to someone
 * else's thread is refused with NOT_FOUND. Needs node and npm, like GraphqlOverHttpAuditIT.
 */
class GraphqlWsClientIT {
    private static final Path NODE_DIR = Path.of(System.getProperty("basedir", ".")).resolve("src/test/node");
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();

    @Test
    void theReferenceClientSubscribesAndReceivesLive() throws Exception {
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules/graphql-ws"))
                || !Files.isDirectory(NODE_DIR.resolve("node_modules/ws"))) {
            Result install = run(180, "npm", "ci", "--no-audit", "--no-fund");
            assertEquals(0, install.exitCode(), () -> "npm ci failed in " + NODE_DIR + ":\n" + install.output());
        }
        MessagingOps.Person sam = MessagingOps.onboard(SERVER.http(), SERVER.platform(), "Sam");
        MessagingOps.Person tia = MessagingOps.onboard(SERVER.http(), SERVER.platform(), "Tia");
        Result result = run(60, "node", "messaging-ws.mjs", SERVER.server().baseUrl(), sam.app().idToken(),
                MessagingOps.threadOf(sam), MessagingOps.threadOf(tia));
        assertEquals(0, result.exitCode(), () -> "graphql-ws client failed:\n" + result.output());
        assertTrue(result.output().contains("REFUSED NOT_FOUND"), result.output());
        assertTrue(result.output().contains("\"sequence\":1"), result.output());
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("graphql-ws", ".log");
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
