package app.alongside.push;

import app.alongside.platform.core.Ids;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The durable push pipeline, safe to run on every instance.
 * <ol>
 * <li>Expansion: claims a source document whose push need is due ({@code push.state PENDING}) with a lease
 * ({@code findOneAndUpdate}), turns its intents into {@code notifications} (one per recipient device, with
 * preferences and quiet hours applied; ids derived from the intent so a second expansion adds nothing), then
 * marks the need {@code QUEUED}.</li>
 * <li>Sending: claims due notifications in batches with a lease, sends them through the {@link PushSender} and
 * records each outcome by FCM's rules. A worker that dies leaves its lease to expire; another sends the batch
 * again, so at worst one batch is delivered twice and nothing is lost.</li>
 * </ol>
 * Without a sender (no Firebase credentials) expansion still runs and notifications stay pending.
 * <p>This class is the scheduler: its loop, its rounds and the parallel senders. Expansion is
 * {@code PushExpansion}, sending one batch is {@code PushSending}, and what each of FCM's answers does is
 * {@code FcmOutcomes}; all three share this instance's lease owner.
 */
public final class PushDispatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PushDispatcher.class.getName());
    private static final int MAX_SOURCE_CLAIMS_PER_ROUND = 1000;

    /** How the dispatcher runs: the poll interval, lease length, batch size, retries and parallel senders. */
    public record Settings(Duration pollInterval, Duration lease, int batchSize, int maxAttempts, int senders,
                           boolean background) {
    }

    private final List<PushSource> sources;
    private final Optional<PushSender> sender;
    private final Clock clock;
    private final Settings settings;
    private final FcmOutcomes outcomes;
    private final PushExpansion expansion;
    private final PushSending sending;
    private final String owner = "dispatcher-" + Ids.random();
    private volatile boolean closed;
    private Thread loop;

    public PushDispatcher(MongoDatabase db, List<PushSource> sources, NotificationRepository notifications,
                          DeviceRepository devices, PreferencesRepository preferences, Optional<PushSender> sender,
                          PushMetrics metrics, Clock clock, Settings settings) {
        this.sources = List.copyOf(sources);
        this.sender = sender;
        this.clock = clock;
        this.settings = settings;
        this.outcomes = new FcmOutcomes(devices, metrics, settings.maxAttempts());
        this.expansion = new PushExpansion(db, notifications, devices, preferences, metrics, clock, settings.lease(),
                settings.batchSize(), owner);
        this.sending = new PushSending(notifications, devices, sender, outcomes, clock, settings.lease(), owner);
    }

    public boolean canSend() {
        return sender.isPresent();
    }

    /** Starts the background loop on a virtual thread, unless the settings say this instance does not dispatch. */
    public synchronized void start() {
        if (settings.background() && !closed && loop == null) {
            loop = Thread.ofVirtual().name("push-dispatcher").start(this::run);
        }
    }

    private void run() {
        while (!closed) {
            boolean busy = false;
            try {
                busy = runOnce() > 0;
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "push dispatch round failed; retrying after the poll interval", e);
                }
            }
            if (!busy && !sleep(settings.pollInterval())) {
                return;
            }
        }
    }

    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One round: expands every due need, then sends every due notification; answers how much it did. */
    public int runOnce() {
        return expandDue() + sendDue();
    }

    // ---- stage 1: expansion -------------------------------------------------------------------------------

    /** Claims and expands due push needs of every source; answers how many source documents it expanded. */
    public int expandDue() {
        int expanded = 0;
        for (PushSource source : sources) {
            Document claimed;
            while (!closed && expanded < MAX_SOURCE_CLAIMS_PER_ROUND
                    && (claimed = expansion.claimSource(source)) != null) {
                expansion.expand(source, claimed);
                expanded++;
            }
        }
        return expanded;
    }

    /** Leases one due document of {@code source}, or null when none is due and free. */
    public Document claimSource(PushSource source) {
        return expansion.claimSource(source);
    }

    // ---- stage 2: sending ---------------------------------------------------------------------------------

    /** Sends due notifications in batches with {@code senders} workers until none is due; answers how many. */
    public int sendDue() {
        if (sender.isEmpty() || paused()) {
            return 0;
        }
        if (settings.senders() == 1) {
            return drain();
        }
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> running = new ArrayList<>();
            for (int i = 0; i < settings.senders(); i++) {
                running.add(workers.submit(this::drain));
            }
            int sent = 0;
            for (Future<Integer> worker : running) {
                sent += join(worker);
            }
            return sent;
        }
    }

    private static int join(Future<Integer> worker) {
        try {
            return worker.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("push sender worker failed", e.getCause());
        }
    }

    private boolean paused() {
        return outcomes.paused(clock.instant());
    }

    private int drain() {
        int total = 0;
        int batch;
        while (!closed && !paused() && (batch = sendBatch()) > 0) {
            total += batch;
        }
        return total;
    }

    /** Claims one batch of due notifications, sends it and records the outcomes; answers the batch size. */
    public int sendBatch() {
        return sending.sendBatch();
    }

    /** Stops the loop; work in flight keeps its lease, so another instance takes it over if this one dies. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = loop;
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
