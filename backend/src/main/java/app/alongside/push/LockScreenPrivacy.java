package app.alongside.push;

/** What a push may show on a lock screen. Content and names are never shown, whatever the choice. */
public enum LockScreenPrivacy {
    /** The category's generic text only, e.g. "You have a new message". */
    GENERIC,
    /** No notification block: a data-only push the app handles itself. */
    DATA_ONLY
}
