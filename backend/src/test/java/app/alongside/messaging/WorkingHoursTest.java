package app.alongside.messaging;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkingHoursTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private final WorkingHours hours = WorkingHours.england(Set.of(LocalDate.parse("2026-12-25"),
            LocalDate.parse("2026-12-28"), LocalDate.parse("2027-01-01"), LocalDate.parse("2026-04-03"),
            LocalDate.parse("2026-04-06")));

    private static Instant london(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(LONDON).toInstant();
    }

    private Instant dueAfterOneDay(String sent) {
        return hours.plus(london(sent), hours.day());
    }

    @Test
    void aMessageInWorkingHoursIsDueAtTheSameTimeNextWorkingDay() {
        assertEquals(london("2026-11-24T10:15"), dueAfterOneDay("2026-11-23T10:15"));
    }

    @Test
    void aMessageAtOpeningIsDueAtClosingTheSameDay() {
        assertEquals(london("2026-11-23T17:00"), dueAfterOneDay("2026-11-23T09:00"));
    }

    @Test
    void aFridayAfternoonMessageIsDueOnMonday() {
        assertEquals(london("2026-11-30T15:00"), dueAfterOneDay("2026-11-27T15:00"));
    }

    @Test
    void outOfHoursMessagesStartTheClockAtTheNextOpening() {
        assertEquals(london("2026-11-24T17:00"), dueAfterOneDay("2026-11-23T17:30"), "evening");
        assertEquals(london("2026-11-24T17:00"), dueAfterOneDay("2026-11-24T06:00"), "early morning");
        assertEquals(london("2026-11-30T17:00"), dueAfterOneDay("2026-11-28T12:00"), "Saturday");
        assertEquals(london("2026-11-30T17:00"), dueAfterOneDay("2026-11-29T23:59"), "Sunday night");
    }

    @Test
    void bankHolidaysAreSkipped() {
        // Thu 24 Dec 2026 11:00: Fri 25 (Christmas), Sat, Sun and Mon 28 (Boxing Day substitute) are not working days.
        assertEquals(london("2026-12-29T11:00"), dueAfterOneDay("2026-12-24T11:00"));
        // Easter 2026: Good Friday 3 April and Easter Monday 6 April.
        assertEquals(london("2026-04-07T16:00"), dueAfterOneDay("2026-04-02T16:00"));
        assertEquals(london("2026-04-07T17:00"), dueAfterOneDay("2026-04-03T10:00"), "sent on a holiday");
    }

    @Test
    void clockChangesDoNotStretchTheWorkingDay() {
        // BST ends on Sun 25 Oct 2026: Friday 10:00 BST is due Monday 10:00 GMT, 73 hours later, not 72.
        Instant sent = london("2026-10-23T10:00");
        Instant due = hours.plus(sent, hours.day());
        assertEquals(london("2026-10-26T10:00"), due);
        assertEquals(Duration.ofHours(73), Duration.between(sent, due));
        // BST starts on Sun 29 Mar 2026.
        assertEquals(london("2026-03-30T10:00"), dueAfterOneDay("2026-03-27T10:00"));
        assertEquals(Duration.ofHours(8), hours.between(london("2026-03-27T10:00"), london("2026-03-30T10:00")));
    }

    @Test
    void twoWorkingDaysForAllocation() {
        assertEquals(london("2026-11-27T14:00"), hours.plus(london("2026-11-25T14:00"), hours.day().multipliedBy(2)));
    }

    @Test
    void workingTimeBetweenCountsOnlyOpeningHours() {
        assertEquals(Duration.ofMinutes(30), hours.between(london("2026-11-23T16:30"), london("2026-11-23T20:00")));
        assertEquals(Duration.ofHours(2), hours.between(london("2026-11-27T16:00"), london("2026-11-30T10:00")));
        assertEquals(Duration.ZERO, hours.between(london("2026-11-28T10:00"), london("2026-11-29T10:00")));
        assertEquals(Duration.ZERO, hours.between(london("2026-11-24T10:00"), london("2026-11-23T10:00")));
        assertEquals(Duration.ofHours(8), hours.between(london("2026-12-24T11:00"), london("2026-12-29T11:00")));
    }

    @Test
    void weekendsAndHolidaysAreNotWorkingDays() {
        assertTrue(hours.isWorkingDay(LocalDate.parse("2026-11-23")));
        assertFalse(hours.isWorkingDay(LocalDate.parse("2026-11-28")));
        assertFalse(hours.isWorkingDay(LocalDate.parse("2027-01-01")));
    }

    @Test
    void badHoursAndNegativeAmountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new WorkingHours(LONDON, java.time.LocalTime.NOON,
                java.time.LocalTime.NOON, Set.of()));
        assertThrows(IllegalArgumentException.class, () -> hours.plus(Instant.now(), Duration.ofMinutes(-1)));
    }
}
