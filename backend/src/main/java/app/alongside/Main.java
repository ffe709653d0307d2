package app.alongside;

import app.alongside.platform.Settings;
import app.alongside.platform.ShutdownLogManager;
import app.alongside.platform.StartupException;
import io.helidon.logging.common.LogConfig;

import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Starts Alongside with the bundled defaults, {@code CONFIG_FILE} and the environment. */
public final class Main {
    static {
        // Before the first logger: the JDK's own manager would close the log handlers while App.close still logs.
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "app.alongside.platform.ShutdownLogManager");
        }
    }

    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        // The embedded store's Netty would otherwise use sun.misc.Unsafe, which Java 24+ warns about at start.
        System.setProperty("io.netty.noUnsafe", "true");
        App app;
        try {
            app = App.start(Settings.load(System.getenv()), Clock.systemUTC());
        } catch (StartupException e) {
            LOG.log(Level.SEVERE, "cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        Thread shutdown = new Thread(app::close, "shutdown");
        ShutdownLogManager.resetAfter(shutdown);
        Runtime.getRuntime().addShutdownHook(shutdown);
    }
}
