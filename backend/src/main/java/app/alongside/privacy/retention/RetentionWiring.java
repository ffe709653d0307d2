package app.alongside.privacy.retention;

import app.alongside.kernel.Access;
import app.alongside.kernel.StaffRole;
import app.alongside.platform.core.Connections;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.graphql.Wiring;

import java.util.List;

/** Wires {@code retention.graphqls}: the rules and the job's runs, for platform admins only. */
final class RetentionWiring {
    private RetentionWiring() {
    }

    static void register(Wiring wiring, List<RetentionRule> rules, RetentionRuns runs, Access policy, int maxPage) {
        wiring.backedBy("RetentionRule", RetentionRule.class)
                .backedBy("RetentionRun", RetentionRuns.RetentionRun.class)
                .backedBy("RetentionRuleResult", RetentionRuns.RuleResult.class)
                .backedBy("RetentionRunConnection", Connections.Connection.class)
                .backedBy("RetentionRunEdge", Connections.Edge.class)
                .fetcher("RetentionRule", "period", env -> ((RetentionRule) env.getSource()).period().orElse(null))
                .fetcher("RetentionRule", "countsFrom",
                        env -> ((RetentionRule) env.getSource()).countsFrom().orElse(null))
                .fetcher("Query", "retentionRules", env -> {
                    policy.requireRole(RequestContext.of(env).principal(), StaffRole.ADMIN);
                    return rules;
                })
                .fetcher("Query", "retentionRuns", env -> {
                    policy.requireRole(RequestContext.of(env).principal(), StaffRole.ADMIN);
                    return runs.newestFirst(Connections.Page.of(env, maxPage));
                });
    }
}
