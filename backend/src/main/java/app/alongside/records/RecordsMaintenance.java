package app.alongside.records;

import app.alongside.platform.core.Periodic;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Background upkeep, safe to run on every instance at once: purges deleted records once their undo window has
 * passed, record and history together, found through the {@code purgeAt} index.
 */
public final class RecordsMaintenance implements AutoCloseable {
    private static final int BATCH = 1_000;

    private final RecordRepository records;
    private final Clock clock;
    private final Periodic periodic;

    public RecordsMaintenance(RecordRepository records, Duration interval, Clock clock) {
        this.records = records;
        this.clock = clock;
        this.periodic = new Periodic("records-maintenance", interval, this::runOnce);
    }

    /** Runs {@link #runOnce()} now and then every interval, on a virtual thread, until closed. */
    public RecordsMaintenance start() {
        periodic.start();
        return this;
    }

    /** One round: purges up to a batch of what is due; returns how many records it purged. */
    public int runOnce() {
        Instant now = clock.instant();
        int purged = 0;
        for (Document doc : records.purgeable(now, BATCH)) {
            if (records.purge(doc.getString("_id"), now)) {
                purged++;
            }
        }
        return purged;
    }

    @Override
    public void close() {
        periodic.close();
    }
}
