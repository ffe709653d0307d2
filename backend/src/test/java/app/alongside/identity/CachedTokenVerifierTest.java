package app.alongside.identity;

import app.alongside.fixtures.AuthEmulator;
import app.alongside.fixtures.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Accepted tokens are remembered briefly and never past their expiry; refusals are never remembered. */
class CachedTokenVerifierTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    private final List<String> asked = new ArrayList<>();
    private boolean accept = true;
    private final TokenVerifier firebase = new TokenVerifier() {
        @Override
        public Optional<String> verify(String idToken) {
            asked.add(idToken);
            return accept ? Optional.of("uid-1") : Optional.empty();
        }

        @Override
        public boolean configured() {
            return true;
        }
    };

    private String token(Instant expires) {
        return AuthEmulator.forgedToken("demo-alongside", "uid-1", expires.minusSeconds(3600), expires);
    }

    @Test
    void oneCheckPerTokenWithinTheTtl() {
        TokenVerifier cached = CachedTokenVerifier.of(firebase, Duration.ofSeconds(60), clock);
        String token = token(clock.instant().plusSeconds(3600));
        assertEquals(Optional.of("uid-1"), cached.verify(token));
        clock.advance(Duration.ofSeconds(59));
        assertEquals(Optional.of("uid-1"), cached.verify(token));
        assertEquals(1, asked.size());
        clock.advance(Duration.ofSeconds(2));
        accept = false;
        assertEquals(Optional.empty(), cached.verify(token), "after the ttl Firebase is asked again");
        assertEquals(Optional.empty(), cached.verify(token), "and a refusal is not remembered");
        assertEquals(3, asked.size());
    }

    @Test
    void neverPastTheTokensExpiry() {
        TokenVerifier cached = CachedTokenVerifier.of(firebase, Duration.ofSeconds(60), clock);
        String token = token(clock.instant().plusSeconds(10));
        cached.verify(token);
        clock.advance(Duration.ofSeconds(11));
        cached.verify(token);
        assertEquals(2, asked.size());
    }

    @Test
    void zeroTtlChecksEveryRequest() {
        TokenVerifier cached = CachedTokenVerifier.of(firebase, Duration.ZERO, clock);
        String token = token(clock.instant().plusSeconds(3600));
        cached.verify(token);
        cached.verify(token);
        assertEquals(2, asked.size());
    }
}
