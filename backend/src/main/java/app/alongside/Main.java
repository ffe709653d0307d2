package app.alongside;

import app.alongside.platform.config.Settings;
import app.alongside.platform.config.StartupException;
import app.alongside.platform.observe.ShutdownLogManager;
import io.helidon.logging.common.LogConfig;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Starts Alongside with the bundled defaults, {@code CONFIG_FILE} and the environment. */
public final class Main {
    static {
        // Before the first logger: the JDK's own manager would close the log handlers while App.close still logs.
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "app.alongside.platform.observe.ShutdownLogManager");
        }
    }

    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        // The embedded store's Netty would otherwise use sun.misc.Unsafe, which Java 24+ warns about at start.
        System.setProperty("io.netty.noUnsafe", "true");
        // The stop is hooked before the server listens: a SIGTERM that comes as soon as it answers still closes it.
        CompletableFuture<App> started = new CompletableFuture<>();
        CountDownLatch stopped = new CountDownLatch(1);
        ShutdownLogManager.holdResetUntil(stopped);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started, stopped), "shutdown"));
        try {
            started.complete(App.start(Settings.load(System.getenv()), Clock.systemUTC(), App.Extras.NONE));
        } catch (StartupException e) {
            started.completeExceptionally(e);
            LOG.log(Level.SEVERE, "cannot start: " + e.getMessage());
            System.exit(2);
        } catch (RuntimeException | Error e) {
            started.completeExceptionally(e);
            throw e;
        }
    }

    /** Waits for a start still under way (a SIGTERM during start-up), then closes what started. */
    private static void stop(CompletableFuture<App> started, CountDownLatch stopped) {
        try {
            started.join().close();
        } catch (java.util.concurrent.CompletionException e) {
            // It never started: nothing to close.
        } finally {
            stopped.countDown();
        }
    }
}
