package app.alongside.records;

import app.alongside.identity.YoungPerson;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.Connections;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.GlobalIds;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.Payloads;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.graphql.DataLoaders;
import app.alongside.platform.graphql.Nodes;
import app.alongside.platform.graphql.Wiring;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/** Wires {@code records.graphqls}: records of every kind, goals, the home-screen summary and the data export. */
public final class RecordsWiring {
    static final String INDEX_LOADER = "records:index";
    static final String RECORD_HISTORY_LOADER = "records:history";
    static final String GOAL_HISTORY_LOADER = "goals:history";

    /** Payload of {@code createRecord}. */
    public record CreateRecordPayload(LifeRecord record, List<Connections.UserError> userErrors,
                                      String clientMutationId) {
    }

    /** Payload of {@code updateRecord}. */
    public record UpdateRecordPayload(LifeRecord record, LifeRecord currentRecord,
                                      List<Connections.UserError> userErrors) {
    }

    /** Payload of {@code deleteRecord} and {@code restoreRecord}. */
    public record RecordPayload(LifeRecord record, List<Connections.UserError> userErrors) {
    }

    /** Payload of {@code shareWithAdvocate}. */
    public record SharePayload(LifeRecord record, Goal goal, List<Connections.UserError> userErrors) {
    }

    /** Payload of {@code shareMission}. */
    public record ShareMissionPayload(MissionSummaries.MissionOverview mission,
                                      List<Connections.UserError> userErrors) {
    }


    public record ReviewPayload(MissionSummaries.PathwayPlanReview pathwayPlanReview,
                                List<Connections.UserError> userErrors) {
    }

    /** The domain's services, built by the composition root. */
    public record Services(RecordsService records, GoalsService goals, MissionSummaries summaries,
                           DataExport export, CodeCatalogue codes, RecordIndex index) {
    }

    private RecordsWiring() {
    }

    public static void register(Wiring wiring, Nodes nodes, DataLoaders loaders, Services services, int maxPage) {
        nodes.register(LifeRecord.TYPE, (ids, context) -> services.records().load(context, ids),
                new Nodes.Stored(RecordRepository.COLLECTION, "ownerId"));
        registerLoaders(loaders, services);
        wiring.typeResolver("Record", env -> env.getSchema().getObjectType(((LifeRecord) env.getObject()).typeName()));
        for (RecordKind kind : RecordKind.values()) {
            registerKind(wiring, kind, services);
        }
        wiring.backedBy("Code", CodeCatalogue.Code.class)
                .backedBy("CodeList", CodeCatalogue.CodeList.class)
                .backedBy("DatedEntry", LifeRecord.DatedEntry.class)
                .backedBy("Attachment", LifeRecord.Attachment.class)
                .backedBy("RecordVersion", Histories.Version.class)
                .backedBy("RecordConnection", Connections.Connection.class)
                .backedBy("RecordEdge", Connections.Edge.class)
                .backedBy("MissionSummary", MissionSummaries.MissionSummary.class)
                .backedBy("MissionOverview", MissionSummaries.MissionOverview.class)
                .backedBy("KindCount", MissionSummaries.KindCount.class)
                .backedBy("DueItem", MissionSummaries.DueItem.class)
                .backedBy("PathwayPlanReview", MissionSummaries.PathwayPlanReview.class)
                .backedBy("DataExport", DataExport.Export.class)
                .backedBy("CreateRecordPayload", CreateRecordPayload.class)
                .backedBy("UpdateRecordPayload", UpdateRecordPayload.class)
                .backedBy("DeleteRecordPayload", RecordPayload.class)
                .backedBy("RestoreRecordPayload", RecordPayload.class)
                .backedBy("ShareWithAdvocatePayload", SharePayload.class)
                .backedBy("ShareMissionPayload", ShareMissionPayload.class)
                .backedBy("SetPathwayPlanReviewPayload", ReviewPayload.class);
        registerQueries(wiring, services, maxPage);
        registerRecordMutations(wiring, services);
        GoalsWiring.register(wiring, nodes, services, maxPage);
    }

