package app.alongside.records;

import app.alongside.fixtures.RecordsOps;
import app.alongside.kernel.Principal;
import app.alongside.platform.core.Ids;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes many records for a young person straight into the store, for load tests where creating them one by one
 * over HTTP would take hours. Each record document comes from the code {@code createRecord} uses
 * ({@link RecordsService#newDocument}), inserted in one write instead of one per record. Left out is only what a
 * create does around the write: the idempotency claim, the live-record count and the audit event.
 */
public final class RecordsSeed {
    /** 200 characters, as the peer's seeded records carry in their body, so answers weigh the same. */
    private static final String NOTES = "Notes for this record: what happened, who was there and what comes next. "
            .repeat(3).substring(0, 200);
    private final MongoCollection<Document> records;
    private final List<Map.Entry<RecordKind, Map<String, Object>>> samples = new ArrayList<>();

    public RecordsSeed(MongoDatabase db) {
        this.records = db.getCollection(RecordRepository.COLLECTION);
        RecordsOps.sampleDetails().forEach((member, details) -> samples.add(Map.entry(
                RecordKind.byInputMember(member).orElseThrow(), details)));
    }

    /**
     * Seeds {@code count} private records for {@code ownerId}, cycling through every kind, the newest created at
     * {@code newest} and each earlier one {@code apart} before the next. Returns their ids, newest first.
     */
    public List<String> seed(String ownerId, int count, Instant newest, Duration apart) {
        Principal owner = new Principal.YoungPersonUser(ownerId, "seeded");
        List<Document> docs = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map.Entry<RecordKind, Map<String, Object>> sample = samples.get(i % samples.size());
            Instant at = newest.minus(apart.multipliedBy(i));
            LifeRecord record = new LifeRecord(Ids.random(), ownerId, sample.getKey(), 1, Visibility.PRIVATE,
                    typed(sample.getKey(), sample.getValue(), i), NOTES, List.of(), List.of(), at, at, null, null);
            docs.add(RecordsService.newDocument(record, owner, at));
            ids.add(record.id());
        }
        records.insertMany(docs);
        return ids;
    }

    /** The details as {@link RecordInput} hands them to the service; a text title gets the record's number. */
    private static Map<String, Object> typed(RecordKind kind, Map<String, Object> input, int number) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (FieldSpec field : kind.fields()) {
            Object value = input.get(field.name());
            if (value == null) {
                continue;
            }
            details.put(field.name(), switch (field.type()) {
                case DATE -> LocalDate.parse((String) value);
                case DATE_TIME -> Instant.parse((String) value);
                case TEXT -> kind.titleField().filter(field.name()::equals).isPresent()
                        ? value + " " + (number + 1) : value;
                default -> value;
            });
        }
        return details;
    }
}
