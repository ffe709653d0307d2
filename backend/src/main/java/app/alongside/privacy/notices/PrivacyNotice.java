package app.alongside.privacy.notices;

import java.time.LocalDate;
import java.util.List;

/**
 * One version of one part of the privacy notice, as published: never edited, so that what a young person
 * acknowledged can always be shown again. {@code publishedBy} is the admin's staff id, null for shipped versions.
 */
public record PrivacyNotice(NoticeFeature feature, int version, String title, String summary, List<String> points,
                            LocalDate publishedOn, String publishedBy) {
    public static final String TYPE = "PrivacyNotice";

    public PrivacyNotice {
        points = List.copyOf(points);
    }

    /** The stored id: one document per feature and version. */
    public String id() {
        return feature + ":" + version;
    }
}
