package app.alongside.identity;

import app.alongside.kernel.Principal;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.core.ShortCache;
import app.alongside.platform.graphql.GraphqlEndpoint;
import app.alongside.platform.http.ClientAddresses;
import app.alongside.platform.http.RateLimiter;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Works out who sent a GraphQL request. An app sends {@code Authorization: Bearer <Firebase ID token>}; the
 * console sends its session cookie with {@code X-CSRF-Token}. A request with neither is anonymous; a credential
 * that does not check out is refused, never treated as anonymous. Every caller is rate-limited per address and
 * per account.
 */
public final class Authentication implements GraphqlEndpoint.Authenticator {
    public static final String SESSION_COOKIE = "alongside_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final TokenVerifier tokens;
    private final YoungPersonRepository people;
    private final StaffAuth staffAuth;
    private final RateLimiter limiter;
    private final ClientAddresses addresses;
    private final ShortCache<String, String> links;

    /**
     * @param linkTtl how long a uid's link to a young person is remembered: as long as its token is (a link is
     *                undone only when the account is closed by erasure, which forgets it here; an account not
     *                linked yet is always looked up, so a redeemed invite counts at once)
     */
    public Authentication(TokenVerifier tokens, YoungPersonRepository people, StaffAuth staffAuth,
                          RateLimiter limiter, ClientAddresses addresses, Duration linkTtl, Clock clock) {
        this.tokens = tokens;
        this.people = people;
        this.staffAuth = staffAuth;
        this.limiter = limiter;
        this.addresses = addresses;
        this.links = new ShortCache<>(linkTtl, 100_000, clock);
    }

    @Override
    public RequestContext authenticate(ServerRequest req, String requestId) {
        String address = clientAddress(req);
        limiter.acquire("ip:" + address);
        Principal principal = principal(req);
        if (!(principal instanceof Principal.Anonymous)) {
            limiter.acquire(principal.key());
        }
        return new RequestContext(requestId, principal, address);
    }

    private Principal principal(ServerRequest req) {
        Optional<String> authorization = req.headers().first(HeaderNames.AUTHORIZATION);
        if (authorization.isPresent()) {
            return appUser(authorization.get());
        }
        Optional<String> cookie = req.headers().cookies().first(SESSION_COOKIE).asOptional();
        if (cookie.isPresent()) {
            return staffAuth.authenticate(cookie.get(), req.headers().first(HeaderNames.create(CSRF_HEADER)));
        }
        return Principal.ANONYMOUS;
    }

    /** The principal an {@code Authorization} header proves. */
    public Principal appUser(String authorization) {
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() > 8192) {
            throw new ApiException(ErrorCode.UNAUTHENTICATED,
                    "Send the Firebase ID token as 'Authorization: Bearer <token>'.");
        }
        String uid = tokens.verify(authorization.substring(7).trim()).orElseThrow(() -> new ApiException(
                ErrorCode.UNAUTHENTICATED, "The ID token is invalid, expired or revoked. Get a fresh one and retry."));
        String linked = links.peek(uid);
        if (linked == null) {
            linked = people.linkedTo(uid).orElse(null);
            if (linked != null) {
                links.put(uid, linked);
            }
        }
        if (linked == null && people.closed(uid)) {
            throw new ApiException(ErrorCode.UNAUTHENTICATED, "This account was closed.");
        }
        return linked != null ? new Principal.YoungPersonUser(linked, uid) : new Principal.AppUser(uid);
    }

    /** Forgets the uid's link at once, for an account just closed (other instances forget it within the ttl). */
    void forget(String uid) {
        links.forget(uid);
    }

    /** The client's address for rate limits (see {@link ClientAddresses}). */
    public String clientAddress(ServerRequest req) {
        return addresses.resolve(req.remotePeer().address(), req.headers());
    }
}
