package app.alongside.identity;

/** The schema's {@code LegalStatus}: care-leaver statuses that drive entitlements. */
public enum LegalStatus {
    LOOKED_AFTER,
    ELIGIBLE,
    RELEVANT,
    FORMER_RELEVANT,
    QUALIFYING
}
