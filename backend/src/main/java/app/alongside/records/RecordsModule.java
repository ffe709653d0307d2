package app.alongside.records;

import app.alongside.audit.AuditLog;
import app.alongside.audit.AuditModule;
import app.alongside.identity.IdentityModule;
import app.alongside.identity.StaffMember;
import app.alongside.identity.YoungPeopleService;
import app.alongside.platform.Foundation;
import app.alongside.platform.Module;
import app.alongside.platform.config.Settings;
import app.alongside.platform.core.ErasableData;
import app.alongside.platform.core.PersonalDataSection;
import app.alongside.platform.graphql.GraphParts;
import app.alongside.platform.http.RateLimiter;
import app.alongside.platform.store.IndexPlan;
import app.alongside.platform.store.Migration;
import app.alongside.push.PushSource;
import com.mongodb.client.MongoDatabase;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The records domain (settings node {@code records}): a young person's records and goals across the five
 * missions, the record index the home screen reads, mission summaries, the code lists, the one-call export of
 * everything held about them (with the sections other modules give), the maintenance job and its push sources.
 */
public final class RecordsModule implements Module {
    private final RecordsWiring.Services services;
    private final RecordRepository recordRepository;
    private final RecordsMaintenance maintenance;
    private final List<ErasableData> erasable;
    private final int maxPage;
    private volatile List<PersonalDataSection> others = List.of();

    public RecordsModule(Foundation foundation, IdentityModule identity, AuditModule audit) {
        Settings settings = foundation.settings().node("records");
        MongoDatabase db = foundation.db();
        Clock clock = foundation.clock();
        AuditLog log = audit.log();
        RecordRepository recordRepository = new RecordRepository(db);
        this.recordRepository = recordRepository;
        GoalRepository goalRepository = new GoalRepository(db);
        RecordIndex index = new RecordIndex(db);
        CodeCatalogue codes = new CodeCatalogue();
        RecordsPolicy policy = new RecordsPolicy(identity.policy(), identity.people()::findById, log);
        RecordsService records = new RecordsService(recordRepository, index, policy, codes, log,
                foundation.idempotency(), Duration.ofMinutes(settings.integer("undo-window-minutes", 1,
                60 * 24 * 30)), clock);
        GoalsService goals = new GoalsService(goalRepository, index, policy, log, foundation.idempotency(),
                id -> identity.staff().findById(id).map(StaffMember::name), clock);
        List<PersonalDataSection> own = new ArrayList<>();
        own.add(PersonalDataSection.of("profile", id -> identity.people().findById(id)
                .map(YoungPeopleService::export).orElse(null)));
        own.addAll(DataExport.sections(recordRepository, goalRepository, index));
        PersonalDataSection accessLog = log.accessLogSection();
        DataExport export = new DataExport(() -> Stream.of(own, others, List.of(accessLog))
                .flatMap(List::stream).toList(), policy, log, new RateLimiter("export",
                settings.integer("exports-per-hour", 1, 1000), Duration.ofHours(1)), clock);
        this.services = new RecordsWiring.Services(records, goals,
                new MissionSummaries(records, goals, index, policy, log, clock), export, codes, index);
        this.maintenance = new RecordsMaintenance(recordRepository, Duration.ofSeconds(
                settings.integer("maintenance-interval-seconds", 1, 86_400)), clock);
        this.maxPage = foundation.maxPage();
        this.erasable = List.of(ErasableData.of("records", recordRepository::deleteOwnedBy),
                ErasableData.of("goals", goalRepository::deleteOwnedBy), ErasableData.of("sharing", index::delete));
    }

    /** Erases a young person's records and goals with every version, their sharing and pathway review. */
    @Override
    public List<ErasableData> erasable() {
        return erasable;
    }

    /**
     * The export takes every other module's {@link Module#exportSections()} after this module's own, and ends with
     * the access log. Called once the modules are built.
     */
    public void exportAlso(List<? extends Module> modules) {
        this.others = modules.stream().filter(m -> m != this).flatMap(m -> m.exportSections().stream()).toList();
    }

    /**
     * A young person's live records of one kind, newest first, private ones too: for server-side rules that work
     * for that young person (what they are entitled to), never to show to anyone else.
     */
    public List<LifeRecord> liveRecords(String ownerId, RecordKind kind) {
        return recordRepository.live(ownerId, kind);
    }

    public List<PushSource> pushSources() {
        return RecordsPushSource.sources();
    }

    @Override
    public List<IndexPlan> indexes() {
        List<IndexPlan> indexes = new ArrayList<>(RecordRepository.indexes());
        indexes.addAll(GoalRepository.indexes());
        return indexes;
    }

    @Override
    public List<Migration> migrations() {
        return RecordIndex.MIGRATIONS;
    }

    @Override
    public void wire(GraphParts graph) {
        RecordsWiring.register(graph.wiring(), graph.nodes(), graph.loaders(), services, maxPage);
    }

    @Override
    public void storeReady() {
        maintenance.start();
    }

    @Override
    public void close() {
        maintenance.close();
    }
}
