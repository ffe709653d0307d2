package app.alongside.kernel;

/**
 * Who is making a request, as the server established it (never as the client claims). Every access decision
 * starts from this.
 */
public sealed interface Principal {
    /** Nobody is signed in. */
    record Anonymous() implements Principal {
    }

    /**
     * A staff member signed in to the console, with the session that proves it, and their organisation's name as
     * it stood when the request was authenticated (what the audit log records). {@code passwordChangeRequired}:
     * their password was set by someone else and they must change it before doing anything else.
     */
    record Staff(String staffId, String organisationId, String organisationName, OrganisationKind organisationKind,
                 StaffRole role, String sessionId, boolean passwordChangeRequired) implements Principal {
    }

    /** A young person signed in to an app, whose Firebase account is linked to their record. */
    record YoungPersonUser(String youngPersonId, String firebaseUid) implements Principal {
    }

    /** Someone signed in to an app with Firebase whose account is not linked yet: they can only redeem an invite. */
    record AppUser(String firebaseUid) implements Principal {
    }

    Principal ANONYMOUS = new Anonymous();

    /** A stable key for the actor, e.g. to scope idempotency keys and rate limits. */
    default String key() {
        return switch (this) {
            case Staff staff -> "staff:" + staff.staffId();
            case YoungPersonUser yp -> "yp:" + yp.youngPersonId();
            case AppUser app -> "uid:" + app.firebaseUid();
            case Anonymous anonymous -> "anonymous";
        };
    }
}
