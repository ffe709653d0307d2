package app.alongside.identity;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers tokens another verifier accepted, for a short time and never past the token's own expiry, so an app
 * making many requests with one ID token is checked with Firebase once, not on every request (with the revocation
 * check, every Firebase verification is a network call). Refusals are not remembered. A revoked token is
 * therefore accepted for at most {@code ttl} more: the setting's documented trade-off.
 */
public final class CachedTokenVerifier implements TokenVerifier {
    private static final int MAX_ENTRIES = 100_000;
    /** Made once: {@code Json.createReader} looks the provider up on the class path at every call. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private record Entry(String uid, Instant until) {
    }

    private final TokenVerifier verifier;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Entry> accepted = new ConcurrentHashMap<>();

    public CachedTokenVerifier(TokenVerifier verifier, Duration ttl, Clock clock) {
        this.verifier = verifier;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** {@code verifier} itself when {@code ttl} is zero. */
    public static TokenVerifier of(TokenVerifier verifier, Duration ttl, Clock clock) {
        return ttl.isZero() ? verifier : new CachedTokenVerifier(verifier, ttl, clock);
    }

    @Override
    public Optional<String> verify(String idToken) {
        Instant now = clock.instant();
        String key = sha256(idToken);
        Entry entry = accepted.get(key);
        if (entry != null && now.isBefore(entry.until())) {
            return Optional.of(entry.uid());
        }
        Optional<String> uid = verifier.verify(idToken);
        uid.ifPresentOrElse(u -> remember(key, u, idToken, now), () -> accepted.remove(key));
        return uid;
    }

    private void remember(String key, String uid, String idToken, Instant now) {
        Instant until = now.plus(ttl);
        Instant expires = expiry(idToken);
        if (expires != null && expires.isBefore(until)) {
            until = expires;
        }
        if (accepted.size() >= MAX_ENTRIES) {
            accepted.values().removeIf(e -> !now.isBefore(e.until()));
            if (accepted.size() >= MAX_ENTRIES) {
                accepted.clear();
            }
        }
        accepted.put(key, new Entry(uid, until));
    }

    /** The {@code exp} claim of a token the verifier has just accepted, or null if it cannot be read. */
    static Instant expiry(String idToken) {
        String[] parts = idToken.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            String json = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            JsonObject claims = READERS.createReader(new StringReader(json)).readObject();
            return claims.containsKey("exp") ? Instant.ofEpochSecond(claims.getJsonNumber("exp").longValue()) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean configured() {
        return verifier.configured();
    }
}
