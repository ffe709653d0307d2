package app.alongside.platform.core;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Relay global ids: the object type and its stored id, base64url-encoded so apps treat them as opaque. They
 * are unguessable because stored ids are random; access is still checked on every read.
 */
public final class GlobalIds {
    private GlobalIds() {
    }

    public record Decoded(String type, String id) {
    }

    public static String encode(String type, String id) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((type + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The type and stored id, or empty for anything that is not a well-formed global id. */
    public static Optional<Decoded> decode(String globalId) {
        if (globalId == null || globalId.length() > 200) {
            return Optional.empty();
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(globalId), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                return Optional.empty();
            }
            return Optional.of(new Decoded(text.substring(0, colon), text.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
