package app.alongside.push;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * What a push is about; each person turns categories on or off, and each has its own time to live and the only
 * text a lock screen may show for it (generic: never names or content). Every category is off by default for a
 * young person, as the ICO Children's Code asks (high privacy by default, no nudges): they turn on what they want.
 * Staff keep the categories their work needs on by default. Opportunities are capped at 3 a person in any 7 days
 * even for those who turned them on.
 */
public enum PushCategory {
    NEW_MESSAGE(true, Duration.ofDays(2), "You have a new message"),
    URGENT(true, Duration.ofDays(1), "You have a new message"),
    REMINDERS(true, Duration.ofDays(1), "You have a reminder"),
    OPPORTUNITIES(false, Duration.ofDays(7), "You have something new to look at", 3),
    GOAL_NUDGES(false, Duration.ofDays(1), "You have an update"),
    ALLOCATION(true, Duration.ofDays(3), "You have an update"),
    ENTITLEMENT_GAPS(false, Duration.ofDays(3), "You have an update");

    private final boolean onByDefaultForStaff;
    private final Duration ttl;
    private final String genericText;
    private final int weeklyCap;

    PushCategory(boolean onByDefaultForStaff, Duration ttl, String genericText) {
        this(onByDefaultForStaff, ttl, genericText, 0);
    }

    PushCategory(boolean onByDefaultForStaff, Duration ttl, String genericText, int weeklyCap) {
        this.onByDefaultForStaff = onByDefaultForStaff;
        this.ttl = ttl;
        this.genericText = genericText;
        this.weeklyCap = weeklyCap;
    }

    /** The window a cap counts over: any 7 days, not a calendar week, so no burst at a week's edge. */
    public static final Duration CAP_WINDOW = Duration.ofDays(7);

    /** At most this many pushes of the category (one per source, whatever the devices) in {@link #CAP_WINDOW}. */
    public OptionalInt weeklyCap() {
        return weeklyCap > 0 ? OptionalInt.of(weeklyCap) : OptionalInt.empty();
    }

    /** Off for every young person ({@code owner} {@code yp:...}); for staff, on when their work needs it. */
    public boolean onByDefaultFor(String owner) {
        return !NotificationPreferences.isYoungPerson(owner) && onByDefaultForStaff;
    }

    /** How long FCM keeps trying to deliver it: android {@code ttl}, apns {@code apns-expiration}, webpush TTL. */
    public Duration ttl() {
        return ttl;
    }

    /** The only text a lock screen shows for this category. */
    public String genericText() {
        return genericText;
    }

    /** Sent even in quiet hours: an urgent safeguarding reply must not wait until morning. */
    public boolean ignoresQuietHours() {
        return this == URGENT;
    }
}
