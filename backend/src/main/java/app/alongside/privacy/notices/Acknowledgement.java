package app.alongside.privacy.notices;

import java.time.Instant;

/** That a young person read a version of a part of the privacy notice, and when: kept, never changed. */
public record Acknowledgement(String youngPersonId, NoticeFeature feature, int version, Instant acknowledgedAt) {
}
