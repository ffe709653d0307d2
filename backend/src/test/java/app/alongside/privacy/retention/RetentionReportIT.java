package app.alongside.privacy.retention;

import app.alongside.fixtures.Engine;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import app.alongside.privacy.retention.RetentionOps.Result;
import app.alongside.privacy.retention.RetentionOps.Rule;
import app.alongside.privacy.retention.RetentionOps.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static app.alongside.privacy.retention.RetentionOps.RULES;
import static app.alongside.privacy.retention.RetentionOps.RUNS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Platform admins read the rules and the job's runs; every other role, a young person and nobody get nothing. */
class RetentionReportIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    private final Platform platform = SERVER.platform();

    @Test
    void adminsReadEveryRuleAndTheRunsNewestFirst() throws InterruptedException {
        Reply reply = platform.admin.graphql(RULES);
        List<RetentionOps.Rule> rules = List.of(Ops.payload(reply, "retentionRules", Rule[].class));
        assertEquals(StoredCollections.ALL.size(), rules.size(), reply.body());
        Rule invites = rules.stream().filter(r -> r.collection().equals("invites")).findFirst().orElseThrow();
        assertEquals("P30D", invites.period());
        assertEquals("expiresAt", invites.countsFrom());
        assertEquals("DELETE", invites.action());
        assertEquals(RetentionRule.THIS_JOB, invites.appliedBy());
        Rule concerns = rules.stream().filter(r -> r.collection().equals("safeguardingConcerns")).findFirst()
                .orElseThrow();
        assertEquals("KEEP", concerns.action());
        assertNull(concerns.period());
        assertTrue(concerns.condition().contains("Sch 1 para 18"), concerns.condition());

        Runs runs = waitForRuns(1);
        Result first = runs.edges().getFirst().node().results().getFirst();
        assertEquals("invites", first.collection());
        assertNull(first.error());
        assertFalse(runs.pageInfo().hasNextPage());
        Reply paged = platform.admin.graphql(RUNS, Map.of("first", 0));
        assertEquals(0, Ops.payload(paged, "retentionRuns", Runs.class).edges().size(), paged.body());
    }

    @Test
    void everyoneElseIsRefused() {
        Engine.Asker youngPerson = Engine.of(SERVER.server().app()).youngPerson(platform.invite("Rae")[0], "uid-rae");
        for (String name : List.of("laWorkerA", "advocate", "manager", "corporate")) {
            assertEquals(List.of("FORBIDDEN"), platform.as(name).graphql(RULES).errorCodes(), name);
            Reply refused = platform.as(name).graphql(RUNS, Map.of());
            assertEquals(List.of("FORBIDDEN"), refused.errorCodes(), name);
            assertNull(refused.data(), name + " gets no data");
        }
        assertEquals(List.of("FORBIDDEN"), youngPerson.graphql(RULES, Map.of()).errorCodes());
        assertEquals(List.of("FORBIDDEN"), youngPerson.graphql(RUNS, Map.of()).errorCodes());
        assertEquals(List.of("UNAUTHENTICATED"), SERVER.http().graphql(RULES).errorCodes());
        assertEquals(List.of("UNAUTHENTICATED"), SERVER.http().graphql(RUNS).errorCodes());
    }

    private Runs waitForRuns(int atLeast) throws InterruptedException {
        for (int i = 0; ; i++) {
            Reply reply = platform.admin.graphql(RUNS, Map.of());
            Runs runs = Ops.payload(reply, "retentionRuns", Runs.class);
            if (runs.edges().size() >= atLeast || i == 100) {
                assertTrue(runs.edges().size() >= atLeast, reply.body());
                return runs;
            }
            Thread.sleep(50);
        }
    }
}
