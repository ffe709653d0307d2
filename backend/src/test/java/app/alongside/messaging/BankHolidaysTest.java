package app.alongside.messaging;

import app.alongside.fixtures.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BankHolidaysTest {
    private static final Set<LocalDate> LIST = Set.of(LocalDate.parse("2027-08-30"), LocalDate.parse("2027-12-28"));

    @Test
    void noWarningWhileTheListRunsMoreThanNinetyDays() {
        BankHolidays holidays = new BankHolidays(LIST, new MutableClock(Instant.parse("2027-09-29T12:00:00Z")));
        assertTrue(holidays.warning().isEmpty());
        assertEquals("2027-12-28", holidays.call().details().get("lastDate"));
        assertTrue(holidays.call().status() == io.helidon.health.HealthCheckResponse.Status.UP);
    }

    @Test
    void warnsAndNotesReadinessWithinNinetyDaysOfTheEnd() {
        BankHolidays holidays = new BankHolidays(LIST, new MutableClock(Instant.parse("2027-09-30T12:00:00Z")));
        assertTrue(holidays.warning().orElseThrow().contains("ends on 2027-12-28"));
        assertTrue(holidays.call().details().get("warning").toString().contains("2027-12-28"));
        assertTrue(holidays.call().status() == io.helidon.health.HealthCheckResponse.Status.UP, "a note, not DOWN");
    }

    @Test
    void anEmptyListIsWarnedAbout() {
        assertTrue(new BankHolidays(Set.of(), new MutableClock(Instant.parse("2026-01-01T00:00:00Z"))).warning()
                .orElseThrow().contains("empty"));
    }
}
