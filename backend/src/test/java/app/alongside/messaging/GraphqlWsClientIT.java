package app.alongside.messaging;

import app.alongside.fixtures.NodeProject;
import app.alongside.fixtures.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conformance with the reference {@code graphql-ws} client (src/test/node/messaging-ws.mjs): a young person's app
 * subscribes to their thread, a message sent over HTTP arrives through the client, and a subscription to someone
 * else's thread is refused with NOT_FOUND. Needs node and npm, like GraphqlOverHttpAuditIT.
 */
class GraphqlWsClientIT {
    private static final NodeProject NODE = new NodeProject(Path.of(System.getProperty("basedir", "."))
            .resolve("src/test/node"));
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();

    @Test
    void theReferenceClientSubscribesAndReceivesLive() throws Exception {
        NODE.install("graphql-ws", "ws");
        MessagingOps.Person sam = MessagingOps.onboard(SERVER.http(), SERVER.platform(), "Sam");
        MessagingOps.Person tia = MessagingOps.onboard(SERVER.http(), SERVER.platform(), "Tia");
        NodeProject.Result result = NODE.run(Duration.ofSeconds(60), "node", "messaging-ws.mjs",
                SERVER.server().baseUrl(), sam.app().idToken(), MessagingOps.threadOf(sam), MessagingOps.threadOf(tia));
        assertEquals(0, result.exitCode(), () -> "graphql-ws client failed:\n" + result.output());
        assertTrue(result.output().contains("REFUSED NOT_FOUND"), result.output());
        assertTrue(result.output().contains("\"sequence\":1"), result.output());
    }
}
