package app.alongside.privacy.erasure;

import app.alongside.platform.core.ErasableData;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** An erasure cut short half way finishes when run again, each hook running until it is recorded and not after. */
class ErasureTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    private MongoServer server;
    private MongoClient client;
    private ErasureRequestRepository requests;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        MongoDatabase db = client.getDatabase("test");
        requests = new ErasureRequestRepository(db);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdown();
    }

    @Test
    void aRunCutShortResumesAtTheHookThatFailed() {
        List<String> ran = new ArrayList<>();
        AtomicBoolean crash = new AtomicBoolean(true);
        List<ErasableData> hooks = new ArrayList<>();
        for (String name : ErasurePolicy.load().hooks()) {
            hooks.add(ErasableData.of(name, id -> {
                if (name.equals("devices") && crash.getAndSet(false)) {
                    throw new IllegalStateException("the server stopped");
                }
                ran.add(name);
                return 2;
            }));
        }
        Erasure erasure = new Erasure(requests, ErasurePolicy.load(), hooks, CLOCK);
        ErasureRequest approved = approvedRequest();

        assertThrows(IllegalStateException.class, () -> erasure.carryOut(approved));
        assertNull(requests.find(approved.id()).orElseThrow().carriedOutAt());
        List<String> order = ErasurePolicy.load().hooks();
        assertEquals(order.subList(0, order.indexOf("devices")), ran, "the hooks before the failure ran");

        erasure.resumeUnfinished();
        ErasureRequest done = requests.find(approved.id()).orElseThrow();
        assertNotNull(done.carriedOutAt());
        assertEquals(ErasurePolicy.load().hooks(), ran, "each hook ran once, in order");
        assertEquals(ErasurePolicy.load().hooks(), done.result().erased().stream().map(ErasureRequest.Erased::kind)
                .toList());
        assertEquals(List.of(), requests.unfinished());
    }

    @Test
    void hooksThatDoNotMatchThePolicyStopTheStart() {
        assertThrows(IllegalStateException.class, () -> new Erasure(requests, ErasurePolicy.load(),
                List.of(ErasableData.of("records", id -> 0)), CLOCK));
    }

    private ErasureRequest approvedRequest() {
        ErasureRequest pending = new ErasureRequest("r1", "yp1", "council1", ErasureRequest.State.PENDING, null,
                CLOCK.instant(), LocalDate.of(2027, 1, 2), null, null, null, null, ErasureRequest.Result.NONE);
        requests.insertPending(pending);
        return requests.close("r1", ErasureRequest.State.APPROVED, "staff1", null, List.of(), CLOCK.instant())
                .orElseThrow();
    }
}
