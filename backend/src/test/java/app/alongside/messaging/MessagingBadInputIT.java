package app.alongside.messaging;

import app.alongside.fixtures.Engine;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static app.alongside.messaging.MessagingOps.MessagePayload;
import static app.alongside.messaging.MessagingOps.Messages;
import static app.alongside.messaging.MessagingOps.ReadReceipt;
import static app.alongside.messaging.MessagingOps.ThreadPayload;
import static app.alongside.messaging.MessagingOps.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Bad input to messaging: each gets a typed error naming the field, and nothing is sent or changed. The people are
 * onboarded over HTTP as an app would be; the rules are then run on the GraphQL engine as each of them
 * ({@link Engine}), with no transport in between: the transport has tests of its own.
 */
class MessagingBadInputIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    private static Engine.Asker jo;
    private static Engine.Asker kit;
    private static Engine.Asker lou;
    private static Engine.Asker advocate;
    private static Engine.Asker otherAdvocate;
    private static String thread;
    private static String kitsThread;
    private static String lousThread;

    @BeforeAll
    static void setUp() {
        Http http = SERVER.http();
        Engine engine = Engine.of(SERVER.server().app());
        MessagingOps.Person joInApp = MessagingOps.onboard(http, SERVER.platform(), "Jo");
        MessagingOps.Person kitInApp = MessagingOps.onboard(http, SERVER.platform(), "Kit");
        MessagingOps.Person louInApp = MessagingOps.onboard(http, SERVER.platform(), "Lou");
        thread = MessagingOps.threadOf(joInApp);
        kitsThread = MessagingOps.threadOf(kitInApp);
        lousThread = MessagingOps.threadOf(louInApp);
        jo = engine.youngPerson(joInApp.id(), joInApp.app().uid());
        kit = engine.youngPerson(kitInApp.id(), kitInApp.app().uid());
        lou = engine.youngPerson(louInApp.id(), louInApp.app().uid());
        advocate = engine.staff(SERVER.platform().staffIds.get("advocate"));
        otherAdvocate = engine.staff(SERVER.platform().staffIds.get("otherAdvocate"));
    }

    @Test
    void badBodiesAreRefusedAndNothingIsSent() {
        assertBadBody("", "BAD_USER_INPUT");
        assertBadBody("   \n\t ", "BAD_USER_INPUT");
        assertBadBody("x".repeat(4001), "BAD_USER_INPUT");
        assertBadBody("bell \u0007 here", "BAD_USER_INPUT");
        assertBadBody("escape \u001b[31m red", "BAD_USER_INPUT");
        assertBadBody("null \u0000 byte", "BAD_USER_INPUT");
        MessagePayload longest = send(jo, thread, "y".repeat(4000));
        assertEquals(List.of(), longest.userErrors(), "4,000 characters are fine");
        MessagePayload lines = send(jo, thread, "line one\r\n\tline two");
        assertEquals("line one\n\tline two", lines.message().body());
        assertEquals(2, messageCount(jo, thread));
    }

    private void assertBadBody(String body, String code) {
        Reply reply = jo.graphql(MessagingOps.SEND, MessagingOps.send(thread, body));
        MessagePayload sent = Ops.payload(reply, "sendMessage", MessagePayload.class);
        assertEquals(List.of(code), sent.errorCodes(), reply.body());
        assertEquals(List.of("input", "body"), sent.userErrors().getFirst().field());
        assertNull(sent.message());
    }

    @Test
    void badIdsAndOtherPeoplesThreadsLookTheSame() {
        for (String id : List.of(kitsThread, "not-an-id", SERVER.platform().advocacyService)) {
            MessagePayload sent = send(jo, id, "hello");
            assertEquals("NOT_FOUND", sent.userErrors().getFirst().code(), id);
            assertEquals(List.of("input", "threadId"), sent.userErrors().getFirst().field());
        }
        Reply read = jo.graphql(MessagingOps.MESSAGES, vars("threadId", kitsThread));
        assertEquals(List.of("NOT_FOUND"), MessagingOps.errorCodes(read), read.body());
        assertEquals(List.of("NOT_FOUND"), send(otherAdvocate, thread, "hello from the south").errorCodes());
        assertEquals(0, messageCount(kit, kitsThread));
    }

    @Test
    void onlyTheAuthorEditsOrDeletes() {
        String id = send(jo, thread, "mine").message().id();
        Reply byAdvocate = advocate.graphql(MessagingOps.EDIT, Ops.input(Map.of("messageId", id, "body", "changed")));
        assertEquals(List.of("FORBIDDEN"), MessagingOps.errorCodes(byAdvocate), byAdvocate.body());
        assertEquals(List.of("NOT_FOUND"), change(kit, MessagingOps.DELETE, "deleteMessage",
                Map.of("messageId", id)).errorCodes());
        assertEquals(List.of("BAD_USER_INPUT"), change(jo, MessagingOps.EDIT, "editMessage",
                Map.of("messageId", id, "body", "")).errorCodes());

        MessagePayload deleted = change(jo, MessagingOps.DELETE, "deleteMessage", Map.of("messageId", id));
        assertEquals(true, deleted.message().deleted());
        assertNull(deleted.message().body());
        assertEquals(List.of(), change(jo, MessagingOps.DELETE, "deleteMessage", Map.of("messageId", id))
                .userErrors(), "deleting twice is harmless");
        assertEquals(List.of("CONFLICT"), change(jo, MessagingOps.EDIT, "editMessage",
                Map.of("messageId", id, "body", "x")).errorCodes());
    }

    @Test
    void badPagingAndReadMarks() {
        Reply both = jo.graphql(MessagingOps.MESSAGES, vars("threadId", thread, "first", 2, "last", 2));
        assertEquals(List.of("BAD_USER_INPUT"), MessagingOps.errorCodes(both), both.body());
        Reply tooMany = jo.graphql(MessagingOps.MESSAGES, vars("threadId", thread, "first", 101));
        assertEquals(List.of("BAD_USER_INPUT"), MessagingOps.errorCodes(tooMany));
        Reply badCursor = jo.graphql(MessagingOps.MESSAGES, vars("threadId", thread, "after", "nonsense"));
        assertEquals(List.of("BAD_USER_INPUT"), MessagingOps.errorCodes(badCursor));
        assertEquals(List.of("BAD_USER_INPUT"), markRead(jo, thread, 10_000).errorCodes());
        Reply noId = jo.graphql(MessagingOps.SEND, Ops.input(Map.of("threadId", thread, "body", "hi",
                "clientMessageId", "")));
        assertEquals(List.of("BAD_USER_INPUT"), Ops.payload(noId, "sendMessage", MessagePayload.class).errorCodes(),
                noId.body());
    }

    @Test
    void pagesGoBothWays() {
        for (int i = 1; i <= 5; i++) {
            send(lou, lousThread, "message " + i);
        }
        Messages newest = messages(lou, vars("threadId", lousThread, "last", 2));
        assertEquals(List.of(4, 5), newest.sequences());
        assertEquals(true, newest.pageInfo().hasPreviousPage());
        Messages older = messages(lou, vars("threadId", lousThread, "last", 2, "before",
                newest.pageInfo().startCursor()));
        assertEquals(List.of(2, 3), older.sequences());
        Messages first = messages(lou, vars("threadId", lousThread, "first", 3));
        assertEquals(List.of(1, 2, 3), first.sequences());
        assertEquals(true, first.pageInfo().hasNextPage());
        Messages rest = messages(lou, vars("threadId", lousThread, "first", 3, "after", first.pageInfo().endCursor()));
        assertEquals(List.of(4, 5), rest.sequences());
        assertEquals(false, rest.pageInfo().hasNextPage());

        ThreadPayload back = markRead(lou, lousThread, 2);
        assertEquals(0, back.thread().unreadCount(), "a read mark never moves back, and one's own messages are read");
        ThreadPayload staff = markRead(advocate, lousThread, 4);
        assertEquals(List.of(new ReadReceipt("YOUNG_PERSON", "Lou", 5), new ReadReceipt("STAFF", "advocate", 4)),
                staff.thread().readReceipts().stream().sorted(Comparator.comparing(ReadReceipt::readerKind).reversed())
                        .toList());
        assertEquals(1, staff.thread().unreadCount());
    }

    private static MessagePayload send(Engine.Asker asker, String threadId, String body) {
        return Ops.payload(asker.graphql(MessagingOps.SEND, MessagingOps.send(threadId, body)), "sendMessage",
                MessagePayload.class);
    }

    private static MessagePayload change(Engine.Asker asker, String operation, String field,
                                         Map<String, Object> input) {
        return Ops.payload(asker.graphql(operation, Ops.input(input)), field, MessagePayload.class);
    }

    private static ThreadPayload markRead(Engine.Asker asker, String threadId, int upTo) {
        return Ops.payload(asker.graphql(MessagingOps.MARK_READ, Ops.input(Map.of("threadId", threadId,
                "upToSequence", upTo))), "markThreadRead", ThreadPayload.class);
    }

    private static Messages messages(Engine.Asker asker, Map<String, Object> variables) {
        return Ops.payload(asker.graphql(MessagingOps.MESSAGES, variables), "messages", Messages.class);
    }

    private static int messageCount(Engine.Asker owner, String threadId) {
        return messages(owner, vars("threadId", threadId, "first", 100)).edges().size();
    }
}
