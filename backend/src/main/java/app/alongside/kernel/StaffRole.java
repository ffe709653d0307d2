package app.alongside.kernel;

/** The schema's {@code StaffRole}, and which kind of organisation each role belongs in. */
public enum StaffRole {
    ADMIN(OrganisationKind.PLATFORM_OPERATOR),
    LA_WORKER(OrganisationKind.LOCAL_AUTHORITY),
    ADVOCATE(OrganisationKind.ADVOCACY_SERVICE),
    ADVOCACY_MANAGER(OrganisationKind.ADVOCACY_SERVICE),
    CORPORATE_PARENT_STAFF(OrganisationKind.CORPORATE_PARENT);

    private final OrganisationKind organisationKind;

    StaffRole(OrganisationKind organisationKind) {
        this.organisationKind = organisationKind;
    }

    public OrganisationKind organisationKind() {
        return organisationKind;
    }
}
