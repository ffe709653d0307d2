package app.alongside.platform;

import java.util.concurrent.TimeUnit;
import java.util.logging.LogManager;

/**
 * A {@link LogManager} that keeps logging through the server's stop. The JDK's manager closes every handler from a
 * shutdown hook of its own, which races the server's hook: most stops logged nothing of the shutdown. This one lets
 * the JDK's hook wait (up to {@link #WAIT_SECONDS}) for the hook named by {@link #resetAfter} to finish first.
 * {@link app.alongside.Main} installs it through {@code java.util.logging.manager} before anything logs.
 */
public final class ShutdownLogManager extends LogManager {
    private static final long WAIT_SECONDS = 60;
    private volatile Thread last;

    /** Makes the JDK's end-of-run reset wait for {@code hook}, when this is the JVM's manager. */
    public static void resetAfter(Thread hook) {
        if (LogManager.getLogManager() instanceof ShutdownLogManager manager) {
            manager.last = hook;
        }
    }

    @Override
    public void reset() {
        Thread hook = last;
        if (hook != null && hook != Thread.currentThread() && isJdkCleaner()) {
            try {
                hook.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
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
