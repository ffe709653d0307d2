package app.alongside.push;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retry-After as seconds or as an HTTP date, and payload size as FCM counts it. */
class FcmSenderTest {
    @Test
    void retryAfterInSecondsOrAsADate() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), FcmSender.parseRetryAfter("120"));
        assertEquals(Optional.empty(), FcmSender.parseRetryAfter("soon"));
        String date = ZonedDateTime.now().plusMinutes(5).format(DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration parsed = FcmSender.parseRetryAfter(date).orElseThrow();
        assertTrue(parsed.compareTo(Duration.ofMinutes(4)) > 0 && parsed.compareTo(Duration.ofMinutes(6)) < 0);
    }

    @Test
    void payloadSizeCountsDataAndTextAsJson() {
        var push = new OutgoingPush("n", "t", DevicePlatform.ANDROID, PushCategory.NEW_MESSAGE,
                java.util.Map.of("kind", "message.added", "q", "a\"b"), Optional.of("You have a new message"),
                "c", Duration.ofDays(1), java.time.Instant.EPOCH);
        assertEquals("{\"data\":{\"kind\":\"message.added\",\"q\":\"a\\\"b\"},\"notification\":{\"body\":"
                + "\"You have a new message\"}}", push.payloadJson());
        assertEquals(push.payloadJson().length(), push.payloadBytes());
    }
}
