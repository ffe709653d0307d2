package app.alongside.push;

import java.time.Duration;

/**
 * What a push is about; each person turns categories on or off, and each has its own time to live and the only
 * text a lock screen may show for it (generic: never names or content). Opportunities and goal nudges are off
 * by default, as the ICO Children's Code asks (no nudges).
 */
public enum PushCategory {
    NEW_MESSAGE(true, Duration.ofDays(2), "You have a new message"),
    URGENT(true, Duration.ofDays(1), "You have a new message"),
    REMINDERS(true, Duration.ofDays(1), "You have a reminder"),
    OPPORTUNITIES(false, Duration.ofDays(7), "You have something new to look at"),
    GOAL_NUDGES(false, Duration.ofDays(1), "You have an update"),
    ALLOCATION(true, Duration.ofDays(3), "You have an update");

    private final boolean onByDefault;
    private final Duration ttl;
    private final String genericText;

    PushCategory(boolean onByDefault, Duration ttl, String genericText) {
        this.onByDefault = onByDefault;
        this.ttl = ttl;
        this.genericText = genericText;
    }

    public boolean onByDefault() {
        return onByDefault;
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
