package app.alongside.records;

import app.alongside.platform.Periodic;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Background upkeep, safe to run on every instance at once: purges deleted records once their undo window has
 * passed, and replays recent record and goal changes into the young people's {@link RecordIndex}, so an index
 * write lost to a crash between the two writes is repaired. The replay resumes from a checkpoint kept in the
 * store, minus a margin for writes still in flight.
 */
public final class RecordsMaintenance implements AutoCloseable {
    private static final String CHECKPOINTS = "checkpoints";
    private static final String CHECKPOINT_ID = "records-index-repair";
    private static final Duration MARGIN = Duration.ofMinutes(2);
    private static final int BATCH = 1_000;

    private final RecordRepository records;
    private final GoalRepository goals;
    private final RecordIndex index;
    private final RecordsService service;
    private final MongoCollection<Document> checkpoints;
    private final Clock clock;
    private final Periodic periodic;

    public RecordsMaintenance(MongoDatabase db, RecordRepository records, GoalRepository goals, RecordIndex index,
                              RecordsService service, Duration interval, Clock clock) {
        this.records = records;
        this.goals = goals;
        this.index = index;
        this.service = service;
        this.checkpoints = db.getCollection(CHECKPOINTS);
        this.clock = clock;
        this.periodic = new Periodic("records-maintenance", interval, this::runOnce);
    }

    /** Runs {@link #runOnce()} now and then every interval, on a virtual thread, until closed. */
    public RecordsMaintenance start() {
        periodic.start();
        return this;
    }

    /** One round: purge what is due, then repair the index from the changes since the checkpoint. */
    public int[] runOnce() {
        Instant now = clock.instant();
        int purged = 0;
        for (Document doc : records.purgeable(now, BATCH)) {
            if (records.purge(doc.getString("_id"), now)) {
                index.removeRecord(doc.getString("ownerId"), doc.getString("_id"));
                purged++;
            }
        }
        Instant since = checkpoint();
        List<Document> changed = records.changedSince(since, BATCH);
        changed.forEach(doc -> {
            LifeRecord record = RecordRepository.fromDocument(doc);
            index.putRecord(record.ownerId(), service.entry(record));
        });
        List<Document> changedGoals = goals.changedSince(since, BATCH);
        changedGoals.forEach(doc -> {
            Goal goal = GoalRepository.fromDocument(doc);
            index.putGoal(goal.ownerId(), GoalsService.entry(goal));
        });
        saveCheckpoint(next(since, now, changed, changedGoals));
        return new int[] {purged, changed.size() + changedGoals.size()};
    }

    /**
     * Where the next round starts: after a round that saw everything, a margin before now (writes in flight may
     * still land with an earlier time); after a full batch, the oldest of the two batches' last changes, so a
     * burst of changes is worked through batch by batch and never re-read forever.
     */
    private static Instant next(Instant since, Instant now, List<Document> records, List<Document> goals) {
        Instant next = now.minus(MARGIN);
        for (List<Document> batch : List.of(records, goals)) {
            if (batch.size() == BATCH) {
                Instant last = batch.getLast().getDate("updatedAt").toInstant();
                Instant progress = last.isAfter(since) ? last : since.plusMillis(1);
                next = progress.isBefore(next) ? progress : next;
            }
        }
        return next.isBefore(since) ? since : next;
    }

    private void saveCheckpoint(Instant until) {
        checkpoints.replaceOne(Filters.eq("_id", CHECKPOINT_ID), new Document("_id", CHECKPOINT_ID)
                .append("until", Date.from(until)), new ReplaceOptions().upsert(true));
    }

    private Instant checkpoint() {
        Document doc = checkpoints.find(Filters.eq("_id", CHECKPOINT_ID)).first();
        return doc == null ? Instant.EPOCH : doc.getDate("until").toInstant();
    }

    @Override
    public void close() {
        periodic.close();
    }
}
