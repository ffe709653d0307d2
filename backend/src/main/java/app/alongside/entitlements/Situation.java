package app.alongside.entitlements;

import app.alongside.entitlements.Entitlement.Circumstance;
import app.alongside.identity.YoungPerson;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the rules know about one young person on one day: their profile, the activity code of their latest
 * EET_STATUS record and the code of their current ACCOMMODATION record (empty when nothing is recorded), their
 * latest health assessment and their claims by entitlement key. Read server-side for them alone.
 */
record Situation(YoungPerson person, LocalDate today, Optional<String> activityCode,
                 Optional<String> accommodationCode, Optional<HealthAssessment> healthAssessment,
                 Map<String, EntitlementClaim> claims) {
    private static final Set<String> HIGHER_EDUCATION = Set.of("F1", "P1");
    private static final Set<String> EDUCATION_OR_TRAINING = Set.of("F1", "P1", "F2", "P2", "F4", "P4");

    /** The latest HEALTH_ASSESSMENT record's dates. */
    record HealthAssessment(LocalDate assessedOn, LocalDate nextDueOn) {
    }

    int age() {
        return person.ageOn(today);
    }

    /** Whether the circumstance holds, or empty when what it depends on is not recorded. */
    Optional<Boolean> holds(Circumstance circumstance) {
        return switch (circumstance) {
            case IN_HIGHER_EDUCATION -> activityCode.map(HIGHER_EDUCATION::contains);
            case IN_EDUCATION_OR_TRAINING -> activityCode.map(EDUCATION_OR_TRAINING::contains);
            case LIVING_WITH_FORMER_FOSTER_CARERS -> accommodationCode.map("Z"::equals);
            case LIVING_INDEPENDENTLY -> accommodationCode.map("U"::equals);
        };
    }

    Optional<EntitlementClaim> claim(String key) {
        return Optional.ofNullable(claims.get(key));
    }
}
