package app.alongside.messaging;

import app.alongside.embedded.IndexedMemoryBackend;
import app.alongside.fixtures.GraphqlSocket;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.TestServer;
import app.alongside.fixtures.YoungPersonApp;
import de.bwaldvogel.mongo.MongoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static app.alongside.messaging.MessagingOps.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code MESSAGING_EVENT_BUS=change-streams} across instances: two Apps on one store (mongo-java-server with its
 * oplog on, so it serves {@code $changeStream} as a replica set does), a subscriber on one and the sender on the
 * other. What one instance's young person sends reaches the advocate watching on the other, and back.
 */
class ChangeStreamsTwoInstancesIT {
    private static final Map<String, String> ENV = Map.of("MESSAGING_EVENT_BUS", "change-streams");
    private static MongoServer mongo;
    private static TestServer first;
    private static TestServer second;

    @BeforeAll
    static void start() {
        mongo = new MongoServer(new IndexedMemoryBackend());
        mongo.enableOplog();
        String uri = mongo.bindAndGetConnectionString();
        first = TestServer.startOn(uri, ENV).ready();
        second = TestServer.startOn(uri, ENV).ready();
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
        mongo.shutdownNow();
    }

    @Test
    void aMessageSentThroughOneInstanceReachesASubscriberOnTheOther() {
        Platform platform = new Platform(first.http());
        MessagingOps.Person kai = MessagingOps.onboard(first.http(), platform, "Kai");
        String thread = MessagingOps.threadOf(kai);
        YoungPersonApp kaiOnSecond = new YoungPersonApp(second.http(), kai.app().idToken(), kai.app().uid());
        try (GraphqlSocket advocate = MessagingOps.staffSocket(first.baseUrl(), platform.as("advocate"));
             GraphqlSocket app = MessagingOps.appSocket(second.baseUrl(), kai.app())) {
            MessagingOps.subscribe(advocate, "a", MessagingOps.MESSAGE_ADDED, vars("threadId", thread));
            MessagingOps.subscribe(app, "y", MessagingOps.MESSAGE_ADDED, vars("threadId", thread));

            Http.Reply sent = kaiOnSecond.graphql(MessagingOps.SEND, MessagingOps.send(thread, "through the second"));
            assertEquals(List.of(), Ops.at(sent, "sendMessage", "userErrors"), sent.body());
            Map<String, Object> seen = advocate.next();
            assertEquals("next", seen.get("type"), seen.toString());
            assertEquals("through the second", body(seen));
            assertEquals("through the second", body(app.next()), "the sender's own instance tells its app too");

            Http.Reply reply = platform.as("advocate").graphql(MessagingOps.SEND, MessagingOps.send(thread,
                    "answered on the first"));
            assertEquals(List.of(), Ops.at(reply, "sendMessage", "userErrors"), reply.body());
            assertEquals("answered on the first", body(app.next()), "and back, to the app on the second");
        }
    }

    @SuppressWarnings("unchecked")
    private static String body(Map<String, Object> next) {
        Map<String, Object> data = (Map<String, Object>) ((Map<String, Object>) next.get("payload")).get("data");
        return (String) ((Map<String, Object>) data.get("messageAdded")).get("body");
    }
}
