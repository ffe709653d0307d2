package app.alongside.records;

import app.alongside.audit.AuditEvent;
import app.alongside.kernel.Principal;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Versions of records and goals. Each change stores, in the document's {@code history}, what it replaced
 * ({@code before}: the previous values of the fields it changed), so every earlier version can be rebuilt from the
 * current one without storing full copies.
 */
final class Histories {
    static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    /** The schema's {@code ChangeKind}. */
    enum Change { CREATED, UPDATED, DELETED, RESTORED, SHARED, UNSHARED }

    /** The schema's {@code RecordVersion}. */
    record Version(int version, Change change, Instant changedAt, AuditEvent.ActorKind changedBy, String snapshot) {
    }

    private Histories() {
    }

    static Document entry(int version, Change change, Principal actor, Instant at, Document before) {
        return new Document("version", version).append("change", change.name()).append("at", Date.from(at))
                .append("by", (actor instanceof Principal.Staff ? AuditEvent.ActorKind.STAFF
                        : AuditEvent.ActorKind.YOUNG_PERSON).name())
                .append("before", before);
    }

    /** The previous values of the top-level fields that differ between {@code before} and {@code after}. */
    static Document changed(Document before, Document after) {
        Document changed = new Document();
        after.forEach((key, value) -> {
            if (!Objects.equals(before.get(key), value)) {
                changed.append(key, before.get(key));
            }
        });
        return changed;
    }

    /**
     * Every version, newest first, from the stored document: its current state ({@code stateKeys} of it) and the
     * history entries.
     */
    static List<Version> versions(Document doc, List<String> stateKeys) {
        Document state = new Document();
        stateKeys.forEach(key -> state.append(key, doc.get(key)));
        List<Document> history = new ArrayList<>(doc.getList("history", Document.class, List.of()));
        history.sort((a, b) -> Integer.compare(b.getInteger("version"), a.getInteger("version")));
        List<Version> versions = new ArrayList<>();
        for (Document entry : history) {
            Document snapshot = new Document(state).append("version", entry.getInteger("version"));
            versions.add(new Version(entry.getInteger("version"), Change.valueOf(entry.getString("change")),
                    entry.getDate("at").toInstant(), AuditEvent.ActorKind.valueOf(entry.getString("by")),
                    snapshot.toJson(JSON)));
            for (Map.Entry<String, Object> previous : entry.get("before", new Document()).entrySet()) {
                state.put(previous.getKey(), previous.getValue());
            }
        }
        return versions;
    }
}
