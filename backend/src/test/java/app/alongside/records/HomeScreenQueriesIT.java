package app.alongside.records;

import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.RecordsOps;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.YoungPersonApp;
import app.alongside.platform.core.GlobalIds;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The home screen (mission summary plus the first page of records) costs the same five database commands however
 * many records a young person has, each served by an index: counted with the real driver's command listener.
 */
class HomeScreenQueriesIT {
    static final ConcurrentLinkedQueue<String> COMMANDS = new ConcurrentLinkedQueue<>();
    static final CommandListener COUNTER = new CommandListener() {
        @Override
        public void commandStarted(CommandStartedEvent event) {
            COMMANDS.add(event.getCommandName() + " " + event.getCommand().get(event.getCommandName()));
        }
    };
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform(
            Map.of("RECORDS_MAINTENANCE_INTERVAL_SECONDS", "86400", "PUSH_DISPATCHER_ENABLED", "false",
                    "OPPORTUNITIES_CLOSE_INTERVAL_SECONDS", "86400"), COUNTER);

    private static List<String> commandsFor(YoungPersonApp app) {
        COMMANDS.clear();
        Reply reply = app.graphql(RecordsOps.HOME_SCREEN);
        assertEquals(List.of(), reply.errorCodes(), reply.body());
        return List.copyOf(COMMANDS);
    }

    @Test
    void homeScreenCommandsDoNotGrowWithRecords() {
        YoungPersonApp app = RecordsJourneyIT.joined(SERVER.http(), SERVER.platform(), "Nia",
                SERVER.platform().invite("Nia"));
        commandsFor(app); // the first request after joining also looks up the app account's new link
        List<String> empty = commandsFor(app);
        RecordsOps.sampleDetails().forEach((member, details) -> RecordsJourneyIT.create(app, member, details));
        app.graphql(RecordsOps.CREATE_GOAL, Ops.input(Map.of("mission", "WORK", "title", "Find a job",
                "steps", List.of(Map.of("title", "Write a CV")))));
        List<String> few = commandsFor(app);
        for (int i = 0; i < 60; i++) {
            RecordsJourneyIT.create(app, "cvItem", Map.of("heading", "Item " + i));
        }
        List<String> many = commandsFor(app);
        assertEquals(few.size(), many.size(), "few: " + few + "\nmany: " + many);
        assertEquals(List.of("find recordIndex", "aggregate records", "find records", "find goals", "find records"),
                many.stream().map(c -> c.replaceAll("BsonString\\{value='(.*)'}", "$1")).toList(),
                "the sharing document, one aggregation of the records (counts, ids of the newest and next due per"
                        + " kind), those records by id, the active goals, then the page of records (the app account's"
                        + " link is remembered)");
        assertTrue(empty.size() <= many.size(), "empty: " + empty);
    }

    @Test
    void theNewestTwentyReadAboutTwentyDocumentsWhateverTheStoreHolds() {
        String[] invite = SERVER.platform().invite("Oz");
        YoungPersonApp oz = RecordsJourneyIT.joined(SERVER.http(), SERVER.platform(), "Oz", invite);
        String[] other = SERVER.platform().invite("Pip");
        RecordsJourneyIT.joined(SERVER.http(), SERVER.platform(), "Pip", other);
        RecordsSeed seed = new RecordsSeed(SERVER.server().app().store().db());
        seed.seed(stored(invite[0]), 200, Instant.now(), Duration.ofMinutes(1));
        seed.seed(stored(other[0]), 200, Instant.now(), Duration.ofMinutes(1));

        long before = SERVER.server().documentsRead();
        Reply page = oz.graphql(RecordsOps.MY_RECORDS, Map.of("first", 20));
        long read = SERVER.server().documentsRead() - before;
        assertEquals(20, ((List<?>) Ops.at(page, "myRecords", "edges")).size(), page.body());
        assertTrue(read <= 25, "the newest 20 of 200 read " + read + " documents");

        before = SERVER.server().documentsRead();
        Reply home = oz.graphql(RecordsOps.HOME_SCREEN);
        read = SERVER.server().documentsRead() - before;
        assertEquals(List.of(), home.errorCodes(), home.body());
        int perKind = 2 * RecordKind.values().length;
        assertTrue(read >= 200 && read <= 200 + perKind + 25, "the home screen read " + read + " documents: its"
                + " counts read the person's 200 live records once, at most two a kind again (the newest and the next"
                + " due), the page 20 more, and nothing of anyone else's");
    }

    private static String stored(String globalId) {
        return GlobalIds.decode(globalId).orElseThrow().id();
    }
}
