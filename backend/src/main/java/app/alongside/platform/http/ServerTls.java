package app.alongside.platform.http;

import app.alongside.platform.config.Settings;
import app.alongside.platform.config.StartupException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * TLS on the server's own listener, for deployments without a TLS-terminating load balancer: a PKCS#12 keystore
 * ({@code TLS_KEYSTORE}, {@code TLS_KEYSTORE_PASSWORD}) with the server's key and certificate chain. With it the
 * listener speaks HTTPS, and HTTP/2 through ALPN.
 */
public final class ServerTls {
    private ServerTls() {
    }

    /** The TLS context, or empty when no keystore is configured; a keystore that cannot be used stops start-up. */
    public static Optional<SSLContext> from(Settings settings) {
        Optional<String> keystore = settings.get("tls.keystore").filter(path -> !path.isBlank());
        if (keystore.isEmpty()) {
            return Optional.empty();
        }
        Path file = Path.of(keystore.get());
        char[] password = settings.get("tls.keystore-password").orElse("").toCharArray();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return Optional.of(context);
        } catch (IOException | GeneralSecurityException e) {
            throw new StartupException("TLS_KEYSTORE " + file.toAbsolutePath() + " cannot be used as a PKCS#12 "
                    + "keystore with TLS_KEYSTORE_PASSWORD: " + e.getMessage(), e);
        }
    }
}
