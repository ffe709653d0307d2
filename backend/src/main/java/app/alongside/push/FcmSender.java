package app.alongside.push;

import com.google.firebase.FirebaseApp;
import com.google.firebase.IncomingHttpResponse;
import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.ApnsConfig;
import com.google.firebase.messaging.Aps;
import com.google.firebase.messaging.BatchResponse;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.Notification;
import com.google.firebase.messaging.SendResponse;
import com.google.firebase.messaging.WebpushConfig;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends through the Firebase Admin SDK's {@code sendEach} (in 9.7.0: one {@code messages:send} call per message,
 * run concurrently on the app's executor). The SDK itself retries a 503 a few times, honouring Retry-After;
 * what still fails comes back as a result for the dispatcher's rules.
 */
public final class FcmSender implements PushSender {
    private final FirebaseMessaging messaging;

    public FcmSender(FirebaseApp app) {
        this.messaging = FirebaseMessaging.getInstance(app);
    }

    @Override
    public List<Result> send(List<OutgoingPush> pushes) {
        if (pushes.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " pushes per call");
        }
        try {
            BatchResponse batch = messaging.sendEach(pushes.stream().map(FcmSender::message).toList());
            return batch.getResponses().stream().map(FcmSender::result).toList();
        } catch (FirebaseMessagingException e) {
            Result failed = failure(e);
            return pushes.stream().map(p -> failed).toList();
        }
    }

    static Message message(OutgoingPush push) {
        Message.Builder message = Message.builder().setToken(push.token()).putAllData(push.data());
        push.text().ifPresent(body -> message.setNotification(Notification.builder().setBody(body).build()));
        long ttlSeconds = push.ttl().toSeconds();
        boolean prompt = push.category() == PushCategory.URGENT || push.category() == PushCategory.NEW_MESSAGE;
        switch (push.platform()) {
            case ANDROID -> message.setAndroidConfig(AndroidConfig.builder().setCollapseKey(push.collapseKey())
                    .setTtl(ttlSeconds * 1000).setPriority(prompt ? AndroidConfig.Priority.HIGH
                            : AndroidConfig.Priority.NORMAL).build());
            case IOS -> message.setApnsConfig(ApnsConfig.builder()
                    .putHeader("apns-expiration", Long.toString(push.expiresAt().getEpochSecond()))
                    .putHeader("apns-collapse-id", push.collapseKey())
                    .putHeader("apns-push-type", push.text().isPresent() ? "alert" : "background")
                    .putHeader("apns-priority", push.text().isPresent() ? "10" : "5")
                    .setAps(Aps.builder().setContentAvailable(push.text().isEmpty()).build()).build());
            case WEB -> message.setWebpushConfig(WebpushConfig.builder()
                    .putHeader("TTL", Long.toString(ttlSeconds))
                    .putHeader("Urgency", prompt ? "high" : "normal").build());
        }
        return message.build();
    }

    private static Result result(SendResponse response) {
        return response.isSuccessful() ? Result.sent(response.getMessageId()) : failure(response.getException());
    }

    private static Result failure(FirebaseMessagingException e) {
        String code = e.getMessagingErrorCode() != null ? e.getMessagingErrorCode().name()
                : e.getErrorCode() != null ? e.getErrorCode().name() : "UNKNOWN";
        return Result.failed(code, e.getMessage(), retryAfter(e.getHttpResponse()));
    }

    static Optional<Duration> retryAfter(IncomingHttpResponse response) {
        if (response == null) {
            return Optional.empty();
        }
        Object value = null;
        for (Map.Entry<String, Object> header : response.getHeaders().entrySet()) {
            if ("retry-after".equalsIgnoreCase(header.getKey())) {
                value = header.getValue();
            }
        }
        if (value instanceof List<?> list) {
            value = list.isEmpty() ? null : list.getFirst();
        }
        return value == null ? Optional.empty() : parseRetryAfter(value.toString().trim());
    }

    /** Retry-After is either seconds or an HTTP date. */
    static Optional<Duration> parseRetryAfter(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Optional.of(Duration.between(ZonedDateTime.now(), at)).filter(d -> !d.isNegative());
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
