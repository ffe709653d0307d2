package app.alongside.privacy.retention;

import app.alongside.platform.config.StartupException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped rules cover every stored collection; a rules file with a mistake is refused, naming each one. */
class RetentionRulesTest {
    private static final Set<String> TWO = Set.of("invites", "audit");

    @Test
    void theShippedRulesNameEveryStoredCollectionOnce() {
        List<RetentionRule> rules = RetentionRules.load(Optional.empty(), StoredCollections.ALL);
        assertEquals(StoredCollections.ALL.size(), rules.size());
        assertTrue(rules.stream().filter(r -> r.collection().equals("sessions")).findFirst().orElseThrow()
                .appliedBy().contains("TTL index"), "sessions say their TTL index deletes them");
        assertTrue(rules.stream().filter(r -> r.collection().equals("messagingEvents")).findFirst().orElseThrow()
                .appliedBy().contains("TTL index"));
        assertTrue(rules.stream().filter(r -> r.collection().equals("notifications")).findFirst().orElseThrow()
                .appliedBy().contains("PUSH_RETENTION_DAYS"));
    }

    @Test
    void aRuleForACollectionNobodyStoresIsRefused() {
        StartupException e = assertThrows(StartupException.class, () -> parse(
                rule("invites", "\"P30D\"", "\"Art 6(1)(e)\""), rule("audit", "\"P6Y\"", "\"Art 6(1)(c)\""),
                rule("invitations", "\"P30D\"", "\"Art 6(1)(e)\"")));
        assertTrue(e.getMessage().contains("rule 3 (invitations): the platform stores no collection of that name"),
                e.getMessage());
    }

    @Test
    void aBadPeriodIsRefused() {
        for (String period : List.of("\"30 days\"", "\"P-1D\"", "\"P1H\"", "\"\"")) {
            StartupException e = assertThrows(StartupException.class, () -> parse(
                    rule("invites", period, "\"Art 6(1)(e)\""), rule("audit", "\"P6Y\"", "\"Art 6(1)(c)\"")));
            assertTrue(e.getMessage().contains("rule 1 (invites): ") && e.getMessage().contains("period"),
                    period + ": " + e.getMessage());
        }
    }

    @Test
    void aZeroPeriodThisJobWouldApplyAndABirthdayWithoutADateOfBirthAreRefused() {
        StartupException e = assertThrows(StartupException.class, () -> parse(
                rule("invites", "\"PT0S\"", "\"Art 6(1)(e)\""), rule("audit", "\"P6Y\"", "\"Art 6(1)(c)\"")
                        .replace("\"createdAt\"", "\"" + RetentionRule.TWENTY_FIFTH_BIRTHDAY + "\"")));
        assertTrue(e.getMessage().contains("rule 1 (invites): a period of zero"), e.getMessage());
        assertTrue(e.getMessage().contains("rule 2 (audit): only youngPeople holds a date of birth"), e.getMessage());
    }

    @Test
    void aMissingBasisIsRefused() {
        StartupException e = assertThrows(StartupException.class, () -> parse(
                rule("invites", "\"P30D\"", "null"), rule("audit", "\"P6Y\"", "\"  \"")));
        assertTrue(e.getMessage().contains("rule 1 (invites): lawfulBasis"), e.getMessage());
        assertTrue(e.getMessage().contains("rule 2 (audit): lawfulBasis"), e.getMessage());
    }

    @Test
    void aCollectionWithoutARuleAndATwiceNamedOneAreRefused() {
        StartupException e = assertThrows(StartupException.class, () -> parse(
                rule("invites", "\"P30D\"", "\"Art 6(1)(e)\""), rule("invites", "\"P30D\"", "\"Art 6(1)(e)\"")));
        assertTrue(e.getMessage().contains("rule 2 (invites): the collection has a rule already"), e.getMessage());
        assertTrue(e.getMessage().contains("collection audit has no rule"), e.getMessage());
    }

    @Test
    void notJsonIsRefused() {
        StartupException e = assertThrows(StartupException.class,
                () -> RetentionRules.parse("{\"rules\": [", "test.json", TWO));
        assertTrue(e.getMessage().contains("test.json are not JSON"), e.getMessage());
    }

    @Test
    void cutoffsCountBackInCalendarTermsOrExactly() {
        RetentionRule years = parse(rule("invites", "\"P6Y\"", "\"b\""), rule("audit", "\"PT12H\"", "\"b\""))
                .getFirst();
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        assertEquals(Instant.parse("2020-03-01T10:00:00Z"), years.cutoff(now));
        RetentionRule hours = parse(rule("invites", "\"P6Y\"", "\"b\""), rule("audit", "\"PT12H\"", "\"b\""))
                .get(1);
        assertEquals(Instant.parse("2026-02-28T22:00:00Z"), hours.cutoff(now));
    }

    @Test
    void theTwentyFifthBirthdayCountsFromTheDateOfBirth() {
        RetentionRule rule = new RetentionRule("youngPeople", "profiles", "Art 6(1)(e)", null, Optional.of("P6Y"),
                Optional.of(RetentionRule.TWENTY_FIFTH_BIRTHDAY), RetentionRule.Action.DELETE, null,
                RetentionRule.THIS_JOB, "the DPO");
        assertEquals("dateOfBirth", rule.dateField());
        assertEquals(Instant.parse("1995-03-01T10:00:00Z"), rule.cutoff(Instant.parse("2026-03-01T10:00:00Z")),
                "born before 1 March 1995: 25 on 1 March 2020, six years ago");
    }

    private static List<RetentionRule> parse(String... rules) {
        return RetentionRules.parse("{\"rules\": [" + String.join(",", rules) + "]}", "test.json", TWO);
    }

    private static String rule(String collection, String period, String basis) {
        return """
                {"collection": "%s", "holds": "things", "lawfulBasis": %s, "period": %s, "countsFrom": "createdAt",
                 "action": "DELETE", "changedBy": "the DPO"}""".formatted(collection, basis, period);
    }
}
