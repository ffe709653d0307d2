package app.alongside.audit;

import app.alongside.kernel.StaffRole;

import java.time.Instant;

/**
 * One entry of the append-only audit log. Ids are stored ids; {@code subjectId} is the young person whose data
 * it was, if any. The actor's organisation name is copied in, so history reads as it was.
 */
public record AuditEvent(String id, Instant at, AuditAction action, String targetType, String targetId,
                         String subjectId, ActorKind actorKind, String actorId, StaffRole actorRole,
                         String actorOrganisationId, String actorOrganisationName, String requestId,
                         String detail) {

    /** Who acted. */
    public enum ActorKind { STAFF, YOUNG_PERSON, ANONYMOUS, SYSTEM }
}
