package app.alongside.audit;

import app.alongside.kernel.Access;
import app.alongside.kernel.PersonTypes;
import app.alongside.kernel.Principal;
import app.alongside.kernel.StaffRole;
import app.alongside.platform.ApiException;
import app.alongside.platform.Connections;
import app.alongside.platform.GlobalIds;
import app.alongside.platform.RequestContext;
import app.alongside.platform.Wiring;
import com.mongodb.client.model.Filters;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
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
                    var page = log.find(Filters.eq("subjectId", me.youngPersonId()), Connections.Page.of(env, maxPage));
                    return new Connections.Connection<>(page.edges().stream().map(edge -> new Connections.Edge<>(
                            edge.cursor(), AccessLogEntry.of(edge.node()))).toList(), page.pageInfo());
                })
                .fetcher("Query", "auditLog", env -> {
                    policy.requireRole(RequestContext.of(env).principal(), StaffRole.ADMIN);
                    Map<String, Object> filter = env.getArgument("filter");
                    return log.find(filter(filter == null ? Map.of() : filter), Connections.Page.of(env, maxPage));
                });
    }

    private static Bson filter(Map<String, Object> filter) {
        List<Bson> parts = new ArrayList<>();
        if (filter.get("targetId") instanceof String id) {
            parts.add(Filters.eq("targetId", storedId(id, "targetId")));
        }
        if (filter.get("actorId") instanceof String id) {
            parts.add(Filters.eq("actorId", storedId(id, "actorId")));
        }
        if (filter.get("from") instanceof Instant from) {
            parts.add(Filters.gte("createdAt", Date.from(from)));
        }
        if (filter.get("to") instanceof Instant to) {
            parts.add(Filters.lt("createdAt", Date.from(to)));
        }
        return parts.isEmpty() ? new org.bson.Document() : Filters.and(parts);
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
