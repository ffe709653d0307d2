package app.alongside.records;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One record of a young person's (the schema's {@code Record}, typed by {@code kind}). {@code details} holds the
 * kind's own fields as {@link String}, {@link Integer}, {@link Boolean}, {@link LocalDate} or {@link Instant};
 *. Whether its mission is shared
 * lives in the owner's {@link RecordIndex.Summary}.
 */
public record LifeRecord(String id, String ownerId, RecordKind kind, int version, Visibility visibility,
                         Map<String, Object> details, String notes, List<DatedEntry> entries,
                         List<Attachment> attachments, Instant createdAt, Instant updatedAt, Instant deletedAt,
                         Instant restorableUntil) implements app.alongside.platform.graphql.Wiring.Typed {
    public static final String TYPE = "Record";

    @Override
    public String typeName() {
        return kind.typeName();
    }

    /** The schema's {@code DatedEntry}. */
    public record DatedEntry(LocalDate date, String text) {
    }

    /** The schema's {@code Attachment}: the description of a file, not the file. */
    public record Attachment(String fileName, String mediaType, int sizeBytes, String description) {
    }

    public Mission mission() {
        return kind.mission();
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    public boolean sharedWithAdvocate(RecordIndex.Summary owner) {
        return visibility == Visibility.SHARED_WITH_ADVOCATE || owner != null && owner.missionShared(mission());
    }

    /** When something is next due for this record: its kind's due date or time, if set. */
    public Instant dueAt() {
        return kind.dueField().map(details::get).map(RecordsClock::startOf).orElse(null);
    }
}
