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

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code privacyAcknowledgements} collection, append-only: one document per young person, part and version,
 * so acknowledging the same version again finds the first and a later version adds a document.
 */
final class AcknowledgementRepository {
    static final String COLLECTION = "privacyAcknowledgements";

    private final MongoCollection<Document> acknowledgements;

    AcknowledgementRepository(MongoDatabase db) {
        this.acknowledgements = db.getCollection(COLLECTION);
    }

    static List<IndexPlan> indexes() {
        return List.of(IndexPlan.unique(COLLECTION, Indexes.ascending("youngPersonId", "feature", "version")),
                IndexPlan.of(COLLECTION, Indexes.ascending("feature", "version")));
    }

    /** What {@link #add} kept: the new acknowledgement, or ({@code fresh} false) the one made before. */
    record Added(Acknowledgement kept, boolean fresh) {
    }

    /** Records the acknowledgement unless that version was acknowledged before. */
    Added add(Acknowledgement ack) {
        try {
            acknowledgements.insertOne(new Document("_id", ack.youngPersonId() + ":" + ack.feature() + ":"
                    + ack.version()).append("youngPersonId", ack.youngPersonId())
                    .append("feature", ack.feature().name()).append("version", ack.version())
                    .append("acknowledgedAt", Mongo.date(ack.acknowledgedAt())));
            return new Added(ack, true);
        } catch (MongoWriteException e) {
            if (!Mongo.isDuplicateKey(e)) {
                throw e;
            }
            return new Added(from(acknowledgements.find(Filters.and(Filters.eq("youngPersonId", ack.youngPersonId()),
                    Filters.eq("feature", ack.feature().name()), Filters.eq("version", ack.version()))).first()),
                    false);
        }
    }

    /** Every acknowledgement of the young person's, oldest first. */
    List<Acknowledgement> of(String youngPersonId) {
        return acknowledgements.find(Filters.eq("youngPersonId", youngPersonId))
                .sort(Sorts.ascending("acknowledgedAt", "version")).map(AcknowledgementRepository::from)
                .into(new ArrayList<>());
    }

    /** The newest version of each part the young person acknowledged. */
    Map<NoticeFeature, Acknowledgement> latest(String youngPersonId) {
        Map<NoticeFeature, Acknowledgement> latest = new EnumMap<>(NoticeFeature.class);
        for (Acknowledgement ack : of(youngPersonId)) {
            latest.merge(ack.feature(), ack, (a, b) -> a.version() >= b.version() ? a : b);
        }
        return latest;
    }

    /** How many young people acknowledged this version of the part. */
    long count(NoticeFeature feature, int version) {
        return acknowledgements.countDocuments(Filters.and(Filters.eq("feature", feature.name()),
                Filters.eq("version", version)));
    }

    private static Acknowledgement from(Document doc) {
        return new Acknowledgement(doc.getString("youngPersonId"), NoticeFeature.valueOf(doc.getString("feature")),
                doc.getInteger("version"), Mongo.instant(doc.getDate("acknowledgedAt")));
    }
}
