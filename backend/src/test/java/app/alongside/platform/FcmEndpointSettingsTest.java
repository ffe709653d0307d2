package app.alongside.platform;

import app.alongside.platform.config.StartupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A wrong {@code FCM_ENDPOINT} or {@code FCM_ENDPOINT_CA} stops the server at start with what is wrong. */
class FcmEndpointSettingsTest {
    private static String refusal(String endpoint, String ca) {
        StartupException e = assertThrows(StartupException.class, () -> Firebase.start(new Firebase.Settings(
                Optional.of("demo-settings"), Optional.empty(), Optional.ofNullable(endpoint),
                Optional.ofNullable(ca))));
        return e.getMessage();
    }

    @Test
    void anEndpointIsASchemeHostAndPortOnly() {
        for (String endpoint : new String[] {"http://127.0.0.1:9098/v1", "ftp://127.0.0.1", "127.0.0.1:9098",
                "http://127.0.0.1:9098?x=1", "http://user@127.0.0.1:9098", "http://[::1", ""}) {
            String message = refusal(endpoint, null);
            assertTrue(message.startsWith("FCM_ENDPOINT must be an http:// or https:// URL"), endpoint + ": "
                    + message);
        }
    }

    @Test
    void certificatesAreOnlyForAnHttpsEndpoint() {
        assertTrue(refusal("http://127.0.0.1:9098", "/nowhere.pem").startsWith("FCM_ENDPOINT_CA is set but"));
        assertTrue(refusal(null, "/nowhere.pem").startsWith("FCM_ENDPOINT_CA is set but"));
    }

    @Test
    void certificatesThatCannotBeReadAreNamed(@TempDir Path dir) throws IOException {
        String missing = refusal("https://127.0.0.1:9098", dir.resolve("missing.pem").toString());
        assertTrue(missing.startsWith("FCM_ENDPOINT_CA cannot be read as PEM certificates"), missing);
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        String none = refusal("https://127.0.0.1:9098", empty.toString());
        assertTrue(none.contains("FCM_ENDPOINT_CA"), none);
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nnot base64!\n"
                + "-----END CERTIFICATE-----\n");
        String bad = refusal("https://127.0.0.1:9098", garbage.toString());
        assertTrue(bad.startsWith("FCM_ENDPOINT_CA cannot be read as PEM certificates"), bad);
    }
}
