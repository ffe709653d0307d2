package app.alongside.entitlements;

import app.alongside.entitlements.Entitlement.Circumstance;
import app.alongside.entitlements.Entitlement.Eligibility;
import app.alongside.identity.LegalStatus;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.Input;
import app.alongside.records.Mission;

import java.time.LocalDate;
import java.util.List;

/**
 * A local entitlement's fields as a council sends them (publish or revise), each checked with the field's path:
 * texts within their lengths, ages 16 to 25 with the lower below the upper, an amount from 0 to £100,000, dates
 * in order and not before 2000, a source link on https.
 */
record LocalEntitlementInput(String title, String summary, Mission mission, Eligibility eligibility,
                             Integer amountPence, String level, String howToClaim, String source, String sourceUrl,
                             LocalDate effectiveFrom, LocalDate effectiveTo) {
    static final int MAX_PENCE = 10_000_000;
    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(2100, 1, 1);

    static boolean agesValid(Integer min, Integer max) {
        boolean minOk = min == null || (min >= 16 && min <= 25);
        boolean maxOk = max == null || (max >= 16 && max <= 25);
        return minOk && maxOk && (min == null || max == null || min < max);
    }

    static LocalEntitlementInput read(Input input) {
        String title = input.text("title", 1, 120);
        String summary = input.text("summary", 1, 2000);
        Mission mission = input.requiredEnum("mission", Mission.class);
        Eligibility eligibility = eligibility(input.nested("eligibility")
                .orElseThrow(() -> ApiException.badInput(input.at("eligibility"), "Required.")));
        Integer amount = input.optionalInt("amountPence", 0, MAX_PENCE).orElse(null);
        String level = input.optionalText("level", 300).orElse(null);
        if (amount == null && level == null) {
            throw ApiException.badInput(input.at("amountPence"), "Give an amount or a level.");
        }
        String howToClaim = input.text("howToClaim", 1, 2000);
        String source = input.text("source", 1, 300);
        String sourceUrl = input.optionalText("sourceUrl", 500).orElse(null);
        if (sourceUrl != null && !sourceUrl.matches("https://[^\\s/]+\\.[^\\s]+")) {
            throw ApiException.badInput(input.at("sourceUrl"), "Must be an https:// link.");
        }
        LocalDate from = input.optionalDate("effectiveFrom").orElse(null);
        if (from == null || from.isBefore(EARLIEST) || from.isAfter(LATEST)) {
            throw ApiException.badInput(input.at("effectiveFrom"), "Must be a date from 2000 to 2100.");
        }
        LocalDate to = input.optionalDate("effectiveTo").orElse(null);
        if (to != null && (to.isBefore(from) || to.isAfter(LATEST))) {
            throw ApiException.badInput(input.at("effectiveTo"), "Must be on or after effectiveFrom.");
        }
        return new LocalEntitlementInput(title, summary, mission, eligibility, amount, level, howToClaim, source,
                sourceUrl, from, to);
    }

    @SuppressWarnings("unchecked")
    private static Eligibility eligibility(Input input) {
        Integer min = input.optionalInt("minAge", 16, 25).orElse(null);
        Integer max = input.optionalInt("maxAge", 16, 25).orElse(null);
        if (!agesValid(min, max)) {
            throw ApiException.badInput(input.at("maxAge"), "Must be above minAge.");
        }
        List<String> statuses = (List<String>) input.raw("legalStatuses");
        List<String> circumstances = (List<String>) input.raw("circumstances");
        return new Eligibility(statuses == null ? List.of() : statuses.stream().distinct()
                .map(LegalStatus::valueOf).toList(), min, max, circumstances == null ? List.of()
                : circumstances.stream().distinct().map(Circumstance::valueOf).toList(),
                input.text("summary", 1, 300));
    }
}
