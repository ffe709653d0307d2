package app.alongside.records;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditLog;
import app.alongside.platform.core.PersonalDataSection;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.http.RateLimiter;
import org.bson.Document;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code exportMyData}: everything the platform holds about the signed-in young person, one section per domain,
 * as one JSON document with a schema version. Their right of access, without a letter.
 */
public final class DataExport {
    /** The export document's shape; MINOR grows when sections or fields are added. */
    public static final String SCHEMA_VERSION = "1.1";

    /** The schema's {@code DataExport}. */
    public record Export(String schemaVersion, Instant generatedAt, String document) {
    }

    private final Supplier<List<PersonalDataSection>> sections;
    private final RecordsPolicy policy;
    private final AuditLog audit;
    private final RateLimiter limiter;
    private final Clock clock;

    public DataExport(Supplier<List<PersonalDataSection>> sections, RecordsPolicy policy, AuditLog audit,
                      RateLimiter limiter, Clock clock) {
        this.sections = sections;
        this.policy = policy;
        this.audit = audit;
        this.limiter = limiter;
        this.clock = clock;
    }

    Export export(RequestContext context) {
        String owner = policy.requireOwner(context.principal());
        limiter.acquire(owner);
        Instant now = clock.instant();
        Document document = new Document("schemaVersion", SCHEMA_VERSION).append("generatedAt", Date.from(now));
        for (PersonalDataSection section : sections.get()) {
            document.append(section.name(), section.export(owner));
        }
        audit.record(context, AuditAction.READ, "DataExport", owner, owner, "export of all their data");
        return new Export(SCHEMA_VERSION, now, document.toJson(Histories.JSON));
    }

    /** The records domain's sections: records and goals with every version, and what is shared. */
    public static List<PersonalDataSection> sections(RecordRepository records, GoalRepository goals,
                                                     RecordIndex index) {
        return List.of(
                PersonalDataSection.of("records", owner -> records.byOwner(owner, true).stream()
                        .map(DataExport::withoutInternals).toList()),
                PersonalDataSection.of("goals", owner -> goals.byOwner(owner, true).stream()
                        .map(DataExport::withoutInternals).toList()),
                PersonalDataSection.of("sharing", owner -> {
                    RecordIndex.Summary summary = index.find(owner);
                    Document sharing = new Document("missionsSharedWithAdvocate",
                            summary.sharedMissions().stream().map(Enum::name).toList());
                    if (summary.pathwayReview() != null) {
                        sharing.append("pathwayPlanReview", new Document("reviewDate",
                                summary.pathwayReview().reviewDate().toString())
                                .append("remindDaysBefore", summary.pathwayReview().remindDaysBefore()));
                    }
                    return sharing;
                }));
    }

    private static Document withoutInternals(Document doc) {
        Document copy = new Document(doc);
        copy.remove("ownerId");
        copy.remove(app.alongside.push.PushOutbox.FIELD);
        return copy;
    }
}
