package app.alongside.records;

import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.Input;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads and checks the parts of {@code createRecord} and {@code updateRecord} inputs: the kind's details, notes,
 * dated entries and attachment descriptions. Every problem names its exact field path.
 */
final class RecordInput {
    static final int NOTES_MAX = 10_000;
    static final int ENTRY_TEXT_MAX = 2_000;
    static final int ENTRIES_MAX = 100;
    static final int ATTACHMENTS_MAX = 20;
    static final int ATTACHMENT_BYTES_MAX = 25 * 1024 * 1024;
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z]+/[a-z0-9][a-z0-9.+-]{0,100}");

    /** A kind and its checked field values. */
    record Details(RecordKind kind, Map<String, Object> values) {
    }

    private static final java.time.Duration PLAUSIBLE = java.time.Duration.ofDays(365L * 50);

    private final CodeCatalogue codes;
    private final Instant now;
    private final LocalDate today;

    RecordInput(CodeCatalogue codes, java.time.Clock clock) {
        this.codes = codes;
        this.now = clock.instant();
        this.today = RecordsClock.today(clock);
    }

    /** The one member of {@code RecordDetailsInput} the client filled in (the schema's {@code @oneOf}). */
    Details details(Input details) {
        if (details.names().size() != 1) {
            throw ApiException.badInput(details.path(), "Fill in exactly one kind of details.");
        }
        String member = details.names().iterator().next();
        RecordKind kind = RecordKind.byInputMember(member)
                .orElseThrow(() -> ApiException.badInput(details.at(member), "Not a kind of record."));
        return new Details(kind, values(kind, details.nested(member).orElseThrow()));
    }

    /** {@code details} for an existing record: it must be of the record's own kind. */
    Details detailsOf(RecordKind kind, Input details) {
        Details parsed = details(details);
        if (parsed.kind() != kind) {
            throw ApiException.badInput(details.at(parsed.kind().inputMember()),
                    "This record is " + article(kind) + "; give " + kind.inputMember() + " details.");
        }
        return parsed;
    }

    private Map<String, Object> values(RecordKind kind, Input input) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldSpec field : kind.fields()) {
            Object value = value(field, input);
            if (value != null) {
                values.put(field.name(), value);
            } else if (field.required()) {
                throw ApiException.badInput(input.at(field.name()), "Required.");
            }
        }
        for (FieldSpec field : kind.fields()) {
            checkRelation(field, values, input);
        }
        return values;
    }

    private Object value(FieldSpec field, Input input) {
        String name = field.name();
        return switch (field.type()) {
            case TEXT -> input.optionalText(name, field.max()).orElse(null);
            case INT -> input.optionalInt(name, field.min(), field.max()).orElse(null);
            case BOOLEAN -> input.optionalBoolean(name).orElse(null);
            case ENUM -> input.raw(name) == null ? null : input.raw(name).toString();
            case DATE_TIME -> input.optionalInstant(name).map(at -> checkInstant(at, input, name)).orElse(null);
            case DATE -> input.optionalDate(name).map(date -> checkDate(field, date, input)).orElse(null);
            case CODE -> input.optionalText(name, 10).map(code -> codes.find(field.codeList(), code)
                    .orElseThrow(() -> ApiException.badInput(input.at(name),
                            "Not a code of " + field.codeList() + "; see codeLists.")).code()).orElse(null);
        };
    }

    private LocalDate checkDate(FieldSpec field, LocalDate date, Input input) {
        if (field.rule() == FieldSpec.Rule.NOT_FUTURE && date.isAfter(today)) {
            throw ApiException.badInput(input.at(field.name()), "Must not be in the future.");
        }
        if (date.getYear() < 1900 || date.isAfter(today.plusYears(50))) {
            throw ApiException.badInput(input.at(field.name()), "Not a plausible date.");
        }
        return date;
    }

    private Instant checkInstant(Instant at, Input input, String name) {
        if (at.isBefore(now.minus(PLAUSIBLE)) || at.isAfter(now.plus(PLAUSIBLE))) {
            throw ApiException.badInput(input.at(name), "Not a plausible time.");
        }
        return at;
    }

    private static void checkRelation(FieldSpec field, Map<String, Object> values, Input input) {
        if (field.relatedTo() == null || !(values.get(field.name()) instanceof LocalDate date)
                || !(values.get(field.relatedTo()) instanceof LocalDate other)) {
            return;
        }
        if (field.rule() == FieldSpec.Rule.NOT_BEFORE && date.isBefore(other)) {
            throw ApiException.badInput(input.at(field.name()), "Must not be before " + field.relatedTo() + ".");
        }
        if (field.rule() == FieldSpec.Rule.AFTER && !date.isAfter(other)) {
            throw ApiException.badInput(input.at(field.name()), "Must be after " + field.relatedTo() + ".");
        }
    }

    /** Notes: absent keeps them; an empty string removes them. */
    static Optional<String> notes(Input input) {
        if (!input.has("notes")) {
            return Optional.empty();
        }
        return Optional.of(input.optionalText("notes", NOTES_MAX).orElse(""));
    }

    Optional<List<LifeRecord.DatedEntry>> entries(Input input) {
        return input.nestedList("entries", ENTRIES_MAX).map(items -> {
            List<LifeRecord.DatedEntry> entries = new ArrayList<>();
            for (Input item : items) {
                LocalDate date = item.optionalDate("date").orElseThrow();
                if (date.isAfter(today)) {
                    throw ApiException.badInput(item.at("date"), "Must not be in the future.");
                }
                entries.add(new LifeRecord.DatedEntry(date, item.text("text", 1, ENTRY_TEXT_MAX)));
            }
            entries.sort(java.util.Comparator.comparing(LifeRecord.DatedEntry::date));
            return entries;
        });
    }

    static Optional<List<LifeRecord.Attachment>> attachments(Input input) {
        return input.nestedList("attachments", ATTACHMENTS_MAX).map(items -> items.stream().map(item -> {
            String mediaType = item.text("mediaType", 3, 127).toLowerCase(java.util.Locale.ROOT);
            if (!MEDIA_TYPE.matcher(mediaType).matches()) {
                throw ApiException.badInput(item.at("mediaType"), "Not a media type, e.g. application/pdf.");
            }
            int size = item.optionalInt("sizeBytes", 1, ATTACHMENT_BYTES_MAX).orElseThrow();
            return new LifeRecord.Attachment(item.text("fileName", 1, 200), mediaType, size,
                    item.optionalText("description", 500).orElse(null));
        }).toList());
    }

    private static String article(RecordKind kind) {
        String label = kind.label().toLowerCase(java.util.Locale.ROOT);
        return ("aeiou".indexOf(label.charAt(0)) >= 0 ? "an " : "a ") + label;
    }
}
