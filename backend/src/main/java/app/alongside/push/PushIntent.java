package app.alongside.push;

import java.util.Map;

/**
 * One push a domain wants sent to one person.
 *
 * @param recipient   the person, as {@code Principal.key()} spells it: {@code yp:<id>} or {@code staff:<id>}
 * @param category    decides preferences, quiet hours and time to live
 * @param kind        the payload kind the app switches on, e.g. {@code message.added}; each has a JSON Schema in
 *                    mobile-contracts
 * @param data        ids for the app to fetch (never content or names)
 * @param collapseKey pushes with one key replace each other on the device, e.g. one per thread
 * @param sequence    a server sequence number, so the app can order pushes that FCM delivers out of order
 */
public record PushIntent(String recipient, PushCategory category, String kind, Map<String, String> data,
                         String collapseKey, long sequence) {
    /**
     * A collapse key for pushes about one thing: {@code prefix:} and a short digest of its id, so it always fits
     * FCM's and APNs' 64 characters however long the id is, and says nothing about it.
     */
    public static String collapseKey(String prefix, String id) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return prefix + ":" + java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(java.util.Arrays.copyOf(digest, 12));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
