package app.alongside.entitlements;

import app.alongside.identity.LegalStatus;
import app.alongside.records.Mission;

import java.time.LocalDate;
import java.util.List;

/**
 * One entitlement as the schema shows it: its current version, with the earlier ones in {@code history}. A
 * national one's id is {@code national:<key>}; a local one's is its stored id.
 */
public record Entitlement(String id, String key, Scope scope, String councilId, int version, String title,
                          String summary, Mission mission, Eligibility eligibility, Integer amountPence, String level,
                          String howToClaim, String source, String sourceUrl, LocalDate effectiveFrom,
                          LocalDate effectiveTo, boolean withdrawn, List<Version> history) {
    public static final String TYPE = "Entitlement";

    /** The schema's {@code EntitlementScope}. */
    public enum Scope { NATIONAL, LOCAL }

    /** The schema's {@code Circumstance}: read from the young person's records. */
    public enum Circumstance { IN_HIGHER_EDUCATION, IN_EDUCATION_OR_TRAINING, LIVING_WITH_FORMER_FOSTER_CARERS,
        LIVING_INDEPENDENTLY }

    /** The schema's {@code Eligibility}: ages from {@code minAge} (inclusive) up to {@code maxAge} (exclusive). */
    public record Eligibility(List<LegalStatus> legalStatuses, Integer minAge, Integer maxAge,
                              List<Circumstance> circumstances, String summary) {
    }

    /** The schema's {@code EntitlementVersion}. */
    public record Version(int version, String title, String summary, Eligibility eligibility, Integer amountPence,
                          String level, String howToClaim, String source, LocalDate effectiveFrom,
                          LocalDate effectiveTo, java.time.Instant changedAt) {
    }

    /** True when this version is offered on {@code day} (a withdrawn one up to its last day). */
    boolean inForceOn(LocalDate day) {
        return !effectiveFrom.isAfter(day) && (effectiveTo == null || !effectiveTo.isBefore(day));
    }
}
