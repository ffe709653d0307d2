package app.alongside.privacy.retention;

import app.alongside.platform.core.Periodic;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies every DELETE rule the retention job owns: deletes the documents of the rule's collection whose date field
 * is older than now minus the period, in batches by id so that no delete holds a collection for long, and records
 * the run in {@code retentionRuns}. It deletes nothing a rule does not name, and a rule that fails is recorded and
 * does not stop the others. Safe on several instances at once: a second delete of the same ids deletes nothing.
 */
public final class RetentionJob implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RetentionJob.class.getName());
    static final int BATCH = 500;
    /** At most this many batches a rule a run; what is left waits for the next run. */
    static final int MAX_BATCHES = 100;

    private final List<RetentionRule> rules;
    private final MongoDatabase db;
    private final RetentionRuns runs;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Periodic periodic;

    RetentionJob(List<RetentionRule> rules, MongoDatabase db, RetentionRuns runs, Clock clock, MeterRegistry meters,
                 Duration interval) {
        this.rules = rules.stream().filter(RetentionRule::appliedByThisJob).toList();
        this.db = db;
        this.runs = runs;
        this.clock = clock;
        this.meters = meters;
        this.periodic = new Periodic("retention", interval, this::runOnce);
    }

    void start() {
        periodic.start();
    }

    /** One run: every rule the job owns, in the order of the rules file; answers what was recorded. */
    public RetentionRuns.RetentionRun runOnce() {
        Instant started = clock.instant();
        List<RetentionRuns.RuleResult> results = new ArrayList<>();
        for (RetentionRule rule : rules) {
            results.add(apply(rule, started));
        }
        return runs.insert(started, clock.instant(), results);
    }

    private RetentionRuns.RuleResult apply(RetentionRule rule, Instant now) {
        Instant cutoff = rule.cutoff(now);
        Bson expired = Filters.lt(rule.dateField(), RetentionRule.DATE_OF_BIRTH.equals(rule.dateField())
                ? LocalDate.ofInstant(cutoff, ZoneOffset.UTC).toString() : Date.from(cutoff));
        MongoCollection<Document> collection = db.getCollection(rule.collection());
        Counter deletedMeter = Counter.builder("retention_deleted_total")
                .description("Documents the retention job deleted, by collection").tag("collection", rule.collection())
                .register(meters);
        int deleted = 0;
        try {
            for (int batch = 0; batch < MAX_BATCHES; batch++) {
                List<Object> ids = collection.find(expired).projection(Projections.include("_id")).limit(BATCH)
                        .map(d -> d.get("_id")).into(new ArrayList<>());
                if (ids.isEmpty()) {
                    break;
                }
                long gone = collection.deleteMany(Filters.and(Filters.in("_id", ids), expired)).getDeletedCount();
                deleted += (int) gone;
                deletedMeter.increment(gone);
                if (ids.size() < BATCH) {
                    break;
                }
            }
            return new RetentionRuns.RuleResult(rule.collection(), cutoff, deleted, null);
        } catch (MongoException e) {
            LOG.log(Level.WARNING, "retention of " + rule.collection() + " failed; the next run tries again", e);
            return new RetentionRuns.RuleResult(rule.collection(), cutoff, deleted,
                    "The store refused the delete (" + e.getClass().getSimpleName() + "); see the server log.");
        }
    }

    @Override
    public void close() {
        periodic.close();
    }
}
