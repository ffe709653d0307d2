package app.alongside.platform.observe;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogManager;

/**
 * A {@link LogManager} that keeps logging through the server's stop. The JDK's manager closes every handler from a
 * shutdown hook of its own, which races the server's hook: most stops logged nothing of the shutdown. This one lets
 * the JDK's hook wait (up to {@link #WAIT_SECONDS}) until the latch given to {@link #holdResetUntil} is counted
 * down: a latch, not a join, because the JDK starts the hooks in no set order and a hook not yet started cannot be
 * joined. {@link app.alongside.Main} installs it through {@code java.util.logging.manager} before anything logs.
 */
public final class ShutdownLogManager extends LogManager {
    private static final long WAIT_SECONDS = 60;
    private volatile CountDownLatch stopped;

    /** Makes the JDK's end-of-run reset wait for {@code stopped}, when this is the JVM's manager. */
    public static void holdResetUntil(CountDownLatch stopped) {
        if (LogManager.getLogManager() instanceof ShutdownLogManager manager) {
            manager.stopped = stopped;
        }
    }

    @Override
    public void reset() {
        CountDownLatch latch = stopped;
        if (latch != null && isJdkCleaner()) {
            try {
                latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        super.reset();
    }

    /** The JDK's own shutdown hook (LogManager's private Cleaner thread), as against a reset asked for by code. */
    private static boolean isJdkCleaner() {
        return Thread.currentThread().getClass().getName().startsWith(LogManager.class.getName() + "$");
    }
}
