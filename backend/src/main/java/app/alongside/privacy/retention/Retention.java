package app.alongside.privacy.retention;

import app.alongside.kernel.Access;
import app.alongside.platform.Foundation;
import app.alongside.platform.config.Settings;
import app.alongside.platform.graphql.GraphParts;
import app.alongside.platform.store.IndexPlan;

import java.time.Duration;
import java.util.List;

/**
 * The retention part of the privacy module (settings node {@code privacy}): the rules, read and checked when the
 * server is built, the job that applies them once the store is ready, and the admins' report.
 */
public final class Retention implements AutoCloseable {
    private final List<RetentionRule> rules;
    private final RetentionRuns runs;
    private final RetentionJob job;
    private final Access policy;
    private final int maxPage;

    public Retention(Foundation foundation, Access policy) {
        Settings settings = foundation.settings().node("privacy");
        this.rules = RetentionRules.load(settings.get("retention-rules"), StoredCollections.ALL);
        this.runs = new RetentionRuns(foundation.db());
        this.job = new RetentionJob(rules, foundation.db(), runs, foundation.clock(),
                foundation.meters().registry(),
                Duration.ofMinutes(settings.integer("retention-interval-minutes", 1, 7 * 24 * 60)));
        this.policy = policy;
        this.maxPage = foundation.maxPage();
    }

    public List<IndexPlan> indexes() {
        return RetentionRuns.indexes();
    }

    public void wire(GraphParts graph) {
        RetentionWiring.register(graph.wiring(), rules, runs, policy, maxPage);
    }

    /** Starts the job: a run now, then one every {@code PRIVACY_RETENTION_INTERVAL_MINUTES}. */
    public void start() {
        job.start();
    }

    @Override
    public void close() {
        job.close();
    }
}
