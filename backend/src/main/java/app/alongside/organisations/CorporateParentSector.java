package app.alongside.organisations;

/** The schema's {@code CorporateParentSector}. */
public enum CorporateParentSector {
    EMPLOYER,
    UNIVERSITY,
    COLLEGE,
    NHS,
    HOUSING_PROVIDER,
    CHARITY
}
