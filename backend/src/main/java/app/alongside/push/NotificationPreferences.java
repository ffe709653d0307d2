package app.alongside.push;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A person's push choices: which categories are on (a category missing from {@code enabled} is off), quiet hours
 * and lock-screen privacy. The defaults are the privacy-friendly ones of the ICO Children's Code: for a young
 * person every category off, and for everyone quiet nights and generic text.
 */
public record NotificationPreferences(Map<PushCategory, Boolean> enabled, QuietHours quietHours,
                                      LockScreenPrivacy lockScreen) {
    public static final QuietHours DEFAULT_QUIET_HOURS = new QuietHours(true, LocalTime.of(22, 0),
            LocalTime.of(7, 0), ZoneId.of("Europe/London"));

    public NotificationPreferences {
        Map<PushCategory, Boolean> all = new EnumMap<>(PushCategory.class);
        for (PushCategory category : PushCategory.values()) {
            all.put(category, enabled.getOrDefault(category, false));
        }
        enabled = Map.copyOf(all);
    }

    /** The choices of someone who never chose; {@code owner} is their principal key, e.g. {@code yp:...}. */
    public static NotificationPreferences defaults(String owner) {
        Map<PushCategory, Boolean> enabled = new EnumMap<>(PushCategory.class);
        for (PushCategory category : PushCategory.values()) {
            enabled.put(category, category.onByDefaultFor(owner));
        }
        return new NotificationPreferences(enabled, DEFAULT_QUIET_HOURS, LockScreenPrivacy.GENERIC);
    }

    /** Whether a principal key is a young person's, whose defaults are all off. */
    public static boolean isYoungPerson(String owner) {
        return owner.startsWith("yp:");
    }

    /** {@code CategoryPreference} in the schema. */
    public record CategoryPreference(PushCategory category, boolean enabled) {
    }

    /** Every category with its setting, in the enum's order: the {@code categories} field. */
    public List<CategoryPreference> categories() {
        return Arrays.stream(PushCategory.values()).map(c -> new CategoryPreference(c, enabled.get(c))).toList();
    }

    public boolean allows(PushCategory category) {
        return enabled.get(category);
    }

    /**
     * A daily quiet period in a time zone. {@code end} before {@code start} means the next morning; the two
     * are never equal (that would be no period, or all day).
     */
    public record QuietHours(boolean enabled, LocalTime start, LocalTime end, ZoneId timeZone) {
        /** When the quiet period that {@code now} falls in ends, or empty when {@code now} is not quiet. */
        public Optional<Instant> endOfQuietPeriod(Instant now) {
            if (!enabled) {
                return Optional.empty();
            }
            ZonedDateTime local = now.atZone(timeZone);
            LocalTime time = local.toLocalTime();
            LocalDate today = local.toLocalDate();
            if (start.isBefore(end)) {
                boolean quiet = !time.isBefore(start) && time.isBefore(end);
                return quiet ? Optional.of(ZonedDateTime.of(today, end, timeZone).toInstant()) : Optional.empty();
            }
            if (!time.isBefore(start)) {
                return Optional.of(ZonedDateTime.of(today.plusDays(1), end, timeZone).toInstant());
            }
            if (time.isBefore(end)) {
                return Optional.of(ZonedDateTime.of(today, end, timeZone).toInstant());
            }
            return Optional.empty();
        }
    }
}
