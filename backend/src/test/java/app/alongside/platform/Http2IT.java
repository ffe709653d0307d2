package app.alongside.platform;

import app.alongside.fixtures.TestServer;
import app.alongside.platform.config.StartupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTP/2 as app HTTP stacks speak it: in clear text (h2c, the JDK client upgrades a plain connection) and over TLS
 * (ALPN) when the server has a keystore; a keystore that cannot be opened stops start-up, naming the file.
 */
class Http2IT {
    private static final String PASSWORD = "test-only-password";
    private static final String QUERY = "/graphql?query=%7B%20apiInfo%20%7B%20schemaVersion%20%7D%20%7D";

    @TempDir
    Path dir;

    @Test
    void graphqlAnswersOverH2c() throws IOException, InterruptedException {
        try (TestServer server = TestServer.start()) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
            HttpResponse<String> reply = null;
            for (int i = 0; i < 2; i++) {
                reply = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + QUERY)).build(),
                        HttpResponse.BodyHandlers.ofString());
            }
            assertEquals(HttpClient.Version.HTTP_2, reply.version());
            assertEquals(200, reply.statusCode());
            assertTrue(reply.body().contains("schemaVersion"), reply.body());
        }
    }

    @Test
    void graphqlAnswersOverTlsWithHttp2() throws Exception {
        Path keystore = keystore();
        try (TestServer server = TestServer.start(Map.of("TLS_KEYSTORE", keystore.toString(),
                "TLS_KEYSTORE_PASSWORD", PASSWORD))) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                    .sslContext(trusting(keystore)).build();
            HttpResponse<String> reply = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                    + server.port() + QUERY)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_2, reply.version(), "negotiated through ALPN");
            assertEquals(200, reply.statusCode());
            assertTrue(reply.body().contains("schemaVersion"), reply.body());
        }
    }

    @Test
    void aKeystoreThatCannotBeOpenedStopsStartUp() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.p12"), "not a keystore");
        StartupException e = assertThrows(StartupException.class, () -> TestServer.start(Map.of(
                "TLS_KEYSTORE", broken.toString(), "TLS_KEYSTORE_PASSWORD", PASSWORD)));
        assertTrue(e.getMessage().contains(broken.toAbsolutePath().toString()), e.getMessage());
    }

    /** A self-signed key for 127.0.0.1, made by the JDK's keytool. */
    private Path keystore() throws IOException, InterruptedException {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD, "-alias", "alongside", "-keyalg", "EC",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2"))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, output);
        return keystore;
    }

    private static SSLContext trusting(Path keystore) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
