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
}
