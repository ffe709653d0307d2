package app.alongside.push;

import java.time.Instant;

/**
 * An app install that can receive pushes: its FCM registration token, bound to exactly one person
 * ({@code Principal.key()}) at a time.
 */
public record Device(String id, String token, String owner, DevicePlatform platform, String appId,
                     String appVersion, String locale, Instant registeredAt) {
    public static final String TYPE = "Device";
}
