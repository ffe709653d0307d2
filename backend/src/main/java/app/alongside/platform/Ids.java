package app.alongside.platform;

import java.security.SecureRandom;
import java.util.Base64;

/** Stored ids: 128 random bits, URL-safe, so that no id can be guessed from another. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A random secret of {@code bytes} bytes, URL-safe: session tokens, CSRF tokens. */
    public static String secret(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