    private static void registerLoaders(DataLoaders loaders, Services services) {
        loaders.register(INDEX_LOADER, context -> DataLoaderFactory.<String, RecordIndex.Summary>newMappedDataLoader(
                ids -> CompletableFuture.supplyAsync(() -> services.index().findByIds(ids), Runnable::run)));
        loaders.register(RECORD_HISTORY_LOADER, context -> DataLoaderFactory
                .<String, List<Histories.Version>>newMappedDataLoader(ids -> CompletableFuture.supplyAsync(
                        () -> services.records().history(context, List.copyOf(ids)), Runnable::run)));
        loaders.register(GOAL_HISTORY_LOADER, context -> DataLoaderFactory
                .<String, List<Histories.Version>>newMappedDataLoader(ids -> CompletableFuture.supplyAsync(
                        () -> services.goals().history(context, List.copyOf(ids)), Runnable::run)));
    }

    private static void registerKind(Wiring wiring, RecordKind kind, Services services) {
        String type = kind.typeName();
        Map<String, Function<LifeRecord, Object>> common = Map.ofEntries(
                Map.entry("mission", LifeRecord::mission), Map.entry("kind", LifeRecord::kind),
                Map.entry("title", services.records()::title), Map.entry("version", LifeRecord::version),
                Map.entry("visibility", LifeRecord::visibility), Map.entry("notes", LifeRecord::notes),
                Map.entry("entries", LifeRecord::entries), Map.entry("attachments", LifeRecord::attachments),
                Map.entry("dueAt", LifeRecord::dueAt), Map.entry("createdAt", LifeRecord::createdAt),
                Map.entry("updatedAt", LifeRecord::updatedAt), Map.entry("deletedAt", LifeRecord::deletedAt),
                Map.entry("restorableUntil", LifeRecord::restorableUntil));
        common.forEach((field, getter) -> wiring.fetcher(type, field, env -> getter.apply(env.getSource())));
        wiring.fetcher(type, "id", env -> GlobalIds.encode(LifeRecord.TYPE, ((LifeRecord) env.getSource()).id()))
                .fetcher(type, "sharedWithAdvocate", env -> index(env, ((LifeRecord) env.getSource()).ownerId())
                        .thenApply(summary -> ((LifeRecord) env.getSource()).sharedWithAdvocate(summary)))
                .fetcher(type, "history", env -> history(env, RECORD_HISTORY_LOADER,
                        ((LifeRecord) env.getSource()).id()));
        for (FieldSpec field : kind.fields()) {
            wiring.fetcher(type, field.name(), detail(field, services.codes()));
        }
        if (kind == RecordKind.ACCOMMODATION) {
            wiring.fetcher(type, "ssda903Accom", env -> {
                Map<String, Object> details = ((LifeRecord) env.getSource()).details();
                return details.get("accommodationCode") + (Boolean.TRUE.equals(details.get("suitable")) ? "1" : "2");
            });
        }
    }

    private static DataFetcher<Object> detail(FieldSpec field, CodeCatalogue codes) {
        return env -> {
            Object value = ((LifeRecord) env.getSource()).details().get(field.name());
            if (field.type() == FieldSpec.Type.CODE && value != null) {
                return codes.find(field.codeList(), value.toString())
                        .orElse(new CodeCatalogue.Code(field.codeList(), value.toString(), value.toString()));
            }
            return value;
        };
    }

    private static void registerQueries(Wiring wiring, Services services, int maxPage) {
        wiring.fetcher("Query", "myRecords", env -> services.records().mine(RequestContext.of(env),
                        mission(env), kinds(env),
                        Boolean.TRUE.equals(env.getArgument("includeDeleted")),
                        Connections.Page.of(env, maxPage)))
                .fetcher("Query", "missionSummary", env -> services.summaries().summary(RequestContext.of(env),
                        owner -> cachedIndex(env, services, owner)))
                .fetcher("Query", "sharedRecords", env -> services.records().shared(RequestContext.of(env),
                        youngPerson(env), mission(env), Connections.Page.of(env, maxPage)))
                .fetcher("Query", "codeLists", env -> services.codes().lists())
                .fetcher("Query", "exportMyData", env -> services.export().export(RequestContext.of(env)));
    }

