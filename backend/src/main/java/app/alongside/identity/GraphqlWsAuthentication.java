package app.alongside.identity;

import app.alongside.kernel.Principal;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.graphql.GraphqlWebSocket;
import app.alongside.platform.http.ClientAddresses;
import io.helidon.http.Headers;
import io.helidon.http.ServerRequestHeaders;

import java.util.Map;
import java.util.Optional;

/**
 * Who opened a GraphQL socket, by the same rules as GraphQL over HTTP, but with the credentials where a socket
 * can carry them. An app puts its Firebase ID token in the {@code connection_init} payload as
 * {@code {"authorization": "Bearer <token>"}}. The console cannot set headers on a socket, so the browser sends
 * the session cookie with the upgrade and the console puts its CSRF token in the payload as
 * {@code {"csrfToken": "..."}}. No credential is anonymous; a credential that does not check out is refused.
 */
public final class GraphqlWsAuthentication implements GraphqlWebSocket.Authenticator {
    private final Authentication authentication;
    private final StaffAuth staffAuth;
    private final ClientAddresses addresses;

    public GraphqlWsAuthentication(Authentication authentication, StaffAuth staffAuth, ClientAddresses addresses) {
        this.authentication = authentication;
        this.staffAuth = staffAuth;
        this.addresses = addresses;
    }

    @Override
    public String clientAddress(java.net.SocketAddress peer, Headers upgradeRequest) {
        return addresses.resolve(peer, upgradeRequest);
    }

    @Override
    public Principal authenticate(Headers upgradeRequest, Map<String, Object> initPayload) {
        return principal(upgradeRequest, initPayload, true);
    }

    @Override
    public Principal recheck(Headers upgradeRequest, Map<String, Object> initPayload) {
        return principal(upgradeRequest, initPayload, false);
    }

    private Principal principal(Headers upgradeRequest, Map<String, Object> initPayload, boolean activity) {
        Object authorization = initPayload.containsKey("authorization") ? initPayload.get("authorization")
                : initPayload.get("Authorization");
        if (authorization != null) {
            if (!(authorization instanceof String bearer)) {
                throw new ApiException(ErrorCode.UNAUTHENTICATED,
                        "Send the Firebase ID token as {\"authorization\": \"Bearer <token>\"}.");
            }
            return authentication.appUser(bearer);
        }
        Optional<String> cookie = ServerRequestHeaders.create(upgradeRequest).cookies()
                .first(Authentication.SESSION_COOKIE).asOptional();
        if (cookie.isPresent()) {
            Object csrf = initPayload.get("csrfToken");
            Optional<String> csrfToken = csrf instanceof String token ? Optional.of(token) : Optional.empty();
            return activity ? staffAuth.authenticate(cookie.get(), csrfToken)
                    : staffAuth.recheck(cookie.get(), csrfToken);
        }
        return Principal.ANONYMOUS;
    }
}
