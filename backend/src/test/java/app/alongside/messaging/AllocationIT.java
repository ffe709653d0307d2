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
 * Opt-out allocation on a clock the test moves: a named advocate is due within 2 working days, overdue
 * allocations surface to the manager, the manager allocates, and the young person's choices are kept with their
 * times. Also the 5-minute edit window. The clock is shared: the test that moves it by days runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AllocationIT {
    /** Wednesday 25 November 2026, 14:00 in London. */
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-25T14:00:00Z"));
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform(Map.of("AUTH_SESSION_IDLE_MINUTES", "1440",
            "AUTH_SESSION_ABSOLUTE_HOURS", "720"), CLOCK);
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();

    @Test
    @Order(3)
    void aNamedAdvocateIsDueInTwoWorkingDaysAndTheManagerSeesOverdueOnes() {
        MessagingOps.Person eve = MessagingOps.onboard(http, platform, "Eve");
        Reply mine = eve.app().graphql(MessagingOps.MY_ADVOCACY);
        Instant wednesday = CLOCK.instant();
        assertEquals(wednesday.plus(Duration.ofHours(48)).toString(), Ops.at(mine, "myAdvocacy", "allocationDueAt"),
                "Wednesday afternoon: due Friday at the same time; " + mine.body());
        String advocacyId = Ops.at(mine, "myAdvocacy", "id");
        Console manager = Console.signIn(http, "manager@example.test", Platform.PASSWORD);
        assertTrue(allocations(manager, false).contains(advocacyId));
        assertFalse(allocations(manager, true).contains(advocacyId));

        assertEquals(Date.from(wednesday.plus(Duration.ofHours(48))), escalation(eve).getDate("dueAt"),
                "the escalation to the manager is stored with the allocation");
        CLOCK.advance(Duration.ofHours(48));
        manager = Console.signIn(http, "manager@example.test", Platform.PASSWORD);
        assertTrue(allocations(manager, true).contains(advocacyId), "Friday 14:00: overdue");
        assertEquals(true, Ops.at(eve.app().graphql(MessagingOps.MY_ADVOCACY), "myAdvocacy", "allocationOverdue"));

        String advocate = platform.staffIds.get("advocate");
        Reply allocated = manager.graphql(MessagingOps.ALLOCATE, Ops.input(Map.of("youngPersonId", eve.id(),
                "advocateId", advocate)));
        assertEquals("ALLOCATED", Ops.at(allocated, "allocateAdvocate", "advocacy", "status"), allocated.body());
        assertEquals(advocate, Ops.at(allocated, "allocateAdvocate", "advocacy", "thread", "assignedAdvocate",
                "staffMemberId"));
        assertFalse(allocations(manager, false).contains(advocacyId));
        assertNull(escalation(eve), "allocating withdrew the escalation");
        Reply seen = eve.app().graphql(MessagingOps.MY_ADVOCACY);
        assertEquals("advocate", Ops.at(seen, "myAdvocacy", "advocate", "name"), "the named advocate");

        Reply change = eve.app().graphql(MessagingOps.SET_CHOICE, Ops.input(Map.of("choice", "CHANGE_ADVOCATE",
                "reason", "I'd like someone else")));
        assertEquals("ALLOCATION_PENDING", Ops.at(change, "setAdvocacyChoice", "advocacy", "status"), change.body());
        assertEquals(CLOCK.instant().plus(Duration.ofDays(4)).toString(), Ops.at(change, "setAdvocacyChoice",
                "advocacy", "allocationDueAt"), "Friday afternoon: due Tuesday at the same time");
        Reply same = manager.graphql(MessagingOps.ALLOCATE, Ops.input(Map.of("youngPersonId", eve.id(),
                "advocateId", advocate)));
        assertEquals(List.of("CONFLICT"), Ops.userErrorCodes(same, "allocateAdvocate"), "not the one they left");
        Reply other = manager.graphql(MessagingOps.ALLOCATE, Ops.input(Map.of("youngPersonId", eve.id(),
                "advocateId", platform.staffIds.get("otherAdvocate"))));
        assertEquals(List.of("NOT_FOUND"), Ops.userErrorCodes(other, "allocateAdvocate"), "not another service's");
    }

    @Test
    @Order(1)
    void choicesAreKeptWithTheirTimes() {
        MessagingOps.Person fin = MessagingOps.onboard(http, platform, "Fin");
        String thread = MessagingOps.threadOf(fin);
        Reply out = fin.app().graphql(MessagingOps.SET_CHOICE, Ops.input(Map.of("choice", "OPT_OUT")));
        assertEquals("OPTED_OUT", Ops.at(out, "setAdvocacyChoice", "advocacy", "status"), out.body());
        assertNull(Ops.at(out, "setAdvocacyChoice", "advocacy", "allocationDueAt"));
        Reply blocked = fin.app().graphql(MessagingOps.SEND, MessagingOps.send(thread, "hello"));
        assertEquals(List.of("CONFLICT"), Ops.userErrorCodes(blocked, "sendMessage"), blocked.body());
        Reply outAgain = fin.app().graphql(MessagingOps.SET_CHOICE, Ops.input(Map.of("choice", "OPT_IN",
                "reason", "changed my mind")));
        assertEquals("ALLOCATION_PENDING", Ops.at(outAgain, "setAdvocacyChoice", "advocacy", "status"));
        List<Map<String, Object>> choices = Ops.at(outAgain, "setAdvocacyChoice", "advocacy", "choices");
        assertEquals(List.of("OPT_OUT", "OPT_IN"), choices.stream().map(c -> c.get("choice")).toList());
        assertEquals("changed my mind", choices.get(1).get("reason"));
        assertEquals(CLOCK.instant().toString(), choices.get(1).get("at"));
        Reply twice = fin.app().graphql(MessagingOps.SET_CHOICE, Ops.input(Map.of("choice", "OPT_IN")));
        assertEquals(List.of("CONFLICT"), Ops.userErrorCodes(twice, "setAdvocacyChoice"));
        Reply noAdvocate = fin.app().graphql(MessagingOps.SET_CHOICE, Ops.input(Map.of("choice",
                "CHANGE_ADVOCATE")));
        assertEquals(List.of("CONFLICT"), Ops.userErrorCodes(noAdvocate, "setAdvocacyChoice"));
        Reply sent = fin.app().graphql(MessagingOps.SEND, MessagingOps.send(thread, "hello again"));
        assertEquals(List.of(), Ops.at(sent, "sendMessage", "userErrors"), sent.body());
    }

    @Test
    @Order(2)
    void authorsEditWithinFiveMinutesAndHistoryIsKept() {
        MessagingOps.Person gus = MessagingOps.onboard(http, platform, "Gus");
        String thread = MessagingOps.threadOf(gus);
        String id = Ops.at(gus.app().graphql(MessagingOps.SEND, MessagingOps.send(thread, "see you tomorow")),
                "sendMessage", "message", "id");
        CLOCK.advance(Duration.ofMinutes(4));
        Reply edited = gus.app().graphql(MessagingOps.EDIT, Ops.input(Map.of("messageId", id,
                "body", "see you tomorrow")));
        assertEquals("see you tomorrow", Ops.at(edited, "editMessage", "message", "body"), edited.body());
        assertEquals(List.of(Map.of("body", "see you tomorow")), Ops.at(edited, "editMessage", "message",
                "editHistory"));
        CLOCK.advance(Duration.ofMinutes(2));
        Reply late = gus.app().graphql(MessagingOps.EDIT, Ops.input(Map.of("messageId", id, "body", "too late")));
        assertEquals(List.of("CONFLICT"), Ops.userErrorCodes(late, "editMessage"), late.body());
        Reply page = gus.app().graphql(MessagingOps.MESSAGES, vars("threadId", thread));
        List<Map<String, Map<String, Object>>> edges = Ops.at(page, "messages", "edges");
        assertEquals("see you tomorrow", edges.getFirst().get("node").get("body"), page.body());
    }

    private static Document escalation(MessagingOps.Person person) {
        try (MongoClient client = MongoClients.create(SERVER.server().mongoUri())) {
            Document stored = client.getDatabase(SERVER.server().databaseName()).getCollection("advocacy")
                    .find(Filters.eq("_id", GlobalIds.decode(person.id()).orElseThrow().id())).first();
            if (stored.get("push") != null) {
                assertEquals(1, new AllocationEscalationPushSource().intents(stored).size(), "to the manager");
            }
            return stored.get("push", Document.class);
        }
    }

    private static List<String> allocations(Console manager, boolean overdueOnly) {
        Reply reply = manager.graphql(MessagingOps.ALLOCATIONS, vars("overdueOnly", overdueOnly));
        List<Map<String, Object>> edges = Ops.at(reply, "advocacyAllocations", "edges");
        if (edges == null) {
            throw new AssertionError(reply.body());
        }
        return edges.stream().map(e -> (String) ((Map<?, ?>) e.get("node")).get("id")).toList();
    }
}
