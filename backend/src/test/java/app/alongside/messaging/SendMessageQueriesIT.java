package app.alongside.messaging;

import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.ServerExtension;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What an app's {@code sendMessage} costs the store, counted with the real driver's command listener: the first
 * message (which starts the reply clock) and the next (the clock already runs) cost the same five commands, each
 * by {@code _id} or a unique index. The app account's link, the service's safeguarding phrases and its roster
 * (who the pushes reach) are remembered for a short time, and read on the first send only.
 */
class SendMessageQueriesIT {
    static final ConcurrentLinkedQueue<String> COMMANDS = new ConcurrentLinkedQueue<>();
    static final CommandListener COUNTER = new CommandListener() {
        @Override
        public void commandStarted(CommandStartedEvent event) {
            if (!event.getCommandName().equals("hello") && !event.getCommandName().equals("ismaster")) {
                COMMANDS.add(event.getCommandName() + " " + event.getCommand().get(event.getCommandName()));
            }
        }
    };
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform(
            Map.of("RECORDS_MAINTENANCE_INTERVAL_SECONDS", "86400", "PUSH_DISPATCHER_ENABLED", "false",
                    "OPPORTUNITIES_CLOSE_INTERVAL_SECONDS", "86400"), COUNTER);

    private Reply last;

    private List<String> commandsOf(MessagingOps.Person person, String thread, String body) {
        COMMANDS.clear();
        Reply sent = person.app().graphql(MessagingOps.SEND, MessagingOps.send(thread, body));
        assertEquals(List.of(), Ops.at(sent, "sendMessage", "userErrors"), sent.body());
        last = sent;
        return COMMANDS.stream().map(c -> c.replaceAll("BsonString\\{value='(.*)'}", "$1")).toList();
    }

    @Test
    void aYoungPersonsSendIsFiveStoreCommandsWhetherOrNotTheClockRuns() {
        MessagingOps.Person amara = MessagingOps.onboard(SERVER.http(), SERVER.platform(), "Amara");
        String thread = MessagingOps.threadOf(amara);
        List<String> expected = List.of(
                "find threads",                 // the thread: theirs? opted out? its counter and clock
                "insert messages",              // numbered one past the counter; a retry lands on the first
                "findAndModify threads",        // the counter, the reply clock and the sender's read mark
                "insert audit",
                "find youngPeople");            // the author's name in the answer
        commandsOf(amara, thread, "Hello, are you there?");
        Reply answer = SERVER.platform().as("advocate").graphql(MessagingOps.SEND,
                MessagingOps.send(thread, "Hello Amara, I'm here."));
        assertEquals(List.of(), Ops.at(answer, "sendMessage", "userErrors"), answer.body());
        assertNull(Ops.at(answer, "sendMessage", "thread", "awaitingReplySince"), "the reply stopped the clock");

        assertEquals(expected, commandsOf(amara, thread, "Hello again."), "the first message after a reply");
        Reply sent = last;
        assertNotNull(Ops.at(sent, "sendMessage", "thread", "awaitingReplySince"), "it started the clock");
        assertEquals(3, ((Number) Ops.at(sent, "sendMessage", "message", "sequence")).intValue());
        assertEquals(expected, commandsOf(amara, thread, "It is about my review."), "the clock already runs");
        assertEquals(Ops.<String>at(sent, "sendMessage", "thread", "awaitingReplySince"),
                Ops.at(last, "sendMessage", "thread", "awaitingReplySince"), "the oldest unanswered message keeps it");
        assertEquals(4, ((Number) Ops.at(last, "sendMessage", "thread", "lastSequence")).intValue());
        assertEquals(0, ((Number) Ops.at(last, "sendMessage", "thread", "unreadCount")).intValue(),
                "their own messages are read");
    }

    @Test
    void aRetryAnswersWithTheFirstMessageEvenAfterOptingOut() {
        MessagingOps.Person bo = MessagingOps.onboard(SERVER.http(), SERVER.platform(), "Bo");
        String thread = MessagingOps.threadOf(bo);
        Map<String, Object> once = MessagingOps.send(thread, "Can we talk on Friday?", "bo-1");
        Reply first = bo.app().graphql(MessagingOps.SEND, once);
        Reply again = bo.app().graphql(MessagingOps.SEND, once);
        assertEquals(Ops.<String>at(first, "sendMessage", "message", "id"), Ops.at(again, "sendMessage", "message",
                "id"), again.body());
        Reply out = bo.app().graphql(MessagingOps.SET_CHOICE, Ops.input(Map.of("choice", "OPT_OUT")));
        assertEquals("OPTED_OUT", Ops.at(out, "setAdvocacyChoice", "advocacy", "status"), out.body());
        Reply late = bo.app().graphql(MessagingOps.SEND, once);
        assertEquals(Ops.<String>at(first, "sendMessage", "message", "id"), Ops.at(late, "sendMessage", "message",
                "id"), late.body());
        Reply fresh = bo.app().graphql(MessagingOps.SEND, MessagingOps.send(thread, "Another thing"));
        assertEquals(List.of("CONFLICT"), Ops.userErrorCodes(fresh, "sendMessage"), fresh.body());
        Reply messages = bo.app().graphql(MessagingOps.MESSAGES, MessagingOps.vars("threadId", thread));
        assertEquals(1, Ops.<List<?>>at(messages, "messages", "edges").size(), messages.body());
    }
}
