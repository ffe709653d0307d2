package app.alongside.privacy.retention;

import app.alongside.platform.core.Connections;
import app.alongside.platform.core.Ids;
import app.alongside.platform.store.IndexPlan;
import app.alongside.platform.store.Mongo;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code retentionRuns} collection: one document per run of the retention job, for the admins' report. */
public final class RetentionRuns {
    public static final String COLLECTION = "retentionRuns";
    private static final String STARTED = "startedAt";

    /** One run: when it started and finished, and what each rule it applied did. */
    public record RetentionRun(String id, Instant startedAt, Instant finishedAt, List<RuleResult> results) {
    }

    /** One rule in a run: the cutoff it used, how many documents it deleted, and why it stopped, if it failed. */
    public record RuleResult(String collection, Instant cutoff, int deleted, String error) {
    }

    private final MongoCollection<Document> runs;

    RetentionRuns(MongoDatabase db) {
        this.runs = db.getCollection(COLLECTION);
    }

    static List<IndexPlan> indexes() {
        return List.of(IndexPlan.of(COLLECTION, Indexes.descending(STARTED, "_id")));
    }

    RetentionRun insert(Instant startedAt, Instant finishedAt, List<RuleResult> results) {
        RetentionRun run = new RetentionRun(Ids.random(), startedAt, finishedAt, List.copyOf(results));
        runs.insertOne(new Document("_id", run.id()).append(STARTED, Mongo.date(startedAt))
                .append("finishedAt", Mongo.date(finishedAt))
                .append("results", results.stream().map(r -> new Document("collection", r.collection())
                        .append("cutoff", Mongo.date(r.cutoff())).append("deleted", r.deleted())
                        .append("error", r.error())).toList()));
        return run;
    }

    /** One page of runs, newest first. */
    Connections.Connection<RetentionRun> newestFirst(Connections.Page page) {
        List<Bson> parts = new ArrayList<>(List.of(new Document()));
        page.after().ifPresent(key -> parts.add(Connections.past(STARTED, key, true)));
        List<RetentionRun> found = runs.find(Filters.and(parts)).sort(Sorts.descending(STARTED, "_id"))
                .limit(page.first() + 1).map(RetentionRuns::run).into(new ArrayList<>());
        return Connections.page(found, page, page.after().isPresent(),
                r -> Connections.newestKey(r.startedAt(), r.id()));
    }

    private static RetentionRun run(Document d) {
        return new RetentionRun(d.getString("_id"), Mongo.instant(d.getDate(STARTED)),
                Mongo.instant(d.getDate("finishedAt")), d.getList("results", Document.class).stream()
                .map(r -> new RuleResult(r.getString("collection"), Mongo.instant(r.getDate("cutoff")),
                        r.getInteger("deleted"), r.getString("error"))).toList());
    }
}
