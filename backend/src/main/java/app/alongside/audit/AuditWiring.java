package app.alongside.audit;

import app.alongside.kernel.Access;
import app.alongside.kernel.PersonTypes;
import app.alongside.kernel.Principal;
import app.alongside.kernel.StaffRole;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.Connections;
import app.alongside.platform.core.GlobalIds;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.graphql.Wiring;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Wires {@code audit.graphqls}: a young person's own access log and the admins' audit search. */
public final class AuditWiring {
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

    private AuditWiring() {
    }

    public static void register(Wiring wiring, AuditLog log, Access policy, int maxPage) {
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

    private static AuditLog.Search search(Map<String, Object> filter) {
        return new AuditLog.Search(
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
