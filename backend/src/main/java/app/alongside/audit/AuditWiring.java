package app.alongside.audit;

import app.alongside.kernel.Access;
import app.alongside.kernel.PersonTypes;
import app.alongside.kernel.Principal;
import app.alongside.kernel.StaffRole;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.Connections;
import app.alongside.platform.core.GlobalIds;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.graphql.GraphParts;
import app.alongside.platform.graphql.Wiring;
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Wires {@code audit.graphqls}: a young person's own access log and the admins' audit search. */
public final class AuditWiring {
    private static final String ORGANISATION = "Organisation";
    private static final String STAFF_NAMES = "audit:staffNames";
    private static final String ORGANISATION_NAMES = "audit:organisationNames";

    /** An entry of {@code myAccessLog}: what was done to the young person's data, by which organisation and role. */
    public record AccessLogEntry(Instant at, AuditAction action, String what, String organisationName,
                                 StaffRole role) {
        static AccessLogEntry of(AuditEvent event) {
            return new AccessLogEntry(event.at(), event.action(), describe(event.targetType()),
                    event.actorOrganisationName(), event.actorRole());
        }

        private static String describe(String targetType) {
            return switch (targetType) {
                case PersonTypes.YOUNG_PERSON -> "profile";
                case "Invite" -> "invite";
                case "NotificationPreferences" -> "notification preferences";
                default -> targetType.toLowerCase(java.util.Locale.ROOT);
            };
        }
    }

    /**
     * The names of staff and organisations, id to name, many at a time, from the domains that hold them (built after
     * this one): what the admins' log shows instead of ids.
     */
    public record Names(Function<Collection<String>, Map<String, String>> staff,
                        Function<Collection<String>, Map<String, String>> organisations) {
    }

    private AuditWiring() {
    }

    public static void register(GraphParts graph, AuditLog log, Access policy, int maxPage, Names names) {
        graph.loaders().register(STAFF_NAMES, context -> DataLoaderFactory.<String, String>newMappedDataLoader(
                ids -> CompletableFuture.supplyAsync(() -> names.staff().apply(ids), Runnable::run)));
        graph.loaders().register(ORGANISATION_NAMES, context -> DataLoaderFactory.<String, String>newMappedDataLoader(
                ids -> CompletableFuture.supplyAsync(() -> names.organisations().apply(ids), Runnable::run)));
        Wiring wiring = graph.wiring();
        wiring.fetcher("AuditEvent", "actorName", env -> {
            AuditEvent event = env.getSource();
            return event.actorKind() == AuditEvent.ActorKind.STAFF && event.actorId() != null
                    ? name(env, STAFF_NAMES, event.actorId()) : null;
        }).fetcher("AuditEvent", "actorRoleName", env -> Optional.ofNullable(((AuditEvent) env.getSource())
                .actorRole()).map(AuditWords::role).orElse(null)
        ).fetcher("AuditEvent", "actionText", env -> AuditWords.action(((AuditEvent) env.getSource()).action(),
                ((AuditEvent) env.getSource()).targetType())
        ).fetcher("AuditEvent", "subjectText", AuditWiring::subjectText
        ).fetcher("AuditEvent", "detail", env -> AuditWords.detail(((AuditEvent) env.getSource()).detail()));
        wiring.backedBy("AccessLogEntry", AccessLogEntry.class)
                .backedBy("AccessLogConnection", Connections.Connection.class)
                .backedBy("AccessLogEdge", Connections.Edge.class)
                .backedBy("AuditEvent", AuditEvent.class)
                .backedBy("AuditEventConnection", Connections.Connection.class)
                .backedBy("AuditEventEdge", Connections.Edge.class)
                .fetcher("AuditEvent", "targetId", env -> globalId(((AuditEvent) env.getSource()).targetType(),
                        ((AuditEvent) env.getSource()).targetId()))
                .fetcher("AuditEvent", "subjectId", env -> globalId(PersonTypes.YOUNG_PERSON,
                        ((AuditEvent) env.getSource()).subjectId()))
                .fetcher("AuditEvent", "actorId", env -> actorId(env.getSource()))
                .fetcher("Query", "myAccessLog", env -> {
                    Principal.YoungPersonUser me = policy.requireYoungPerson(RequestContext.of(env).principal());
                    var page = log.about(me.youngPersonId(), Connections.Page.of(env, maxPage));
                    return new Connections.Connection<>(page.edges().stream().map(edge -> new Connections.Edge<>(
                            edge.cursor(), AccessLogEntry.of(edge.node()))).toList(), page.pageInfo());
                })
                .fetcher("Query", "auditLog", env -> {
                    policy.requireRole(RequestContext.of(env).principal(), StaffRole.ADMIN);
                    Map<String, Object> filter = env.getArgument("filter");
                    return log.search(search(filter == null ? Map.of() : filter), Connections.Page.of(env, maxPage));
                });
    }

    /** What it was about, in words: a staff member's or organisation's name, else the kind of thing. */
    private static Object subjectText(DataFetchingEnvironment env) {
        AuditEvent event = env.getSource();
        String kind = AuditWords.kind(event.targetType());
        if (event.targetId() != null && PersonTypes.STAFF_MEMBER.equals(event.targetType())) {
            return name(env, STAFF_NAMES, event.targetId()).thenApply(name -> name == null ? kind
                    : name + " (staff account)");
        }
        if (event.targetId() != null && ORGANISATION.equals(event.targetType())) {
            return name(env, ORGANISATION_NAMES, event.targetId()).thenApply(name -> name == null ? kind : name);
        }
        return event.subjectId() != null && !kind.contains("young person") ? kind + " of a young person" : kind;
    }

    private static CompletableFuture<String> name(DataFetchingEnvironment env, String loader, String id) {
        DataLoader<String, String> names = env.getDataLoader(loader);
        return names.load(id);
    }

    private static AuditLog.Search search(Map<String, Object> filter) {
        return new AuditLog.Search(
                filter.get("action") instanceof String action ? AuditAction.valueOf(action) : null,
                filter.get("targetId") instanceof String id ? storedId(id, "targetId") : null,
                filter.get("actorId") instanceof String id ? storedId(id, "actorId") : null,
                filter.get("from") instanceof Instant from ? from : null,
                filter.get("to") instanceof Instant to ? to : null);
    }

    private static String storedId(String globalId, String field) {
        return GlobalIds.decode(globalId).map(GlobalIds.Decoded::id).orElseThrow(() ->
                ApiException.badInput(List.of("filter", field), "Not an id from this API."));
    }

    private static String actorId(AuditEvent event) {
        return switch (event.actorKind()) {
            case STAFF -> globalId(PersonTypes.STAFF_MEMBER, event.actorId());
            case YOUNG_PERSON -> globalId(PersonTypes.YOUNG_PERSON, event.actorId());
            default -> null;
        };
    }

    private static String globalId(String type, String id) {
        return id == null ? null : GlobalIds.encode(type, id);
    }
}
