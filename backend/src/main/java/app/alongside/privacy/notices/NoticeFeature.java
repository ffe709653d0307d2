package app.alongside.privacy.notices;

/**
 * The schema's {@code PrivacyNoticeFeature}: the features a part of the privacy notice explains, each shown to a
 * young person at the moment they first use it rather than as one long notice at sign-up.
 */
public enum NoticeFeature {
    ACCOUNT,
    MESSAGING,
    SHARING,
    EXPRESSING_INTEREST,
    PUSH,
    EXPORT,
    ACCESS_LOG
}
