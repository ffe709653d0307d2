package app.alongside.entitlements;

import app.alongside.entitlements.Entitlement.Circumstance;
import app.alongside.entitlements.Entitlement.Eligibility;
import app.alongside.identity.LegalStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether an entitlement applies to a young person, from what they recorded: APPLIES when every condition is
 * shown, MIGHT_APPLY when one depends on something not recorded, and nothing (not listed) when one is shown
 * false. The reasons are in plain words, for the young person.
 */
final class Applicability {
    /** The schema's {@code Applicability}. */
    enum Applies { APPLIES, MIGHT_APPLY }

    /** The schema's {@code ApplicableEntitlement}. */
    record Applicable(Entitlement entitlement, Applies applies, List<String> reasons, List<String> toCheck,
                      EntitlementClaim claim) {
    }

    private Applicability() {
    }

    static Optional<Applicable> of(Entitlement entitlement, Situation situation) {
        Eligibility rule = entitlement.eligibility();
        List<String> reasons = new ArrayList<>();
        List<String> toCheck = new ArrayList<>();
        LegalStatus status = situation.person().legalStatus();
        if (!rule.legalStatuses().isEmpty()) {
            if (!rule.legalStatuses().contains(status)) {
                return Optional.empty();
            }
            reasons.add(statusReason(status));
        }
        int age = situation.age();
        if (rule.minAge() != null || rule.maxAge() != null) {
            boolean inRange = (rule.minAge() == null || age >= rule.minAge())
                    && (rule.maxAge() == null || age < rule.maxAge());
            if (!inRange) {
                return Optional.empty();
            }
            reasons.add("You are " + age + ".");
        }
        for (Circumstance circumstance : rule.circumstances()) {
            Optional<Boolean> holds = situation.holds(circumstance);
            if (holds.isPresent() && !holds.get()) {
                return Optional.empty();
            }
            if (holds.isPresent()) {
                reasons.add(circumstanceReason(circumstance));
            } else {
                toCheck.add(check(circumstance));
            }
        }
        if (entitlement.scope() == Entitlement.Scope.LOCAL) {
            reasons.add("Your council offers it.");
        }
        return Optional.of(new Applicable(entitlement, toCheck.isEmpty() ? Applies.APPLIES : Applies.MIGHT_APPLY,
                List.copyOf(reasons), List.copyOf(toCheck), situation.claim(entitlement.key()).orElse(null)));
    }

    private static String statusReason(LegalStatus status) {
        return switch (status) {
            case LOOKED_AFTER -> "You are in care.";
            case ELIGIBLE -> "You are an eligible care leaver.";
            case RELEVANT -> "You are a relevant care leaver.";
            case FORMER_RELEVANT -> "You are a former relevant care leaver.";
            case QUALIFYING -> "You are a qualifying care leaver.";
        };
    }

    private static String circumstanceReason(Circumstance circumstance) {
        return switch (circumstance) {
            case IN_HIGHER_EDUCATION -> "You told us you are at university or college on a degree-level course.";
            case IN_EDUCATION_OR_TRAINING -> "You told us you are in education or training.";
            case LIVING_WITH_FORMER_FOSTER_CARERS -> "You told us you live with your former foster carers.";
            case LIVING_INDEPENDENTLY -> "You told us you live on your own.";
        };
    }

    private static String check(Circumstance circumstance) {
        return switch (circumstance) {
            case IN_HIGHER_EDUCATION, IN_EDUCATION_OR_TRAINING -> "Add what you are doing now, in Work.";
            case LIVING_WITH_FORMER_FOSTER_CARERS, LIVING_INDEPENDENTLY -> "Add where you live now, in Home.";
        };
    }
}
