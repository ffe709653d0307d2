package app.alongside.records;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/** Dates in records are UK calendar days: "today" and "due on a day" are read in Europe/London. */
final class RecordsClock {
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** A reminder for a day goes at 09:00 UK time. */
    static final LocalTime REMINDER_TIME = LocalTime.of(9, 0);

    private RecordsClock() {
    }

    static LocalDate today(Clock clock) {
        return clock.instant().atZone(LONDON).toLocalDate();
    }

    /** The instant a date or date-time value falls due: a day is due at its start in the UK. */
    static Instant startOf(Object value) {
        return switch (value) {
            case Instant instant -> instant;
            case LocalDate date -> date.atStartOfDay(LONDON).toInstant();
            default -> null;
        };
    }

    static Instant nineOn(LocalDate date) {
        return date.atTime(REMINDER_TIME).atZone(LONDON).toInstant();
    }
}
