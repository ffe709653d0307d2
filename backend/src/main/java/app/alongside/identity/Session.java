package app.alongside.identity;

import java.time.Instant;

/**
 * A console session. Only the SHA-256 of the cookie token is stored ({@code id}); the CSRF token is returned
 * at sign-in and must come back in {@code X-CSRF-Token} with every request the cookie authenticates.
 */
public record Session(String id, String staffId, String csrfToken, Instant createdAt, Instant lastSeenAt,
                      Instant idleExpiresAt, Instant absoluteExpiresAt) {
}
