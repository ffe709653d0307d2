package app.alongside.messaging;

import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which message made a thread urgent, and the phrase it matched: told to the service's staff, never the author. */
class UrgentMatchIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    private static final String MARKS = """
            query Marks($threadId: ID!) {
              messages(threadId: $threadId, first: 50) { edges { node { body urgentMatch { phrase } } } }
            }""";
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();

    @Test
    void staffSeeWhichMessageMatchedWhichPhraseAndTheYoungPersonDoesNot() {
        MessagingOps.Person uma = MessagingOps.onboard(http, platform, "Uma");
        String thread = MessagingOps.threadOf(uma);
        uma.app().graphql(MessagingOps.SEND, MessagingOps.send(thread, "Hello there"));
        uma.app().graphql(MessagingOps.SEND, MessagingOps.send(thread, "I am not safe at home tonight"));
        Reply reply = uma.app().graphql(MessagingOps.SEND, MessagingOps.send(thread, "Can someone call me?"));
        String edited = Ops.at(reply, "sendMessage", "message", "id");
        uma.app().graphql(MessagingOps.EDIT, Map.of("input", Map.of("messageId", edited,
                "body", "Can someone call me? He hits me")));

        List<Map<String, Object>> staff = nodes(platform.as("advocate").graphql(MARKS, Map.of("threadId", thread)));
        assertNull(staff.get(0).get("urgentMatch"));
        assertEquals(Map.of("phrase", "not safe"), staff.get(1).get("urgentMatch"));
        assertEquals(Map.of("phrase", "hits me"), staff.get(2).get("urgentMatch"), "an edit that matched");
        assertEquals(Map.of("phrase", "not safe"),
                nodes(platform.as("manager").graphql(MARKS, Map.of("threadId", thread))).get(1).get("urgentMatch"));

        List<Map<String, Object>> own = nodes(uma.app().graphql(MARKS, Map.of("threadId", thread)));
        own.forEach(node -> assertNull(node.get("urgentMatch"), "never shown to the young person: " + own));
        Reply other = platform.as("otherAdvocate").graphql(MARKS, Map.of("threadId", thread));
        assertEquals(List.of("NOT_FOUND"), other.errorCodes(), "another service sees nothing: " + other.body());
    }

    private static List<Map<String, Object>> nodes(Reply reply) {
        List<Map<String, Map<String, Object>>> edges = Ops.at(reply, "messages", "edges");
        return edges.stream().map(e -> e.get("node")).toList();
    }
}
