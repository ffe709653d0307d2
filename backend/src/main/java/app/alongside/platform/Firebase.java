package app.alongside.platform;

import app.alongside.platform.config.StartupException;
import com.google.api.client.http.HttpTransport;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.ThreadManager;
import com.google.firebase.internal.ApacheHttp2Transport;
import com.google.firebase.internal.ApiClientUtils;
import com.google.firebase.internal.FirebaseProcessEnvironment;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.ssl.SSLContexts;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The one Firebase app of a server, shared by ID-token verification and FCM. A {@code demo-*} project is
 * Firebase's convention for one that never reaches Google: it gets a placeholder access token, and FCM pushes go
 * only to {@code FCM_ENDPOINT} (a local fake). A real project loads Google credentials
 * ({@code GOOGLE_APPLICATION_CREDENTIALS}) and sends to FCM, or to {@code FCM_ENDPOINT} when set. Either way the
 * calls go through the SDK's own transport (Apache HttpClient 5, HTTP/2 where TLS negotiates it, as to FCM), so a
 * fake that speaks HTTP/2 over TLS is sent to exactly as FCM is.
 */
public final class Firebase {
    private static final Logger LOG = Logger.getLogger(Firebase.class.getName());
    static final String FCM_HOST = "fcm.googleapis.com";

    /**
     * The Firebase settings: project, Auth emulator host, FCM base URL and the extra certificates trusted for it.
     */
    public record Settings(Optional<String> projectId, Optional<String> authEmulatorHost,
                           Optional<String> fcmEndpoint, Optional<String> fcmEndpointCa) {
        /**
         * From {@code firebase.project-id}, {@code firebase.auth-emulator-host}, {@code fcm.endpoint} and
         * {@code fcm.endpoint-ca}.
         */
        public static Settings from(app.alongside.platform.config.Settings settings) {
            return new Settings(settings.get("firebase.project-id"), settings.get("firebase.auth-emulator-host"),
                    settings.get("fcm.endpoint"), settings.get("fcm.endpoint-ca"));
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
        if (settings.fcmEndpointCa().isPresent() && !settings.fcmEndpoint().orElse("").startsWith("https://")) {
            throw new StartupException("FCM_ENDPOINT_CA is set but FCM_ENDPOINT is not an https:// URL: the "
                    + "certificates are only used to check an https FCM_ENDPOINT");
        }
        settings.fcmEndpoint().ifPresent(endpoint -> {
            options.setHttpTransport(fcmTransport(endpoint, settings.fcmEndpointCa()));
            LOG.warning("FCM_ENDPOINT is set: pushes go to " + endpoint + " instead of FCM");
        });
        return Optional.of(FirebaseApp.initializeApp(options.build(), "alongside-" + UUID.randomUUID()));
    }

    /** Deletes the app, and shuts down the transport {@link #start} made for {@code FCM_ENDPOINT} (not the SDK's). */
    public static void stop(FirebaseApp app) {
        HttpTransport transport = app.getOptions().getHttpTransport();
        app.delete();
        if (transport != ApiClientUtils.getDefaultTransport()) {
            try {
                transport.shutdown();
            } catch (IOException e) {
                LOG.warning("the FCM_ENDPOINT transport did not shut down cleanly: " + e.getMessage());
            }
        }
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

    /**
     * The SDK's FCM URL is fixed: this is the SDK's own transport, with the connection limits it uses for FCM (200 in
     * all, 100 a host, kept while the server keeps them; HTTP/2 negotiated over TLS, 100 streams a connection), whose
     * connections to FCM's host go to {@code endpoint} instead. An {@code https} endpoint's certificate is checked
     * against the JVM's trusted certificates and those in {@code caFile}; an {@code http} one is sent HTTP/1.1.
     */
    static ApacheHttp2Transport fcmTransport(String endpoint, Optional<String> caFile) {
        StartupException wrong = new StartupException("FCM_ENDPOINT must be an http:// or https:// URL with a host and "
                + "at most a port, such as http://127.0.0.1:9098: " + endpoint);
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw wrong;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || !path.isEmpty()
                && !path.equals("/") || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
            throw wrong;
        }
        boolean secure = scheme.equals("https");
        HttpHost fake = new HttpHost(scheme, uri.getHost(), uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80);
        SSLContext ssl = caFile.map(Firebase::trustingAlso).orElseGet(SSLContexts::createSystemDefault);
        PoolingAsyncClientConnectionManager connections = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(200).setMaxConnPerRoute(100)
                .setDefaultConnectionConfig(ConnectionConfig.custom().setTimeToLive(-1, TimeUnit.MILLISECONDS).build())
                .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.NEGOTIATE).build())
                .setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(ssl).build())
                .build();
        return new ApacheHttp2Transport(ApacheHttp2Transport.defaultHttpAsyncClientBuilder()
                .setConnectionManager(connections).setRoutePlanner(new FcmRoute(fake, secure)).build());
    }

    /** Connections to FCM's host go to the endpoint; all others (the Auth emulator, Google's keys) as they are. */
    private record FcmRoute(HttpHost endpoint, boolean secure, HttpRoutePlanner direct) implements HttpRoutePlanner {
        FcmRoute(HttpHost endpoint, boolean secure) {
            this(endpoint, secure, new SystemDefaultRoutePlanner(ProxySelector.getDefault()));
        }

        @Override
        public HttpRoute determineRoute(HttpHost target, HttpContext context) throws HttpException {
            return determineRoute(target, null, context);
        }

        @Override
        public HttpRoute determineRoute(HttpHost target, HttpRequest request, HttpContext context)
                throws HttpException {
            return FCM_HOST.equalsIgnoreCase(target.getHostName()) ? new HttpRoute(endpoint, (InetAddress) null, secure)
                    : direct.determineRoute(target, request, context);
        }
    }

    /** The JVM's trusted certificates and those of a PEM file (a local fake's self-signed one). */
    private static SSLContext trustingAlso(String caFile) {
        try (InputStream in = Files.newInputStream(Path.of(caFile))) {
            Collection<? extends Certificate> extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (extra.isEmpty()) {
                throw new StartupException("FCM_ENDPOINT_CA holds no certificate: " + caFile);
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (X509Certificate own : systemTrust().getAcceptedIssuers()) {
                trusted.setCertificateEntry("jvm-" + n++, own);
            }
            for (Certificate certificate : extra) {
                trusted.setCertificateEntry("fcm-endpoint-" + n++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, factory.getTrustManagers(), null);
            return ssl;
        } catch (IOException | GeneralSecurityException e) {
            throw new StartupException("FCM_ENDPOINT_CA cannot be read as PEM certificates (" + caFile + "): "
                    + e.getMessage(), e);
        }
    }

    private static X509TrustManager systemTrust() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JVM has no X.509 trust manager");
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
