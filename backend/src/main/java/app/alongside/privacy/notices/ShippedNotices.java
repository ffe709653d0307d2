package app.alongside.privacy.notices;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * The first version of every part, shipped in {@code privacy-notices.json} so that the wording is reviewed as
 * data, and seeded once into the store; later versions are published by an admin and live only in the store.
 */
final class ShippedNotices {
    /** The file's shape. */
    public static final class Entry {
        public String feature;
        public String title;
        public String summary;
        public List<String> points;
        public String publishedOn;
    }

    private ShippedNotices() {
    }

    static List<PrivacyNotice> read() {
        try (InputStream in = ShippedNotices.class.getResourceAsStream("privacy-notices.json");
             Jsonb jsonb = JsonbBuilder.create()) {
            return Arrays.stream(jsonb.fromJson(in, Entry[].class))
                    .map(e -> new PrivacyNotice(NoticeFeature.valueOf(e.feature), 1, e.title, e.summary, e.points,
                            LocalDate.parse(e.publishedOn), null))
                    .toList();
        } catch (Exception e) {
            throw new IllegalStateException("privacy-notices.json cannot be read", e);
        }
    }
}
