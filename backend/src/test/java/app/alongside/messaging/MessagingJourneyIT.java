package app.alongside.messaging;

import app.alongside.fixtures.GraphqlSocket;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import app.alongside.platform.core.GlobalIds;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static app.alongside.messaging.MessagingOps.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The "done when": a young person onboarded by invite sees their advocacy service, messages it from the app
 * over HTTP, the advocate receives it live over WebSocket and answers, and the young person receives the answer
 * live; an urgent phrase flags the thread and returns help at once.
 */
class MessagingJourneyIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();

    @Test
    void youngPersonAndAdvocateTalkLive() {
        MessagingOps.Person amara = MessagingOps.onboard(http, platform, "Amara");
        Reply advocacy = amara.app().graphql(MessagingOps.MY_ADVOCACY);
        assertEquals("ALLOCATION_PENDING", Ops.at(advocacy, "myAdvocacy", "status"), advocacy.body());
        assertEquals("North Advocacy", Ops.at(advocacy, "myAdvocacy", "service", "name"));
        assertEquals(platform.advocacyService, Ops.at(advocacy, "myAdvocacy", "service", "organisationId"));
        assertTrue(Ops.<String>at(advocacy, "myAdvocacy", "service", "confidentiality").contains("tell you first"));
        assertNotNull(Ops.at(advocacy, "myAdvocacy", "allocationDueAt"));
        assertNull(Ops.at(advocacy, "myAdvocacy", "advocate"));
        String thread = Ops.at(advocacy, "myAdvocacy", "thread", "id");
        assertEquals(thread, MessagingOps.threadOf(amara), "the allocation is stored, not made again");

        try (GraphqlSocket advocate = MessagingOps.staffSocket(SERVER.server().baseUrl(), platform.as("advocate"));
             GraphqlSocket app = MessagingOps.appSocket(SERVER.server().baseUrl(), amara.app())) {
            MessagingOps.subscribe(advocate, "a", MessagingOps.MESSAGE_ADDED, vars("threadId", thread));
            MessagingOps.subscribe(app, "y", MessagingOps.MESSAGE_ADDED, vars("threadId", thread));

            Reply sent = amara.app().graphql(MessagingOps.SEND, MessagingOps.send(thread,
                    "Hi, can you come to my review meeting?"));
            assertEquals(1, ((Number) Ops.at(sent, "sendMessage", "message", "sequence")).intValue(), sent.body());
            assertNull(Ops.at(sent, "sendMessage", "urgentHelp"));
            Map<String, Object> live = payload(advocate.next(), "a");
            assertEquals("Hi, can you come to my review meeting?", live.get("body"));
            assertEquals(Map.of("kind", "YOUNG_PERSON", "name", "Amara", "isMe", false), live.get("author"));
            assertEquals(1, ((Number) payload(app.next(), "y").get("sequence")).intValue(), "the sender sees it too");

            Reply answer = platform.as("advocate").graphql(MessagingOps.SEND, MessagingOps.send(thread,
                    "Yes, I'll be there.\nSee you Tuesday."));
            assertEquals(List.of(), Ops.at(answer, "sendMessage", "userErrors"), answer.body());
            Map<String, Object> reply = payload(app.next(), "y");
            assertEquals("Yes, I'll be there.\nSee you Tuesday.", reply.get("body"));
            assertEquals(2, ((Number) reply.get("sequence")).intValue());
            assertEquals(Map.of("kind", "STAFF", "name", "advocate", "isMe", false), reply.get("author"));
            assertEquals(2, ((Number) payload(advocate.next(), "a").get("sequence")).intValue());
        }
        Reply staffRead = platform.as("advocate").graphql(MessagingOps.MESSAGES, vars("threadId", thread));
        assertEquals(2, Ops.<List<?>>at(staffRead, "messages", "edges").size(), staffRead.body());
        Reply log = amara.app().graphql(
                "{ myAccessLog(first: 50) { edges { node { action organisationName role } } } }");
        List<Map<String, Map<String, Object>>> entries = Ops.at(log, "myAccessLog", "edges");
        assertTrue(entries.stream().map(e -> e.get("node")).anyMatch(n -> "READ".equals(n.get("action"))
                && "North Advocacy".equals(n.get("organisationName")) && "ADVOCATE".equals(n.get("role"))),
                "the young person sees that their advocacy service read their messages: " + log.body());
        Reply page = amara.app().graphql(MessagingOps.MESSAGES, vars("threadId", thread, "first", 10));
        List<Map<String, Object>> edges = Ops.at(page, "messages", "edges");
        assertEquals(List.of(1, 2), edges.stream().map(e -> ((Number) ((Map<?, ?>) e.get("node")).get("sequence"))
                .intValue()).toList(), page.body());
    }

    @Test
    void aRetryReturnsTheFirstMessageAndStoresOnePushNeed() {
        MessagingOps.Person bea = MessagingOps.onboard(http, platform, "Bea");
        String thread = MessagingOps.threadOf(bea);
        Map<String, Object> input = MessagingOps.send(thread, "Can we talk about my flat?", "client-1");
        Reply first = bea.app().graphql(MessagingOps.SEND, input);
        Reply retry = bea.app().graphql(MessagingOps.SEND, input);
        String id = Ops.at(first, "sendMessage", "message", "id");
        assertEquals(id, Ops.at(retry, "sendMessage", "message", "id"), retry.body());
        assertEquals("client-1", Ops.at(retry, "sendMessage", "message", "clientMessageId"));
        Reply other = bea.app().graphql(MessagingOps.SEND, MessagingOps.send(thread, "Something else", "client-1"));
        assertEquals(List.of("CONFLICT"), Ops.userErrorCodes(other, "sendMessage"), other.body());
        Reply page = bea.app().graphql(MessagingOps.MESSAGES, vars("threadId", thread));
        assertEquals(1, Ops.<List<?>>at(page, "messages", "edges").size(), "never a duplicate");

        try (MongoClient client = MongoClients.create(SERVER.server().mongoUri())) {
            Document stored = client.getDatabase(SERVER.server().databaseName()).getCollection("messages")
                    .find(Filters.eq("_id", GlobalIds.decode(id).orElseThrow().id())).first();
            String state = stored.get("push", Document.class).getString("state");
            assertTrue(List.of("PENDING", "QUEUED").contains(state), "one push need, waiting or already expanded by "
                    + "the dispatcher: " + state);
            List<Document> targets = stored.getList("pushTo", Document.class);
            assertFalse(targets.isEmpty(), "a young person's message needs a push to the service");
            assertTrue(targets.stream().allMatch(t -> t.getString("recipient").startsWith("staff:")
                    && t.getString("category").equals("NEW_MESSAGE")), targets.toString());
            assertNotNull(stored.getDate("dueAt"), "the response due time is stored with the message");
            assertEquals(1, new MessagingPushSource().intents(stored).stream()
                    .map(intent -> intent.data().get("messageId")).distinct().count());
        }
    }

    @Test
    void anUrgentPhraseFlagsTheThreadAndReturnsHelpAtOnce() {
        MessagingOps.Person cal = MessagingOps.onboard(http, platform, "Cal");
        String thread = MessagingOps.threadOf(cal);
        try (GraphqlSocket manager = MessagingOps.staffSocket(SERVER.server().baseUrl(), platform.as("manager"))) {
            MessagingOps.subscribe(manager, "i", MessagingOps.INBOX_CHANGED, Map.of());
            Reply sent = cal.app().graphql(MessagingOps.SEND, MessagingOps.send(thread,
                    "I don't know what to do, I want to die"));
            assertTrue(Ops.<String>at(sent, "sendMessage", "urgentHelp", "text").contains("0800 1111"), sent.body());
            assertTrue(Ops.<String>at(sent, "sendMessage", "urgentHelp", "text").contains("999"));
            assertEquals(false, Ops.at(sent, "sendMessage", "thread", "urgent"), "the service's flag, not theirs");
            List<String> kinds = List.of(inboxKind(manager.next()), inboxKind(manager.next()));
            assertTrue(kinds.containsAll(List.of("URGENT", "MESSAGE_ADDED")), kinds.toString());
        }
        Reply urgent = platform.as("advocate").graphql(MessagingOps.INBOX, vars("filter", Map.of("urgent", true)));
        List<Map<String, Object>> edges = Ops.at(urgent, "advocacyInbox", "edges");
        assertTrue(edges.stream().anyMatch(e -> thread.equals(((Map<?, ?>) e.get("node")).get("id"))), urgent.body());

        Reply calm = cal.app().graphql(MessagingOps.SEND, MessagingOps.send(thread, "Thanks for listening"));
        assertNull(Ops.at(calm, "sendMessage", "urgentHelp"), "help comes with matching messages only");
        try (MongoClient client = MongoClients.create(SERVER.server().mongoUri())) {
            Document stored = client.getDatabase(SERVER.server().databaseName()).getCollection("messages")
                    .find(Filters.and(Filters.eq("threadId", GlobalIds.decode(thread).orElseThrow().id()),
                            Filters.eq("sequence", 1L))).first();
            assertTrue(stored.getList("pushTo", Document.class).stream()
                    .anyMatch(t -> t.getString("category").equals("URGENT")
                            && t.getString("recipient").equals("staff:" + GlobalIds.decode(platform.staffIds
                            .get("manager")).orElseThrow().id())), "the manager is on duty when nobody is named");
        }
    }

    @Test
    void redeemingAnInviteAllocatesTheServiceAtOnce() {
        MessagingOps.Person dan = MessagingOps.onboard(http, platform, "Dan");
        String advocacy = GlobalIds.encode("Advocacy", GlobalIds.decode(dan.id()).orElseThrow().id());
        Reply pending = platform.as("manager").graphql(MessagingOps.ALLOCATIONS, Map.of());
        List<Map<String, Map<String, Object>>> edges = Ops.at(pending, "advocacyAllocations", "edges");
        assertTrue(edges.stream().anyMatch(e -> advocacy.equals(e.get("node").get("id"))),
                "the manager sees them before they open the app's advocacy screen: " + pending.body());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(Map<String, Object> message, String id) {
        assertEquals("next", message.get("type"), message.toString());
        assertEquals(id, message.get("id"));
        Map<String, Object> data = (Map<String, Object>) ((Map<String, Object>) message.get("payload")).get("data");
        return (Map<String, Object>) data.get("messageAdded");
    }

    @SuppressWarnings("unchecked")
    private static String inboxKind(Map<String, Object> message) {
        assertEquals("next", message.get("type"), message.toString());
        Map<String, Object> data = (Map<String, Object>) ((Map<String, Object>) message.get("payload")).get("data");
        return (String) ((Map<String, Object>) data.get("inboxChanged")).get("kind");
    }
}
