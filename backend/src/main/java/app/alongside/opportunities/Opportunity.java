package app.alongside.opportunities;

import app.alongside.identity.LegalStatus;
import app.alongside.organisations.Region;
import app.alongside.records.Mission;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An opportunity as stored in {@code opportunities}; {@code id} is the stored id. */
public record Opportunity(String id, String organisationId, String title, String description, TextFormat format,
                          List<Mission> missions, Kind kind, Eligibility eligibility, String town,
                          String postcodeDistrict, LocalDate closingDate, Integer places, String howToApply,
                          String contact, Status status, String rejectionReason, int version, Instant createdAt,
                          Instant updatedAt, Instant approvedAt) {
    public static final String TYPE = "Opportunity";

    /** The schema's {@code OpportunityKind}. */
    public enum Kind { JOB, APPRENTICESHIP, WORK_EXPERIENCE, BURSARY, COURSE, HOME, MENTORING, HEALTH_AND_WELLBEING,
        DISCOUNT, OTHER }

    /** The schema's {@code OpportunityStatus}. */
    public enum Status { DRAFT, SUBMITTED, APPROVED, REJECTED, CLOSED, WITHDRAWN }

    /** The schema's {@code Delivery}. */
    public enum Delivery { IN_PERSON, REMOTE, BOTH }

    /** The schema's {@code TextFormat}. */
    public enum TextFormat { PLAIN, MARKDOWN }

    /**
     * The schema's {@code Eligibility}; empty lists mean anyone. Councils and regions widen each other: with
     * either given, a young person's council must be one of the councils or lie in one of the regions.
     */
    public record Eligibility(int minAge, int maxAge, List<LegalStatus> legalStatuses, List<String> councilIds,
                              List<Region> regions, Delivery delivery) {
        public Eligibility {
            regions = regions == null ? List.of() : List.copyOf(regions);
        }

        /** Whether a young person of this age and status, of a council in {@code region} (or null), qualifies. */
        public boolean admits(int age, LegalStatus status, String councilId, Region region) {
            return age >= minAge && age <= maxAge && (legalStatuses.isEmpty() || legalStatuses.contains(status))
                    && (anyArea() || councilIds.contains(councilId) || (region != null && regions.contains(region)));
        }

        /** Open to young people of every council. */
        public boolean anyArea() {
            return councilIds.isEmpty() && regions.isEmpty();
        }

        /** Limited to one council's young people, which that council may then moderate. */
        public boolean onlyCouncil(String councilId) {
            return regions.isEmpty() && councilIds.equals(List.of(councilId));
        }
    }

    /** Open to young people: approved and not past its closing date. */
    public boolean openOn(LocalDate today) {
        return status == Status.APPROVED && !closingDate.isBefore(today);
    }
}
