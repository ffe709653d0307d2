package app.alongside.kernel;

/** The schema's {@code OrganisationKind}. */
public enum OrganisationKind {
    PLATFORM_OPERATOR,
    LOCAL_AUTHORITY,
    ADVOCACY_SERVICE,
    CORPORATE_PARENT
}
