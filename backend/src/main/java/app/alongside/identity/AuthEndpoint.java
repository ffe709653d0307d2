package app.alongside.identity;

import app.alongside.kernel.Principal;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.GlobalIds;
import app.alongside.platform.core.Json;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.graphql.GraphqlErrors;
import app.alongside.platform.observe.Tracing;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Console sign-in over plain JSON at {@code /auth}: {@code POST /auth/login} starts a session (cookie plus CSRF
 * token), {@code GET /auth/session} gives a reloaded page its CSRF token back, {@code POST /auth/logout} ends it.
 * Errors use the same shape and codes as GraphQL errors.
 */
public final class AuthEndpoint implements HttpService {
    private static final int MAX_BODY = 8 * 1024;

    /** When the cookie is marked Secure: always, never, or when the request came over HTTPS. */
    public enum CookieSecure { ALWAYS, NEVER, AUTO }

    private final StaffAuth auth;
    private final Authentication authentication;
    private final Json json;
    private final CookieSecure secure;
    private final Duration sessionLifetime;

    public AuthEndpoint(StaffAuth auth, Authentication authentication, Json json, CookieSecure secure,
                        Duration sessionLifetime) {
        this.auth = auth;
        this.authentication = authentication;
        this.json = json;
        this.secure = secure;
        this.sessionLifetime = sessionLifetime;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/login", this::login)
                .get("/session", this::session)
                .post("/logout", this::logout);
    }

    private void login(ServerRequest req, ServerResponse res) {
        String requestId = requestId(req);
        try {
            Map<?, ?> body = jsonBody(req);
            if (!(body.get("email") instanceof String email) || !(body.get("password") instanceof String password)
                    || email.length() > 254 || password.length() > Passwords.MAX_LENGTH) {
                throw new ApiException(ErrorCode.BAD_USER_INPUT, "Send {\"email\": \"...\", \"password\": \"...\"}.");
            }
            StaffAuth.SignIn signIn = auth.signIn(email, password,
                    authentication.clientAddress(req), requestId);
            res.header(HeaderNames.SET_COOKIE, cookie(req, signIn.token(), sessionLifetime.toSeconds()));
            send(res, Status.OK_200, sessionBody(signIn.csrfToken(), signIn.expiresAt(), signIn.staff()));
        } catch (ApiException e) {
            sendError(res, e);
        }
    }

    private void session(ServerRequest req, ServerResponse res) {
        Optional<String> token = req.headers().cookies().first(Authentication.SESSION_COOKIE).asOptional();
        Optional<Session> session = token.flatMap(auth::session);
        if (session.isEmpty()) {
            sendError(res, new ApiException(ErrorCode.UNAUTHENTICATED, "You are not signed in."));
            return;
        }
        try {
            Principal.Staff staff = auth.authenticate(token.get(), Optional.of(session.get().csrfToken()));
            send(res, Status.OK_200, Map.of("csrfToken", session.get().csrfToken(),
                    "expiresAt", session.get().absoluteExpiresAt().toString(),
                    "staff", Map.of("id", GlobalIds.encode(StaffMember.TYPE, staff.staffId()),
                            "role", staff.role().name(), "passwordChangeRequired", staff.passwordChangeRequired())));
        } catch (ApiException e) {
            sendError(res, e);
        }
    }

    private void logout(ServerRequest req, ServerResponse res) {
        Optional<String> token = req.headers().cookies().first(Authentication.SESSION_COOKIE).asOptional();
        try {
            if (token.isPresent()) {
                Principal.Staff staff = auth.authenticate(token.get(),
                        req.headers().first(HeaderNames.create(Authentication.CSRF_HEADER)));
                auth.signOut(new RequestContext(requestId(req), staff,
                        authentication.clientAddress(req)));
            }
            res.header(HeaderNames.SET_COOKIE, cookie(req, "", 0));
            res.status(Status.NO_CONTENT_204).send();
        } catch (ApiException e) {
            sendError(res, e);
        }
    }

    private Map<?, ?> jsonBody(ServerRequest req) {
        Optional<HttpMediaType> type = req.headers().contentType();
        if (type.isEmpty() || !type.get().test(io.helidon.common.media.type.MediaTypes.APPLICATION_JSON)) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the request as application/json.");
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large.");
            }
            Object parsed = json.parse(new String(bytes, StandardCharsets.UTF_8)).orElse(null);
            if (parsed instanceof Map<?, ?> map) {
                return map;
            }
            throw new ApiException(ErrorCode.BAD_REQUEST, "The request body must be a JSON object.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String cookie(ServerRequest req, String value, long maxAgeSeconds) {
        boolean https = switch (secure) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> req.isSecure() || req.headers().first(HeaderNames.X_FORWARDED_PROTO)
                    .map("https"::equalsIgnoreCase).orElse(false);
        };
        return Authentication.SESSION_COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
                + maxAgeSeconds + (https ? "; Secure" : "");
    }

    private static Map<String, Object> sessionBody(String csrf, Instant expiresAt, StaffMember staff) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("csrfToken", csrf);
        body.put("expiresAt", expiresAt.toString());
        Map<String, Object> who = new LinkedHashMap<>();
        who.put("id", GlobalIds.encode(StaffMember.TYPE, staff.id()));
        who.put("name", staff.name());
        who.put("role", staff.role().name());
        who.put("passwordChangeRequired", staff.passwordChangeRequired());
        body.put("staff", who);
        return body;
    }

    private static String requestId(ServerRequest req) {
        return req.context().get(Tracing.REQUEST_ID_KEY, String.class).orElse("-");
    }

    private void sendError(ServerResponse res, ApiException e) {
        Status status = switch (e.code()) {
            case UNAUTHENTICATED -> Status.UNAUTHORIZED_401;
            case FORBIDDEN -> Status.FORBIDDEN_403;
            case RATE_LIMITED -> Status.TOO_MANY_REQUESTS_429;
            case UNSUPPORTED_MEDIA_TYPE -> Status.UNSUPPORTED_MEDIA_TYPE_415;
            case PAYLOAD_TOO_LARGE -> Status.REQUEST_ENTITY_TOO_LARGE_413;
            default -> Status.BAD_REQUEST_400;
        };
        Object retryAfter = e.toExtensions().get("retryAfterSeconds");
        if (retryAfter != null) {
            res.header(HeaderNames.RETRY_AFTER, retryAfter.toString());
        }
        send(res, status, Map.of("errors", List.of(GraphqlErrors.requestError(e))));
    }

    private void send(ServerResponse res, Status status, Map<String, Object> body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        res.send(json.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
