package app.alongside.privacy.notices;

import app.alongside.platform.store.IndexPlan;
import app.alongside.platform.store.Mongo;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code privacyNotices} collection: every version of every part, one document each, inserted and never
 * updated. The current version of a part is its highest.
 */
final class NoticeRepository {
    static final String COLLECTION = "privacyNotices";

    private final MongoCollection<Document> notices;

    NoticeRepository(MongoDatabase db) {
        this.notices = db.getCollection(COLLECTION);
    }

    static List<IndexPlan> indexes() {
        return List.of(IndexPlan.unique(COLLECTION, Indexes.descending("feature", "version")),
                IndexPlan.of(COLLECTION, Indexes.ascending("requestId")));
    }

    /** Inserts a version; false when that feature already has that version (a publication raced this one). */
    boolean insert(PrivacyNotice notice, String requestId) {
        try {
            notices.insertOne(new Document("_id", notice.id()).append("feature", notice.feature().name())
                    .append("version", notice.version()).append("title", notice.title())
                    .append("summary", notice.summary()).append("points", notice.points())
                    .append("publishedOn", notice.publishedOn().toString())
                    .append("publishedBy", notice.publishedBy()).append("requestId", requestId));
            return true;
        } catch (MongoWriteException e) {
            if (Mongo.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Inserts the shipped first version of each part that has none yet; running it again changes nothing. */
    void seed(List<PrivacyNotice> shipped) {
        shipped.stream().filter(notice -> current(notice.feature()).isEmpty()).forEach(notice -> insert(notice, null));
    }

    Optional<PrivacyNotice> current(NoticeFeature feature) {
        return Optional.ofNullable(notices.find(Filters.eq("feature", feature.name()))
                .sort(Sorts.descending("version")).first()).map(NoticeRepository::from);
    }

    /** The current version of every part that has one, in the order of {@link NoticeFeature}. */
    Map<NoticeFeature, PrivacyNotice> currentAll() {
        Map<NoticeFeature, PrivacyNotice> current = new EnumMap<>(NoticeFeature.class);
        notices.find().sort(Sorts.ascending("version")).map(NoticeRepository::from)
                .forEach(notice -> current.put(notice.feature(), notice));
        return current;
    }

    /** Every version of a part, newest first. */
    List<PrivacyNotice> history(NoticeFeature feature) {
        return notices.find(Filters.eq("feature", feature.name())).sort(Sorts.descending("version"))
                .map(NoticeRepository::from).into(new ArrayList<>());
    }

    Optional<PrivacyNotice> byRequest(String requestId) {
        return Optional.ofNullable(notices.find(Filters.eq("requestId", requestId)).first())
                .map(NoticeRepository::from);
    }

    private static PrivacyNotice from(Document doc) {
        return new PrivacyNotice(NoticeFeature.valueOf(doc.getString("feature")), doc.getInteger("version"),
                doc.getString("title"), doc.getString("summary"), doc.getList("points", String.class),
                LocalDate.parse(doc.getString("publishedOn")), doc.getString("publishedBy"));
    }
}
