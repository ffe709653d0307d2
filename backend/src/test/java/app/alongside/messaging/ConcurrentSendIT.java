package app.alongside.messaging;

import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many clients sending on one thread at once: every send succeeds once, with a number of its own, in order. */
class ConcurrentSendIT {
    private static final int CLIENTS = 32;
    private static final int EACH = 2;

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform(Map.of("RATE_LIMIT_GRAPHQL_PER_MINUTE",
            "100000"), java.time.Clock.systemUTC());

    @Test
    void thirtyTwoClientsAtOnceGetUniqueSequenceNumbersInSendOrder() throws Exception {
        MessagingOps.Person jo = MessagingOps.onboard(SERVER.http(), SERVER.platform(), "Jo");
        String thread = MessagingOps.threadOf(jo);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    start.await();
                    List<Long> sequences = new ArrayList<>();
                    for (int i = 0; i < EACH; i++) {
                        String clientMessageId = UUID.randomUUID().toString();
                        Reply reply = jo.app().graphql(MessagingOps.SEND, MessagingOps.send(thread,
                                "client " + client + " message " + i, clientMessageId));
                        assertEquals(List.of(), reply.errorCodes(), reply.body());
                        assertEquals(List.of(), Ops.at(reply, "sendMessage", "userErrors"), reply.body());
                        assertEquals(clientMessageId, Ops.at(reply, "sendMessage", "message", "clientMessageId"));
                        sequences.add(((Number) Ops.at(reply, "sendMessage", "message", "sequence")).longValue());
                    }
                    return sequences;
                }));
            }
            start.countDown();
            Set<Long> all = new HashSet<>();
            for (Future<List<Long>> client : clients) {
                List<Long> sequences = client.get();
                for (int i = 1; i < sequences.size(); i++) {
                    assertTrue(sequences.get(i) > sequences.get(i - 1), "one client's sends in order: " + sequences);
                }
                sequences.forEach(sequence -> assertTrue(all.add(sequence), "sequence " + sequence + " twice"));
            }
            assertEquals(CLIENTS * EACH, all.size());
        }
        Reply page = jo.app().graphql(MessagingOps.MESSAGES, Map.of("threadId", thread, "first", CLIENTS * EACH));
        List<Map<String, Object>> edges = Ops.at(page, "messages", "edges");
        assertEquals(CLIENTS * EACH, edges.size(), page.body());
        List<Long> stored = edges.stream().map(e -> ((Number) ((Map<?, ?>) e.get("node")).get("sequence"))
                .longValue()).toList();
        assertEquals(CLIENTS * EACH, new HashSet<>(stored).size(), "stored sequence numbers are unique");
    }
}
