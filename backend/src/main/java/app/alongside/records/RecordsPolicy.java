package app.alongside.records;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditLog;
import app.alongside.identity.IdentityPolicy;
import app.alongside.identity.YoungPerson;
import app.alongside.kernel.Principal;
import app.alongside.kernel.StaffRole;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.RequestContext;

import java.util.Optional;
import java.util.function.Function;

/**
 * Who may see records and goals. The young person sees all of their own. An advocate or advocacy manager of a
 * service that serves the young person's council sees exactly what the young person shared with their advocate.
 * Nobody else sees any: not council workers (advocacy is kept apart from the council), not corporate parents,
 * not admins. Every refusal of a staff member is audited against the young person concerned.
 */
public final class RecordsPolicy {
    private final IdentityPolicy identity;
    private final Function<String, Optional<YoungPerson>> people;
    private final AuditLog audit;

    public RecordsPolicy(IdentityPolicy identity, Function<String, Optional<YoungPerson>> people, AuditLog audit) {
        this.identity = identity;
        this.people = people;
        this.audit = audit;
    }

    /** The signed-in young person's id; anyone else is refused. */
    String requireOwner(Principal principal) {
        return identity.requireYoungPerson(principal).youngPersonId();
    }

    /** True when the principal is the young person {@code ownerId}. */
    static boolean isOwner(Principal principal, String ownerId) {
        return principal instanceof Principal.YoungPersonUser yp && yp.youngPersonId().equals(ownerId);
    }

    /**
     * For staff reading what a young person shared: an advocate or manager of a service serving their council.
     * Anyone else gets FORBIDDEN (and an unknown young person looks the same), and the attempt is audited.
     */
    YoungPerson requireAdvocateOf(RequestContext context, String youngPersonId, String what) {
        Principal principal = context.principal();
        Principal.Staff staff = identity.requireStaff(principal);
        Optional<YoungPerson> person = people.apply(youngPersonId);
        if (person.isPresent() && isAdvocate(staff) && identity.canSee(principal, person.get())) {
            return person.get();
        }
        audit.record(context, AuditAction.ACCESS_DENIED, what, youngPersonId,
                person.map(YoungPerson::id).orElse(null), "not an advocate of this young person");
        throw ApiException.forbidden();
    }

    /** May {@code principal} (staff) see what {@code owner} shared? */
    boolean advocateSees(Principal principal, String ownerId) {
        if (!(principal instanceof Principal.Staff staff) || !isAdvocate(staff)) {
            return false;
        }
        return people.apply(ownerId).map(person -> identity.canSee(principal, person)).orElse(false);
    }

    void denied(RequestContext context, String what, String targetId, String ownerId) {
        if (context.principal() instanceof Principal.Staff) {
            audit.record(context, AuditAction.ACCESS_DENIED, what, targetId, ownerId, "not shared with this reader");
        }
    }

    private static boolean isAdvocate(Principal.Staff staff) {
        return staff.role() == StaffRole.ADVOCATE || staff.role() == StaffRole.ADVOCACY_MANAGER;
    }
}
