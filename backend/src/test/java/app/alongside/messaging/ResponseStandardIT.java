package app.alongside.messaging;

import app.alongside.fixtures.Console;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.MutableClock;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import app.alongside.platform.core.GlobalIds;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static app.alongside.messaging.MessagingOps.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The response standard on a clock the test moves: a young person's message is due a reply one working day later
 * (stored when sent), becomes overdue for the inbox and the manager's figures, and the reply stops the clock and
 * counts its working time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResponseStandardIT {
    /** Monday 23 November 2026, 10:00 in London (GMT). */
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform(Map.of("AUTH_SESSION_IDLE_MINUTES", "1440",
            "AUTH_SESSION_ABSOLUTE_HOURS", "720"), CLOCK);
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();

    @Test
    void anUnansweredMessageBecomesOverdueAfterOneWorkingDayAndTheReplyIsTimed() {
        MessagingOps.Person dee = MessagingOps.onboard(http, platform, "Dee");
        String thread = MessagingOps.threadOf(dee);
        Reply sent = dee.app().graphql(MessagingOps.SEND, MessagingOps.send(thread, "Can you help with my PEP?"));
        assertEquals("2026-11-24T10:00:00Z", Ops.at(sent, "sendMessage", "thread", "replyDueAt"), sent.body());
        assertEquals(false, Ops.at(sent, "sendMessage", "thread", "overdue"));
        dee.app().graphql(MessagingOps.SEND, MessagingOps.send(thread, "It's about school"));

        CLOCK.advance(Duration.ofHours(23).plusMinutes(59));
        Console manager = Console.signIn(http, "manager@example.test", Platform.PASSWORD);
        assertFalse(inboxHas(manager, Map.of("overdue", true), thread), "Tuesday 09:59: still in time");
        assertTrue(inboxHas(manager, Map.of("unanswered", true), thread));
        assertEquals(0, figure(manager, "overdueCount"));

        CLOCK.advance(Duration.ofMinutes(2));
        assertTrue(inboxHas(manager, Map.of("overdue", true), thread), "Tuesday 10:01: overdue");
        assertEquals(1, figure(manager, "overdueCount"));
        assertEquals(1, figure(manager, "unansweredCount"));
        assertEquals(0, figure(manager, "respondedCount"));

        try (MongoClient client = MongoClients.create(SERVER.server().mongoUri())) {
            Document stored = client.getDatabase(SERVER.server().databaseName()).getCollection("threads")
                    .find(Filters.eq("_id", GlobalIds.decode(thread).orElseThrow().id())).first();
            assertEquals(Date.from(Instant.parse("2026-11-24T10:00:00Z")), stored.get("push", Document.class)
                    .getDate("dueAt"), "the escalation is due when the reply is");
            assertEquals(1, new ThreadEscalationPushSource().intents(stored).size(), "to the service's manager");
        }
        Console advocate = Console.signIn(http, "advocate@example.test", Platform.PASSWORD);
        Reply answer = advocate.graphql(MessagingOps.SEND, MessagingOps.send(thread, "Of course. Let's talk."));
        assertNull(Ops.at(answer, "sendMessage", "thread", "replyDueAt"), answer.body());
        assertEquals(false, Ops.at(answer, "sendMessage", "thread", "overdue"));
        assertFalse(inboxHas(manager, Map.of("overdue", true), thread));
        assertEquals(0, figure(manager, "overdueCount"));
        assertEquals(1, figure(manager, "respondedCount"));
        // Monday 10:00-17:00 and Tuesday 09:00-10:01: 481 working minutes.
        assertEquals(481, figure(manager, "firstResponseMedianMinutes"));
        assertEquals(481, figure(manager, "firstResponseP90Minutes"));
        try (MongoClient client = MongoClients.create(SERVER.server().mongoUri())) {
            Document stored = client.getDatabase(SERVER.server().databaseName()).getCollection("threads")
                    .find(Filters.eq("_id", GlobalIds.decode(thread).orElseThrow().id())).first();
            assertNull(stored.get("push"), "the reply withdrew the escalation");
        }

        CLOCK.advance(Duration.ofHours(5));
        Reply again = dee.app().graphql(MessagingOps.SEND, MessagingOps.send(thread, "Thanks! One more thing"));
        assertEquals("2026-11-25T15:01:00Z", Ops.at(again, "sendMessage", "thread", "replyDueAt"),
                "a new message after the reply starts a new clock");
    }

    @Test
    @Order(1)
    void onlyManagersSeeTheFigures() {
        for (String name : List.of("advocate", "otherAdvocate", "laWorkerA", "corporate")) {
            Reply reply = platform.as(name).graphql(MessagingOps.FIGURES, Map.of());
            assertEquals(List.of("FORBIDDEN"), MessagingOps.errorCodes(reply), name + ": " + reply.body());
        }
        assertEquals(List.of("FORBIDDEN"), MessagingOps.errorCodes(platform.admin.graphql(MessagingOps.FIGURES)));
    }

    private static boolean inboxHas(Console console, Map<String, Object> filter, String thread) {
        Reply reply = console.graphql(MessagingOps.INBOX, vars("filter", filter));
        List<Map<String, Object>> edges = Ops.at(reply, "advocacyInbox", "edges");
        return edges.stream().anyMatch(e -> thread.equals(((Map<?, ?>) e.get("node")).get("id")));
    }

    private static int figure(Console console, String name) {
        Reply reply = console.graphql(MessagingOps.FIGURES, Map.of());
        Number value = Ops.at(reply, "advocacyFigures", name);
        if (value == null) {
            throw new AssertionError(name + " is null: " + reply.body());
        }
        return value.intValue();
    }
}
