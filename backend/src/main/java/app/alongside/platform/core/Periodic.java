package app.alongside.platform.core;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A background task run now and then every interval on a virtual thread, until closed. A failed round is logged
 * and the next round runs as planned, so a database that is briefly away never stops the upkeep.
 */
public final class Periodic implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Periodic.class.getName());

    private final String name;
    private final Duration interval;
    private final Runnable task;
    private volatile Thread thread;

    public Periodic(String name, Duration interval, Runnable task) {
        this.name = name;
        this.interval = interval;
        this.task = task;
    }

    public Periodic start() {
        thread = Thread.ofVirtual().name(name).start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, name + " failed; retrying next round", e);
                }
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        return this;
    }

    @Override
    public void close() {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }
}
