package app.alongside.entitlements;

import app.alongside.identity.LegalStatus;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The gap alerts of one young person, worked out from their situation and claims each time: something they are
 * owed that seems missing. Each comes with a draft letter in their words that names the entitlement, amounts
 * and dates and nothing else about them.
 */
final class Gaps {
    static final String PATHWAY_REVIEW = "pathway-plan-review";
    static final String PERSONAL_ADVISER = "personal-adviser";
    static final String HOME_ALLOWANCE = "setting-up-home-allowance";
    static final String STAYING_PUT = "staying-put";
    static final String HEALTH = "health-assessment";
    private static final Set<LegalStatus> LEAVERS = Set.of(LegalStatus.ELIGIBLE, LegalStatus.RELEVANT,
            LegalStatus.FORMER_RELEVANT);

    /** The schema's {@code GapKind}. */
    enum Kind { PATHWAY_PLAN_REVIEW_OVERDUE, HEALTH_ASSESSMENT_OVERDUE, ALLOWANCE_BELOW_MINIMUM, NO_PERSONAL_ADVISER,
        STAYING_PUT_ENDING }

    /** The schema's {@code GapAudience}. */
    enum Audience { ADVOCATE, COUNCIL }

    /** The schema's {@code GapDraft}. */
    record Draft(String kind, String subject, String body) {
    }

    /** The schema's {@code EntitlementGap}. */
    record Gap(Kind kind, Entitlement entitlement, String title, String explanation, LocalDate since, Draft draft,
               List<Audience> sharedWith) {
        Gap sharedWith(List<Audience> audiences) {
            return new Gap(kind, entitlement, title, explanation, since, draft, List.copyOf(audiences));
        }
    }

    private final NationalCatalogue catalogue;

