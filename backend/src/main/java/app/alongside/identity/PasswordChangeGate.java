package app.alongside.identity;

import app.alongside.kernel.Principal;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.graphql.FieldGate;

import java.util.Set;

/**
 * Holds back a staff member whose password someone else set (at creation or a reset) from everything but what
 * changing it needs: {@code viewer} (the console reads it to know who is signed in, and that the change is due)
 * and {@code changeMyPassword}. Signing out is {@code /auth/logout}, outside GraphQL. Over HTTP and WebSocket
 * alike, since both run through the one engine.
 */
final class PasswordChangeGate implements FieldGate {
    private static final Set<String> ALLOWED = Set.of("viewer", "changeMyPassword");

    @Override
    public void check(RequestContext context, String field) {
        if (context.principal() instanceof Principal.Staff staff && staff.passwordChangeRequired()
                && !ALLOWED.contains(field) && !field.startsWith("__")) {
            throw new ApiException(ErrorCode.PASSWORD_CHANGE_REQUIRED,
                    "Change the password someone else set for you (changeMyPassword) before doing anything else.");
        }
    }
}
