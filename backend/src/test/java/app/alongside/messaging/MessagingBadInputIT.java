package app.alongside.messaging;

import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static app.alongside.messaging.MessagingOps.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Bad input to messaging: each gets a typed error naming the field, and nothing is sent or changed. */
class MessagingBadInputIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    private static MessagingOps.Person jo;
    private static MessagingOps.Person kit;
    private static String thread;
    private static String kitsThread;

    @BeforeAll
    static void setUp() {
        Http http = SERVER.http();
        jo = MessagingOps.onboard(http, SERVER.platform(), "Jo");
        kit = MessagingOps.onboard(http, SERVER.platform(), "Kit");
        thread = MessagingOps.threadOf(jo);
        kitsThread = MessagingOps.threadOf(kit);
    }

    @Test
    void badBodiesAreRefusedAndNothingIsSent() {
        assertBadBody("", "BAD_USER_INPUT");
        assertBadBody("   \n\t ", "BAD_USER_INPUT");
        assertBadBody("x".repeat(4001), "BAD_USER_INPUT");
        assertBadBody("bell \u0007 here", "BAD_USER_INPUT");
        assertBadBody("escape \u001b[31m red", "BAD_USER_INPUT");
        assertBadBody("null \u0000 byte", "BAD_USER_INPUT");
        Reply longest = jo.app().graphql(MessagingOps.SEND, MessagingOps.send(thread, "y".repeat(4000)));
        assertEquals(List.of(), Ops.at(longest, "sendMessage", "userErrors"), "4,000 characters are fine");
        Reply lines = jo.app().graphql(MessagingOps.SEND, MessagingOps.send(thread, "line one\r\n\tline two"));
        assertEquals("line one\n\tline two", Ops.at(lines, "sendMessage", "message", "body"));
        assertEquals(2, messageCount(thread));
    }

    private void assertBadBody(String body, String code) {
        Reply reply = jo.app().graphql(MessagingOps.SEND, MessagingOps.send(thread, body));
        List<Map<String, Object>> errors = Ops.at(reply, "sendMessage", "userErrors");
        assertEquals(List.of(code), errors.stream().map(e -> e.get("code")).toList(), reply.body());
        assertEquals(List.of("input", "body"), errors.getFirst().get("field"));
        assertNull(Ops.at(reply, "sendMessage", "message"));
    }

    @Test
    void badIdsAndOtherPeoplesThreadsLookTheSame() {
        for (String id : List.of(kitsThread, "not-an-id", SERVER.platform().advocacyService)) {
            Reply reply = jo.app().graphql(MessagingOps.SEND, MessagingOps.send(id, "hello"));
            List<Map<String, Object>> errors = Ops.at(reply, "sendMessage", "userErrors");
            assertEquals("NOT_FOUND", errors.getFirst().get("code"), reply.body());
            assertEquals(List.of("input", "threadId"), errors.getFirst().get("field"));
        }
        Reply read = jo.app().graphql(MessagingOps.MESSAGES, vars("threadId", kitsThread));
        assertEquals(List.of("NOT_FOUND"), MessagingOps.errorCodes(read), read.body());
        Reply otherService = SERVER.platform().as("otherAdvocate").graphql(MessagingOps.SEND,
                MessagingOps.send(thread, "hello from the south"));
        assertEquals(List.of("NOT_FOUND"), Ops.userErrorCodes(otherService, "sendMessage"), otherService.body());
        assertEquals(0, messageCount(kitsThread));
    }

    @Test
    void onlyTheAuthorEditsOrDeletes() {
        String id = Ops.at(jo.app().graphql(MessagingOps.SEND, MessagingOps.send(thread, "mine")), "sendMessage",
                "message", "id");
        Reply byAdvocate = SERVER.platform().as("advocate").graphql(MessagingOps.EDIT, Ops.input(Map.of(
                "messageId", id, "body", "changed")));
        assertEquals(List.of("FORBIDDEN"), MessagingOps.errorCodes(byAdvocate), byAdvocate.body());
        Reply byKit = kit.app().graphql(MessagingOps.DELETE, Ops.input(Map.of("messageId", id)));
        assertEquals(List.of("NOT_FOUND"), Ops.userErrorCodes(byKit, "deleteMessage"), byKit.body());
        Reply empty = jo.app().graphql(MessagingOps.EDIT, Ops.input(Map.of("messageId", id, "body", "")));
        assertEquals(List.of("BAD_USER_INPUT"), Ops.userErrorCodes(empty, "editMessage"));

        Reply deleted = jo.app().graphql(MessagingOps.DELETE, Ops.input(Map.of("messageId", id)));
        assertEquals(true, Ops.at(deleted, "deleteMessage", "message", "deleted"), deleted.body());
        assertNull(Ops.at(deleted, "deleteMessage", "message", "body"));
        Reply again = jo.app().graphql(MessagingOps.DELETE, Ops.input(Map.of("messageId", id)));
        assertEquals(List.of(), Ops.at(again, "deleteMessage", "userErrors"), "deleting twice is harmless");
        Reply editDeleted = jo.app().graphql(MessagingOps.EDIT, Ops.input(Map.of("messageId", id, "body", "x")));
        assertEquals(List.of("CONFLICT"), Ops.userErrorCodes(editDeleted, "editMessage"));
    }

    @Test
    void badPagingAndReadMarks() {
        Reply both = jo.app().graphql(MessagingOps.MESSAGES, vars("threadId", thread, "first", 2, "last", 2));
        assertEquals(List.of("BAD_USER_INPUT"), MessagingOps.errorCodes(both), both.body());
        Reply tooMany = jo.app().graphql(MessagingOps.MESSAGES, vars("threadId", thread, "first", 101));
        assertEquals(List.of("BAD_USER_INPUT"), MessagingOps.errorCodes(tooMany));
        Reply badCursor = jo.app().graphql(MessagingOps.MESSAGES, vars("threadId", thread, "after", "nonsense"));
        assertEquals(List.of("BAD_USER_INPUT"), MessagingOps.errorCodes(badCursor));
        Reply beyond = jo.app().graphql(MessagingOps.MARK_READ, Ops.input(Map.of("threadId", thread,
                "upToSequence", 10_000)));
        assertEquals(List.of("BAD_USER_INPUT"), Ops.userErrorCodes(beyond, "markThreadRead"), beyond.body());
        Reply noId = jo.app().graphql(MessagingOps.SEND, Ops.input(Map.of("threadId", thread, "body", "hi",
                "clientMessageId", "")));
        assertEquals(List.of("BAD_USER_INPUT"), Ops.userErrorCodes(noId, "sendMessage"), noId.body());
    }

    @Test
    void pagesGoBothWays() {
        MessagingOps.Person lou = MessagingOps.onboard(SERVER.http(), SERVER.platform(), "Lou");
        String own = MessagingOps.threadOf(lou);
        for (int i = 1; i <= 5; i++) {
            lou.app().graphql(MessagingOps.SEND, MessagingOps.send(own, "message " + i));
        }
        Reply newest = lou.app().graphql(MessagingOps.MESSAGES, vars("threadId", own, "last", 2));
        assertEquals(List.of(4, 5), sequences(newest), newest.body());
        assertEquals(true, Ops.at(newest, "messages", "pageInfo", "hasPreviousPage"));
        String start = Ops.at(newest, "messages", "pageInfo", "startCursor");
        Reply older = lou.app().graphql(MessagingOps.MESSAGES, vars("threadId", own, "last", 2, "before", start));
        assertEquals(List.of(2, 3), sequences(older));
        Reply first = lou.app().graphql(MessagingOps.MESSAGES, vars("threadId", own, "first", 3));
        assertEquals(List.of(1, 2, 3), sequences(first));
        assertEquals(true, Ops.at(first, "messages", "pageInfo", "hasNextPage"));
        Reply rest = lou.app().graphql(MessagingOps.MESSAGES, vars("threadId", own, "first", 3, "after",
                Ops.at(first, "messages", "pageInfo", "endCursor")));
        assertEquals(List.of(4, 5), sequences(rest));
        assertEquals(false, Ops.at(rest, "messages", "pageInfo", "hasNextPage"));

        Reply back = lou.app().graphql(MessagingOps.MARK_READ, Ops.input(Map.of("threadId", own, "upToSequence", 2)));
        assertEquals(0, ((Number) Ops.at(back, "markThreadRead", "thread", "unreadCount")).intValue(),
                "a read mark never moves back, and one's own messages are read: " + back.body());
        Reply staff = SERVER.platform().as("advocate").graphql(MessagingOps.MARK_READ, Ops.input(Map.of("threadId",
                own, "upToSequence", 4)));
        List<Map<String, Object>> receipts = Ops.at(staff, "markThreadRead", "thread", "readReceipts");
        assertEquals(List.of(Map.of("readerKind", "YOUNG_PERSON", "readerName", "Lou", "lastReadSequence", 5),
                Map.of("readerKind", "STAFF", "readerName", "advocate", "lastReadSequence", 4)),
                receipts.stream().sorted(java.util.Comparator.comparing(r -> (String) r.get("readerKind")))
                        .map(r -> Map.of("readerKind", r.get("readerKind"), "readerName", r.get("readerName"),
                                "lastReadSequence", ((Number) r.get("lastReadSequence")).intValue())).toList()
                        .reversed(), staff.body());
        assertEquals(1, ((Number) Ops.at(staff, "markThreadRead", "thread", "unreadCount")).intValue());
    }

    private static List<Integer> sequences(Reply reply) {
        List<Map<String, Map<String, Object>>> edges = Ops.at(reply, "messages", "edges");
        return edges.stream().map(e -> ((Number) e.get("node").get("sequence")).intValue()).toList();
    }

    private static int messageCount(String threadId) {
        MessagingOps.Person owner = threadId.equals(thread) ? jo : kit;
        Reply reply = owner.app().graphql("query($t: ID!) { messages(threadId: $t, first: 100) { edges { cursor } } }",
                vars("t", threadId));
        return Ops.<List<?>>at(reply, "messages", "edges").size();
    }
}
