package app.alongside.privacy.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * How long one collection is kept and why: what it holds, the lawful basis (UK GDPR Art 6, and the Art 9 / DPA 2018
 * Schedule 1 condition for special category data), the period and what it counts from, the action, and who may
 * change the rule. A rule is data so that a deployer's DPO can read and change it without reading code.
 *
 * @param period    ISO-8601 (P6Y, P30D, PT12H); for KEEP, when the rule is due for review; empty: no end
 * @param countsFrom a date field of the document, or {@link #TWENTY_FIFTH_BIRTHDAY} (from {@code dateOfBirth})
 * @param appliedBy what deletes: {@link #THIS_JOB}, the TTL index or job that already does, or {@link #NOTHING}
 */
public record RetentionRule(String collection, String holds, String lawfulBasis, String condition,
                            Optional<String> period, Optional<String> countsFrom, Action action, String reason,
                            String appliedBy, String changedBy) {
    /** What happens when the period has passed. */
    public enum Action {
        /** Deleted by the named job or index. */
        DELETE,
        /** Kept, for the reason the rule gives. */
        KEEP
    }

    public static final String THIS_JOB = "retention job";
    /** What a KEEP rule is applied by: nothing deletes it. */
    public static final String NOTHING = "nothing (kept)";
    public static final String TWENTY_FIFTH_BIRTHDAY = "the young person's 25th birthday";
    static final String DATE_OF_BIRTH = "dateOfBirth";

    /** True when the retention job deletes what this rule names (not a TTL index or another job). */
    public boolean appliedByThisJob() {
        return action == Action.DELETE && THIS_JOB.equals(appliedBy);
    }

    /** The field the cutoff is compared with. */
    public String dateField() {
        String from = countsFrom.orElseThrow();
        return TWENTY_FIFTH_BIRTHDAY.equals(from) ? DATE_OF_BIRTH : from;
    }

    /** Documents whose date field is before this instant have expired. */
    public Instant cutoff(Instant now) {
        String text = period.orElseThrow();
        Instant start = TWENTY_FIFTH_BIRTHDAY.equals(countsFrom.orElseThrow())
                ? now.atOffset(ZoneOffset.UTC).minusYears(25).toInstant() : now;
        return text.contains("T") ? start.minus(Duration.parse(text))
                : start.atOffset(ZoneOffset.UTC).minus(Period.parse(text)).toInstant();
    }
}
