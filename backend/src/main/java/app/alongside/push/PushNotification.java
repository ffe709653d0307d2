package app.alongside.push;

import java.time.Instant;

/** One push to one device (or, when none was sent, to one person) and what became of it: for admins. */
public record PushNotification(String id, State state, String reason, PushCategory category, String kind,
                               String recipient, DevicePlatform platform, int attempts, Instant createdAt,
                               Instant dueAt, Instant sentAt) {
    public static final String TYPE = "PushNotification";

    /** {@code PushNotificationState}. */
    public enum State {
        PENDING,
        SENT,
        FAILED,
        DROPPED
    }
}
