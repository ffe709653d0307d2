package app.alongside.kernel;

/**
 * The two access checks a domain outside identity needs before anything else: that the caller is a signed-in
 * young person, or staff in one of some roles. Identity's policy implements it; each check throws the platform's
 * typed UNAUTHENTICATED or FORBIDDEN error, so a caller only ever sees the allowed principal back.
 */
public interface Access {
    /** The signed-in young person, or an error for anybody else. */
    Principal.YoungPersonUser requireYoungPerson(Principal principal);

    /** The signed-in staff member if they hold one of {@code roles}, or an error. */
    Principal.Staff requireRole(Principal principal, StaffRole... roles);
}
