package app.alongside.messaging;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Working time for the response standard: Monday to Friday, {@code open} to {@code close} local time, except bank
 * holidays. Times are worked out on local dates and times, so clock changes (which happen at night) never stretch or
 * shrink a working day. A message sent out of hours starts its clock at the next opening.
 */
public final class WorkingHours {
    /** How far ahead any search for the next working day goes before giving up: far beyond any real holiday list. */
    private static final int MAX_DAYS = 3660;

    private final ZoneId zone;
    private final LocalTime open;
    private final LocalTime close;
    private final Set<LocalDate> holidays;

    public WorkingHours(ZoneId zone, LocalTime open, LocalTime close, Set<LocalDate> holidays) {
        if (!open.isBefore(close)) {
            throw new IllegalArgumentException("working hours must open before they close");
        }
        this.zone = zone;
        this.open = open;
        this.close = close;
        this.holidays = Set.copyOf(holidays);
    }

    /** Mon-Fri 09:00-17:00 Europe/London with the given bank holidays. */
    public static WorkingHours england(Set<LocalDate> bankHolidays) {
        return new WorkingHours(ZoneId.of("Europe/London"), LocalTime.of(9, 0), LocalTime.of(17, 0), bankHolidays);
    }

    /** One working day's worth of working time (8 hours for 09:00-17:00). */
    public Duration day() {
        return Duration.between(open, close);
    }

    public boolean isWorkingDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays.contains(date);
    }

    /** The instant {@code amount} of working time after {@code from} (a due time). */
    public Instant plus(Instant from, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("negative working time");
        }
        ZonedDateTime at = startOfWork(from.atZone(zone));
        Duration left = amount;
        for (int i = 0; i < MAX_DAYS; i++) {
            Duration rest = Duration.between(at.toLocalTime(), close);
            if (left.compareTo(rest) <= 0) {
                return at.toLocalDate().atTime(at.toLocalTime().plus(left)).atZone(zone).toInstant();
            }
            left = left.minus(rest);
            at = nextWorkingDay(at.toLocalDate()).atTime(open).atZone(zone);
        }
        throw new IllegalStateException("no working day within " + MAX_DAYS + " days");
    }

    /** The working time between two instants: zero when {@code to} is not after {@code from}. */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        ZonedDateTime start = from.atZone(zone);
        ZonedDateTime end = to.atZone(zone);
        Duration total = Duration.ZERO;
        for (LocalDate date = start.toLocalDate(); !date.isAfter(end.toLocalDate()); date = date.plusDays(1)) {
            if (!isWorkingDay(date)) {
                continue;
            }
            LocalTime dayStart = date.equals(start.toLocalDate()) ? max(open, start.toLocalTime()) : open;
            LocalTime dayEnd = date.equals(end.toLocalDate()) ? min(close, end.toLocalTime()) : close;
            if (dayEnd.isAfter(dayStart)) {
                total = total.plus(Duration.between(dayStart, dayEnd));
            }
        }
        return total;
    }

    /** {@code at} itself in working hours, else the next opening. */
    private ZonedDateTime startOfWork(ZonedDateTime at) {
        LocalDate date = at.toLocalDate();
        LocalTime time = at.toLocalTime();
        if (isWorkingDay(date) && time.isBefore(close)) {
            return time.isBefore(open) ? date.atTime(open).atZone(zone) : at;
        }
        return nextWorkingDay(date).atTime(open).atZone(zone);
    }

    private LocalDate nextWorkingDay(LocalDate after) {
        LocalDate date = after.plusDays(1);
        for (int i = 0; i < MAX_DAYS && !isWorkingDay(date); i++) {
            date = date.plusDays(1);
        }
        return date;
    }

    private static LocalTime max(LocalTime a, LocalTime b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalTime min(LocalTime a, LocalTime b) {
        return a.isBefore(b) ? a : b;
    }
}
