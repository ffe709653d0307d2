package app.alongside.audit;

/** The schema's {@code AuditAction}. */
public enum AuditAction {
    READ,
    CREATE,
    UPDATE,
    DELETE,
    SIGN_IN,
    SIGN_IN_FAILED,
    SIGN_OUT,
    ACCESS_DENIED
}
