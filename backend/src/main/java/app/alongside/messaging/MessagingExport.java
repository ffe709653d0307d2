package app.alongside.messaging;

import app.alongside.platform.core.PersonalDataSection;
import app.alongside.push.PushOutbox;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * The messaging part of a young person's data export: their advocacy (service, advocate, every choice they made),
 * every thread with every message, edits and deletions included, as stored (without the service's urgent flag, as
 * the API shows them), and the safeguarding concerns their advocates raised having told them first. A concern they
 * were not told of first stays out: withheld for risk ({@link Safeguarding#withheld}), or, raised in an emergency or
 * when they could not be reached, until the advocacy service's safeguarding lead decides to disclose it through a
 * subject access request.
 */
public final class MessagingExport {
    private MessagingExport() {
    }

    public static PersonalDataSection section(MongoDatabase db) {
        return PersonalDataSection.of("messaging", youngPersonId -> {
            Document advocacy = db.getCollection(AdvocacyRepository.COLLECTION)
                    .find(Filters.eq("_id", youngPersonId)).first();
            List<Document> threads = new ArrayList<>();
            db.getCollection(ThreadRepository.COLLECTION).find(Filters.eq("youngPersonId", youngPersonId))
                    .forEach(thread -> threads.add(withMessages(db, thread)));
            List<Document> concerns = new ArrayList<>();
            db.getCollection(ServiceSettingsRepository.CONCERNS).find(Filters.and(
                    Filters.eq("youngPersonId", youngPersonId), Filters.eq("youngPersonToldFirst", true)))
                    .sort(Sorts.ascending("createdAt")).forEach(concern -> {
                        Document copy = new Document(concern);
                        copy.remove("raisedById");
                        copy.remove("serviceId");
                        concerns.add(copy);
                    });
            return new Document("advocacy", advocacy == null ? null : withoutInternals(advocacy))
                    .append("threads", threads).append("safeguardingConcerns", concerns);
        });
    }

    private static Document withMessages(MongoDatabase db, Document thread) {
        List<Document> messages = new ArrayList<>();
        db.getCollection(MessageRepository.COLLECTION).find(Filters.eq("threadId", thread.getString("_id")))
                .sort(Sorts.ascending("sequence")).forEach(message -> messages.add(withoutInternals(message)));
        return withoutInternals(thread).append("messages", messages);
    }

    private static Document withoutInternals(Document doc) {
        Document copy = new Document(doc);
        copy.remove(PushOutbox.FIELD);
        copy.remove("dedupeKey");
        copy.remove("pushTo");
        copy.remove("escalateTo");
        copy.remove("urgent");
        copy.remove("urgentPhrase");
        return copy;
    }
}