    Gaps(NationalCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    List<Gap> of(Situation s) {
        List<Gap> gaps = new ArrayList<>();
        pathwayReview(s).ifPresent(gaps::add);
        health(s).ifPresent(gaps::add);
        allowance(s).ifPresent(gaps::add);
        adviser(s).ifPresent(gaps::add);
        stayingPut(s).ifPresent(gaps::add);
        return gaps;
    }

    private boolean applies(String key, Situation s) {
        return catalogue.versionOn(key, s.today()).flatMap(e -> Applicability.of(e, s)).isPresent();
    }

    private Optional<Gap> pathwayReview(Situation s) {
        if (!LEAVERS.contains(s.person().legalStatus()) || !applies(PATHWAY_REVIEW, s)) {
            return Optional.empty();
        }
        Optional<EntitlementClaim> review = s.claim(PATHWAY_REVIEW).filter(EntitlementClaim::received);
        LocalDate due = review.map(c -> c.on().plusMonths(6)).orElse(null);
        if (due != null && !due.isBefore(s.today())) {
            return Optional.empty();
        }
        String last = review.map(c -> "My last review I know of was on " + c.on() + ". ")
                .orElse("I do not know of a review of my plan. ");
        return gap(Kind.PATHWAY_PLAN_REVIEW_OVERDUE, PATHWAY_REVIEW, s, "Your pathway plan review may be late",
                "Your council must review your pathway plan with you at least every 6 months. "
                        + "No review in the last 6 months is recorded.", due,
                request("Please review my pathway plan", last + "My pathway plan should be reviewed at least every"
                        + " 6 months (Care Leavers (England) Regulations 2010). Please arrange a review with me and"
                        + " send me a copy of my plan."));
    }

    private Optional<Gap> health(Situation s) {
        if (s.person().legalStatus() != LegalStatus.LOOKED_AFTER) {
            return Optional.empty();
        }
        Optional<Situation.HealthAssessment> last = s.healthAssessment();
        LocalDate due = last.map(h -> h.nextDueOn() != null && h.nextDueOn().isBefore(h.assessedOn().plusMonths(12))
                ? h.nextDueOn() : h.assessedOn().plusMonths(12)).orElse(null);
        if (due != null && !due.isBefore(s.today())) {
            return Optional.empty();
        }
        String known = last.map(h -> "My last health assessment was on " + h.assessedOn() + ". ")
                .orElse("I do not know of a health assessment. ");
        return gap(Kind.HEALTH_ASSESSMENT_OVERDUE, HEALTH, s, "Your health assessment may be late",
                "While you are in care you should have a health assessment at least once a year.", due,
                request("Please arrange my health assessment", known + "I should have a health assessment at"
                        + " least every 12 months while I am in care. Please arrange one with me."));
    }

    private Optional<Gap> allowance(Situation s) {
        Optional<EntitlementClaim> paid = s.claim(HOME_ALLOWANCE).filter(EntitlementClaim::received)
                .filter(c -> c.amountPence() != null);
        Optional<Entitlement> rule = paid.flatMap(c -> catalogue.versionOn(HOME_ALLOWANCE, c.on()));
        if (paid.isEmpty() || rule.isEmpty() || rule.get().amountPence() == null
                || paid.get().amountPence() >= rule.get().amountPence()) {
            return Optional.empty();
        }
        EntitlementClaim claim = paid.get();
        String got = pounds(claim.amountPence());
        String minimum = pounds(rule.get().amountPence());
        String owed = pounds(rule.get().amountPence() - claim.amountPence());
        return Optional.of(new Gap(Kind.ALLOWANCE_BELOW_MINIMUM, rule.get(), "Your Setting Up Home Allowance is "
                + "below the minimum", "You got " + got + " on " + claim.on() + ". The national minimum on that day "
                + "was " + minimum + ". You may be owed " + owed + ".", claim.on(),
                new Draft("COMPLAINT", "Complaint: my Setting Up Home Allowance was below the national minimum",
                        "I want to make a complaint under section 26 of the Children Act 1989. On " + claim.on()
                                + " I received " + got + " Setting Up Home Allowance. The national minimum on that"
                                + " day was " + minimum + ". Please pay me the " + owed + " I am owed, and reply"
                                + " in writing."), List.of()));
    }

    private Optional<Gap> adviser(Situation s) {
        if (!applies(PERSONAL_ADVISER, s) || s.claim(PERSONAL_ADVISER).filter(EntitlementClaim::received)
                .isPresent()) {
            return Optional.empty();
        }
        return gap(Kind.NO_PERSONAL_ADVISER, PERSONAL_ADVISER, s, "You have no personal adviser recorded",
                "You can have a personal adviser until you are 25. You have not recorded that you have one.", null,
                request("Please tell me who my personal adviser is", "I am entitled to a personal adviser until I"
                        + " am 25 (Children and Social Work Act 2017, section 3). Please tell me who my personal"
                        + " adviser is, or give me one."));
    }

    private Optional<Gap> stayingPut(Situation s) {
        LocalDate twentyFirst = s.person().dateOfBirth().plusYears(21);
        long days = ChronoUnit.DAYS.between(s.today(), twentyFirst);
        if (!s.accommodationCode().map("Z"::equals).orElse(false) || days < 0 || days > 90) {
            return Optional.empty();
        }
        return gap(Kind.STAYING_PUT_ENDING, STAYING_PUT, s, "Your Staying Put may end soon",
                "Staying Put with your former foster carers can last until you are 21, on " + twentyFirst
                        + ". It is time to plan where you will live next.", twentyFirst.minusDays(90),
                request("Please help me plan for when Staying Put ends", "My Staying Put arrangement can end when"
                        + " I turn 21 on " + twentyFirst + ". Please meet me to plan where I will live next and"
                        + " put it in my pathway plan."));
    }

    private Optional<Gap> gap(Kind kind, String key, Situation s, String title, String explanation, LocalDate since,
                              Draft draft) {
        return Optional.of(new Gap(kind, catalogue.versionOn(key, s.today()).orElse(null), title, explanation, since,
                draft, List.of()));
    }

    private static Draft request(String subject, String body) {
        return new Draft("REQUEST", subject, body);
    }

    static String pounds(int pence) {
        return pence % 100 == 0 ? String.format(Locale.UK, "£%,d", pence / 100)
                : String.format(Locale.UK, "£%,d.%02d", pence / 100, pence % 100);
    }
}
