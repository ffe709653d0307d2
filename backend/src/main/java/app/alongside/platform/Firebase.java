package app.alongside.platform;

import app.alongside.platform.config.StartupException;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.ThreadManager;
import com.google.firebase.internal.FirebaseProcessEnvironment;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;

/**
 * The one Firebase app of a server, shared by ID-token verification and FCM. A {@code demo-*} project is
 * Firebase's convention for one that never reaches Google: it gets a placeholder access token, and FCM pushes go
 * only to {@code FCM_ENDPOINT} (a local fake). A real project loads Google credentials
 * ({@code GOOGLE_APPLICATION_CREDENTIALS}) and sends to FCM, or to {@code FCM_ENDPOINT} when set.
 */
public final class Firebase {
    private static final Logger LOG = Logger.getLogger(Firebase.class.getName());
    static final String FCM_BASE = "https://fcm.googleapis.com";

    /** The Firebase settings: project, Auth emulator host and FCM base URL. */
    public record Settings(Optional<String> projectId, Optional<String> authEmulatorHost,
                           Optional<String> fcmEndpoint) {
        /** From {@code firebase.project-id}, {@code firebase.auth-emulator-host} and {@code fcm.endpoint}. */
        public static Settings from(app.alongside.platform.config.Settings settings) {
            return new Settings(settings.get("firebase.project-id"), settings.get("firebase.auth-emulator-host"),
                    settings.get("fcm.endpoint"));
        }

        public boolean demo() {
            return projectId.map(p -> p.startsWith("demo-")).orElse(false);
        }

        /** Pushes can go somewhere: a real project, or a demo project pointed at a local FCM. */
        public boolean canSendPushes() {
            return projectId.isPresent() && (!demo() || fcmEndpoint.isPresent());
        }
    }

    private Firebase() {
    }

    /** The app, or empty without a project id. Throws {@link StartupException} on contradictory settings. */
    public static Optional<FirebaseApp> start(Settings settings) {
        if (settings.projectId().isEmpty()) {
            return Optional.empty();
        }
        String project = settings.projectId().get();
        // The SDK reads the emulator host from its environment; set it from our settings so a config file works too.
        if (settings.authEmulatorHost().isPresent() && !settings.demo()) {
            throw new StartupException("FIREBASE_AUTH_EMULATOR_HOST is set with a real project id (" + project
                    + "): emulator tokens are not signature-checked, so it is only allowed with a demo-* project");
        }
        settings.authEmulatorHost().ifPresent(host -> {
            FirebaseProcessEnvironment.setenv("FIREBASE_AUTH_EMULATOR_HOST", host);
            LOG.warning("FIREBASE_AUTH_EMULATOR_HOST is set (" + host + "): ID tokens come from the Auth emulator and "
                    + "are not signature-checked. Never set it in production.");
        });
        FirebaseOptions.Builder options = FirebaseOptions.builder().setProjectId(project)
                .setCredentials(credentials(settings.demo())).setThreadManager(new VirtualThreads());
        settings.fcmEndpoint().ifPresent(endpoint -> {
            options.setHttpTransport(fcmRedirect(endpoint));
            LOG.warning("FCM_ENDPOINT is set: pushes go to " + endpoint + " instead of FCM");
        });
        return Optional.of(FirebaseApp.initializeApp(options.build(), "alongside-" + UUID.randomUUID()));
    }

    private static GoogleCredentials credentials(boolean demo) {
        if (demo) {
            // Emulators and local fakes accept any bearer; no real credentials exist on a laptop or in CI.
            return GoogleCredentials.create(new AccessToken("owner", new Date(Long.MAX_VALUE)));
        }
        try {
            return GoogleCredentials.getApplicationDefault();
        } catch (IOException e) {
            throw new StartupException("FIREBASE_PROJECT_ID is set but Google credentials cannot be loaded (set "
                    + "GOOGLE_APPLICATION_CREDENTIALS): " + e.getMessage(), e);
        }
    }

    /** The SDK's FCM URL is fixed; this transport sends FCM calls to {@code endpoint} and the rest as they are. */
    static NetHttpTransport fcmRedirect(String endpoint) {
        String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        try {
            URI.create(base).toURL();
        } catch (IllegalArgumentException | java.net.MalformedURLException e) {
            throw new StartupException("FCM_ENDPOINT is not a URL: " + endpoint);
        }
        return new NetHttpTransport.Builder().setConnectionFactory(url -> open(url, base)).build();
    }

    private static HttpURLConnection open(URL url, String base) throws IOException {
        String text = url.toString();
        URL target = text.startsWith(FCM_BASE) ? URI.create(base + text.substring(FCM_BASE.length())).toURL() : url;
        return (HttpURLConnection) target.openConnection();
    }

    /** SDK work (sendEach runs one request per message) on virtual threads, so a 500-message call is cheap. */
    private static final class VirtualThreads extends ThreadManager {
        @Override
        protected ExecutorService getExecutor(FirebaseApp app) {
            return Executors.newThreadPerTaskExecutor(getThreadFactory());
        }

        @Override
        protected void releaseExecutor(FirebaseApp app, ExecutorService executor) {
            executor.shutdownNow();
        }

        @Override
        protected ThreadFactory getThreadFactory() {
            return Thread.ofVirtual().name("firebase-", 0).factory();
        }
    }
}