    private static void registerRecordMutations(Wiring wiring, Services services) {
        RecordsService records = services.records();
        wiring.fetcher("Mutation", "createRecord", env -> {
            Input input = Input.of(env);
            String id = input.clientMutationId().orElse(null);
            return Payloads.run(() -> new CreateRecordPayload(records.create(RequestContext.of(env), input),
                    List.of(), id), errors -> new CreateRecordPayload(null, errors, id));
        }).fetcher("Mutation", "updateRecord", env -> orStale(
                () -> new UpdateRecordPayload(records.update(RequestContext.of(env), Input.of(env)), null, List.of()),
                (errors, current) -> new UpdateRecordPayload(null, (LifeRecord) current, errors))
        ).fetcher("Mutation", "deleteRecord", env -> Payloads.run(() -> new RecordPayload(
                records.delete(RequestContext.of(env), Input.of(env)), List.of()), e -> new RecordPayload(null, e))
        ).fetcher("Mutation", "restoreRecord", env -> Payloads.run(() -> new RecordPayload(
                records.restore(RequestContext.of(env), Input.of(env)), List.of()), e -> new RecordPayload(null, e))
        ).fetcher("Mutation", "shareWithAdvocate", env -> Payloads.run(() -> share(env, services),
                e -> new SharePayload(null, null, e))
        ).fetcher("Mutation", "shareMission", env -> Payloads.run(() -> {
            Input input = Input.of(env);
            Mission mission = input.requiredEnum("mission", Mission.class);
            RequestContext context = RequestContext.of(env);
            records.shareMission(context, mission, input.optionalBoolean("shared").orElseThrow());
            return new ShareMissionPayload(services.summaries().overview(context, mission), List.of());
        }, e -> new ShareMissionPayload(null, e))
        ).fetcher("Mutation", "setPathwayPlanReview", env -> Payloads.run(() -> new ReviewPayload(
                services.summaries().setPathwayReview(RequestContext.of(env), Input.of(env)), List.of()),
                e -> new ReviewPayload(null, e)));
    }

    private static SharePayload share(DataFetchingEnvironment env, Services services) {
        Input input = Input.of(env);
        RequestContext context = RequestContext.of(env);
        boolean shared = input.optionalBoolean("shared").orElseThrow();
        GlobalIds.Decoded id = GlobalIds.decode((String) input.raw("id"))
                .filter(d -> d.type().equals(LifeRecord.TYPE) || d.type().equals(Goal.TYPE))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No record or goal has that id.",
                        input.at("id"), Map.of()));
        if (id.type().equals(Goal.TYPE)) {
            return new SharePayload(null, services.goals().share(context, id.id(), shared, input), List.of());
        }
        return new SharePayload(services.records().share(context, id.id(), shared, input), null, List.of());
    }

    /** Like {@link Payloads#run}, and a stale version also answers with the current object. */
    static <T> T orStale(Supplier<T> mutation, BiFunction<List<Connections.UserError>, Object, T> failed) {
        return Payloads.run(() -> {
            try {
                return mutation.get();
            } catch (StaleVersion e) {
                return failed.apply(List.of(Connections.UserError.of(e)), e.current());
            }
        }, errors -> failed.apply(errors, null));
    }

    /**
     * A young person's sharing document, read once per request: the home screen's summary and each record's and
     * goal's {@code sharedWithAdvocate} use the same copy, kept in the request's loader.
     */
    private static RecordIndex.Summary cachedIndex(DataFetchingEnvironment env, Services services, String ownerId) {
        DataLoader<String, RecordIndex.Summary> loader = env.getDataLoader(INDEX_LOADER);
        return loader.getIfCompleted(ownerId).map(CompletableFuture::join).orElseGet(() -> {
            RecordIndex.Summary summary = services.index().find(ownerId);
            loader.prime(ownerId, summary);
            return summary;
        });
    }

    static CompletableFuture<RecordIndex.Summary> index(DataFetchingEnvironment env, String ownerId) {
        DataLoader<String, RecordIndex.Summary> loader = env.getDataLoader(INDEX_LOADER);
        return loader.load(ownerId);
    }

    static CompletableFuture<List<Histories.Version>> history(DataFetchingEnvironment env, String loaderName,
                                                                      String id) {
        DataLoader<String, List<Histories.Version>> loader = env.getDataLoader(loaderName);
        return loader.load(id);
    }

    static Optional<Mission> mission(DataFetchingEnvironment env) {
        return Optional.ofNullable((String) env.getArgument("mission")).map(Mission::valueOf);
    }

    private static Set<RecordKind> kinds(DataFetchingEnvironment env) {
        List<String> kinds = env.getArgument("kinds");
        Set<RecordKind> set = EnumSet.noneOf(RecordKind.class);
        if (kinds != null) {
            kinds.forEach(k -> set.add(RecordKind.valueOf(k)));
        }
        return set;
    }

    static String youngPerson(DataFetchingEnvironment env) {
        return Input.decodeOrNotFound(env.getArgument("youngPersonId"), YoungPerson.TYPE, List.of("youngPersonId"));
    }
}
