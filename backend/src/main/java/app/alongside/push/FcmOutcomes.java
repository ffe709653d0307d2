package app.alongside.push;

import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Random;
import java.util.logging.Logger;

/**
 * What each answer from FCM does to a notification, by FCM's rules: delivered ones are marked sent; a token FCM
 * no longer knows (unregistered, another sender's, not a registration token) drops the notification and removes
 * the device; configuration errors fail it at once; everything else is retried with exponential backoff (never
 * sooner than FCM's {@code Retry-After}) until the last attempt fails it. An exceeded quota also pauses all sending
 * on this instance for at least a minute. Every outcome is counted in {@link PushMetrics}.
 */
final class FcmOutcomes {
    /** The dispatcher's logger: these lines read as they did before the pipeline was split. */
    private static final Logger LOG = Logger.getLogger(PushDispatcher.class.getName());
    private static final Duration QUOTA_WAIT = Duration.ofMinutes(1);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);

    private final DeviceRepository devices;
    private final PushMetrics metrics;
    private final int maxAttempts;
    private final Random random;
    private volatile Instant pausedUntil = Instant.MIN;

    FcmOutcomes(DeviceRepository devices, PushMetrics metrics, int maxAttempts) {
        this(devices, metrics, maxAttempts, new Random());
    }

    /** With the backoff's jitter drawn from {@code random}. */
    FcmOutcomes(DeviceRepository devices, PushMetrics metrics, int maxAttempts, Random random) {
        this.devices = devices;
        this.metrics = metrics;
        this.maxAttempts = maxAttempts;
        this.random = random;
    }

    /** Whether FCM's quota was exceeded recently enough that nothing may be sent at {@code now}. */
    boolean paused(Instant now) {
        return now.isBefore(pausedUntil);
    }

    /** Counts {@code sent} delivered pushes; answers the update that marks each delivered one sent at {@code done}. */
    Bson delivered(int sent, Instant done) {
        metrics.count("sent", null, sent);
        return Updates.combine(
                Updates.set("state", PushNotification.State.SENT.name()), Updates.inc("attempts", 1),
                Updates.set("sentAt", Date.from(done)), Updates.set("updatedAt", Date.from(done)),
                Updates.unset("dueAt"), Updates.unset("reason"));
    }

    /** What a push FCM refused ({@code result} not {@link PushSender.Result#ok()}) does to its notification. */
    NotificationRepository.Outcome refused(Document doc, PushSender.Result result, Instant now) {
        int attempts = doc.getInteger("attempts", 0) + 1;
        String code = result.errorCode();
        return switch (code) {
            case "UNREGISTERED", "SENDER_ID_MISMATCH" -> dropDevice(doc, code, now);
            case "INVALID_ARGUMENT" -> invalidToken(result) ? dropDevice(doc, "INVALID_TOKEN", now)
                    : fail(doc, attempts, result, now);
            case "QUOTA_EXCEEDED" -> {
                Duration wait = max(QUOTA_WAIT, result.retryAfter().orElse(Duration.ZERO));
                pausedUntil = later(pausedUntil, now.plus(wait));
                LOG.warning("FCM quota exceeded: no pushes are sent for " + wait.toSeconds() + " s");
                yield retry(doc, attempts, result, max(wait, backoff(attempts)), now);
            }
            case "THIRD_PARTY_AUTH_ERROR", "SENDER_ID_INVALID", "PERMISSION_DENIED", "UNAUTHENTICATED" ->
                    fail(doc, attempts, result, now);
            default -> retry(doc, attempts, result, max(backoff(attempts),
                    result.retryAfter().orElse(Duration.ZERO)), now);
        };
    }

    /** FCM answers INVALID_ARGUMENT both for a bad message and for a token that is not a registration token. */
    private static boolean invalidToken(PushSender.Result result) {
        return result.detail() != null && result.detail().toLowerCase(Locale.ROOT)
                .contains("registration token");
    }

    private NotificationRepository.Outcome dropDevice(Document doc, String reason, Instant now) {
        devices.remove(doc.getString("recipient"), doc.getString("token"));
        return drop(doc, reason, now);
    }

    /** Drops a notification that will never be sent, for {@code reason}. */
    NotificationRepository.Outcome drop(Document doc, String reason, Instant now) {
        metrics.count("dropped", reason, 1);
        return new NotificationRepository.Outcome(doc.getString("_id"), Updates.combine(
                Updates.set("state", PushNotification.State.DROPPED.name()), Updates.set("reason", reason),
                Updates.set("updatedAt", Date.from(now)), Updates.unset("dueAt")));
    }

    private NotificationRepository.Outcome fail(Document doc, int attempts, PushSender.Result result, Instant now) {
        LOG.warning("push " + doc.getString("_id") + " failed with " + result.errorCode() + ", not retried: "
                + result.detail());
        metrics.count("failed", result.errorCode(), 1);
        return new NotificationRepository.Outcome(doc.getString("_id"), Updates.combine(
                Updates.set("state", PushNotification.State.FAILED.name()), Updates.set("reason", result.errorCode()),
                Updates.set("attempts", attempts), Updates.set("lastError", truncate(result.detail())),
                Updates.set("updatedAt", Date.from(now)), Updates.unset("dueAt")));
    }

    private NotificationRepository.Outcome retry(Document doc, int attempts, PushSender.Result result,
                                                 Duration delay, Instant now) {
        if (attempts >= maxAttempts) {
            return fail(doc, attempts, result, now);
        }
        metrics.count("retried", result.errorCode(), 1);
        return new NotificationRepository.Outcome(doc.getString("_id"), Updates.combine(
                Updates.set("attempts", attempts), Updates.set("dueAt", Date.from(now.plus(delay))),
                Updates.set("reason", result.errorCode()), Updates.set("lastError", truncate(result.detail())),
                Updates.set("updatedAt", Date.from(now))));
    }

    /** Exponential from 2 s, doubling per attempt up to an hour, with jitter: half to all of it. */
    Duration backoff(int attempts) {
        long cap = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempts - 1, 20));
        return Duration.ofMillis(cap / 2 + (long) (random.nextDouble() * (cap / 2)));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 300 ? text : text.substring(0, 300);
    }
}
