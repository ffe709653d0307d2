package app.alongside.privacy.notices;

import app.alongside.audit.AuditModule;
import app.alongside.platform.Foundation;
import app.alongside.platform.core.PersonalDataSection;
import app.alongside.platform.graphql.GraphParts;
import app.alongside.platform.store.IndexPlan;
import app.alongside.platform.store.Mongo;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * The privacy notice part of the privacy module: builds its repositories and rules, and hands the module its
 * indexes, its wiring and the seeding of the shipped first versions once the store is ready.
 */
public final class Notices {
    /** The collections this part stores: the published versions, and who acknowledged which. */
    public static final List<String> COLLECTIONS = List.of(NoticeRepository.COLLECTION,
            AcknowledgementRepository.COLLECTION);

    private final NoticeRepository repository;
    private final PrivacyNotices notices;

    public Notices(Foundation foundation, AuditModule audit) {
        this.repository = new NoticeRepository(foundation.db());
        this.notices = new PrivacyNotices(repository, new AcknowledgementRepository(foundation.db()), audit.log(),
                foundation.idempotency(), foundation.clock());
    }

    /** The young person's acknowledgements, for their data export. */
    public static PersonalDataSection exportSection(MongoDatabase db) {
        AcknowledgementRepository acknowledgements = new AcknowledgementRepository(db);
        return PersonalDataSection.of("privacyNoticeAcknowledgements", youngPersonId -> {
            List<Document> out = new ArrayList<>();
            acknowledgements.of(youngPersonId).forEach(ack -> out.add(new Document("feature", ack.feature().name())
                    .append("version", ack.version()).append("acknowledgedAt", Mongo.date(ack.acknowledgedAt()))));
            return out;
        });
    }

    public List<IndexPlan> indexes() {
        List<IndexPlan> indexes = new ArrayList<>(NoticeRepository.indexes());
        indexes.addAll(AcknowledgementRepository.indexes());
        return indexes;
    }

    public void wire(GraphParts graph) {
        NoticesWiring.register(graph.wiring(), notices);
    }

    /** Seeds the shipped first version of each part that has none. */
    public void storeReady() {
        repository.seed(ShippedNotices.read());
    }
}
