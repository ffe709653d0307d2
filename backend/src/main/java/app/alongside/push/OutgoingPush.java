package app.alongside.push;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One push as FCM will get it: the data message (ids and a sequence number, all strings), the generic text the
 * person's lock-screen choice allows (empty for a data-only push), the collapse key and when it expires.
 */
public record OutgoingPush(String notificationId, String token, DevicePlatform platform, PushCategory category,
                           Map<String, String> data, Optional<String> text, String collapseKey, Duration ttl,
                           Instant expiresAt) {
    /** FCM refuses a message whose payload is 4 KB or more. */
    public static final int MAX_PAYLOAD_BYTES = 4096;

    /** The payload FCM counts against the limit, as JSON: {@code {"data":{...},"notification":{"body":...}}}. */
    public String payloadJson() {
        StringBuilder json = new StringBuilder("{\"data\":{");
        String separator = "";
        for (var entry : new java.util.TreeMap<>(data).entrySet()) {
            json.append(separator).append(quote(entry.getKey())).append(':').append(quote(entry.getValue()));
            separator = ",";
        }
        json.append('}');
        text.ifPresent(body -> json.append(",\"notification\":{\"body\":").append(quote(body)).append('}'));
        return json.append('}').toString();
    }

    public int payloadBytes() {
        return payloadJson().getBytes(StandardCharsets.UTF_8).length;
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
