package app.alongside.push;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Hands pushes to FCM. Production uses the Admin SDK ({@link FcmSender}); tests point the same SDK at a fake. */
public interface PushSender {
    /** FCM's limit for one {@code sendEach} call. */
    int MAX_BATCH = 500;

    /** Sends up to {@link #MAX_BATCH} pushes; one result per push, in order. Never throws for a refused push. */
    List<Result> send(List<OutgoingPush> pushes);

    /**
     * What FCM answered for one push: a message id, or an error code ({@code MessagingErrorCode} names such as
     * {@code UNREGISTERED}, or the platform code when FCM gave none) with its text and any {@code Retry-After}.
     */
    record Result(String messageId, String errorCode, String detail, Optional<Duration> retryAfter) {
        public static Result sent(String messageId) {
            return new Result(messageId, null, null, Optional.empty());
        }

        public static Result failed(String errorCode, String detail, Optional<Duration> retryAfter) {
            return new Result(null, errorCode, detail, retryAfter);
        }

        public boolean ok() {
            return errorCode == null;
        }
    }
}
