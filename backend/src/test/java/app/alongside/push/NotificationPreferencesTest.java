package app.alongside.push;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Quiet hours: when a period ends, overnight and by day, across a clock change, and when switched off. */
class NotificationPreferencesTest {
    private static final NotificationPreferences.QuietHours NIGHT = NotificationPreferences.DEFAULT_QUIET_HOURS;

    @Test
    void overnightQuietHoursEndTheNextMorningInLondon() {
        assertEquals(Optional.of(Instant.parse("2026-11-24T07:00:00Z")),
                NIGHT.endOfQuietPeriod(Instant.parse("2026-11-23T22:00:00Z")), "starts at 22:00 sharp");
        assertEquals(Optional.of(Instant.parse("2026-11-24T07:00:00Z")),
                NIGHT.endOfQuietPeriod(Instant.parse("2026-11-24T03:30:00Z")), "after midnight");
        assertEquals(Optional.empty(), NIGHT.endOfQuietPeriod(Instant.parse("2026-11-24T07:00:00Z")), "ends at 07:00");
        assertEquals(Optional.empty(), NIGHT.endOfQuietPeriod(Instant.parse("2026-11-23T21:59:59Z")));
    }

    @Test
    void summerTimeIsLondonTimeNotUtc() {
        assertEquals(Optional.of(Instant.parse("2026-07-02T06:00:00Z")),
                NIGHT.endOfQuietPeriod(Instant.parse("2026-07-01T21:30:00Z")),
                "22:30 BST is quiet; 07:00 BST is 06:00Z");
        assertEquals(Optional.of(Instant.parse("2026-03-29T06:00:00Z")),
                NIGHT.endOfQuietPeriod(Instant.parse("2026-03-29T00:30:00Z")), "the night the clocks go forward");
    }

    @Test
    void daytimeQuietHoursAndSwitchedOff() {
        var school = new NotificationPreferences.QuietHours(true, LocalTime.of(9, 0), LocalTime.of(15, 30),
                ZoneId.of("Europe/London"));
        assertEquals(Optional.of(Instant.parse("2026-11-23T15:30:00Z")),
                school.endOfQuietPeriod(Instant.parse("2026-11-23T10:00:00Z")));
        assertEquals(Optional.empty(), school.endOfQuietPeriod(Instant.parse("2026-11-23T16:00:00Z")));
        var off = new NotificationPreferences.QuietHours(false, LocalTime.of(22, 0), LocalTime.of(7, 0),
                ZoneId.of("Europe/London"));
        assertEquals(Optional.empty(), off.endOfQuietPeriod(Instant.parse("2026-11-23T23:00:00Z")));
    }

    @Test
    void defaultsAreTheChildrensCodeOnes() {
        NotificationPreferences youngPerson = NotificationPreferences.defaults("yp:someone");
        for (PushCategory category : PushCategory.values()) {
            assertEquals(false, youngPerson.allows(category), category + " is off for a young person");
        }
        assertEquals(LockScreenPrivacy.GENERIC, youngPerson.lockScreen());
        assertEquals(true, youngPerson.quietHours().enabled());
        NotificationPreferences staff = NotificationPreferences.defaults("staff:someone");
        assertEquals(true, staff.allows(PushCategory.NEW_MESSAGE), "an advocate hears of new messages");
        assertEquals(true, staff.allows(PushCategory.URGENT));
        assertEquals(true, staff.allows(PushCategory.ALLOCATION));
        assertEquals(false, staff.allows(PushCategory.OPPORTUNITIES));
    }
}
