package app.alongside.messaging;

import app.alongside.identity.StaffMember;
import app.alongside.identity.StaffRepository;
import app.alongside.identity.YoungPerson;
import app.alongside.identity.YoungPersonRepository;
import app.alongside.kernel.OrganisationKind;
import app.alongside.kernel.Principal;
import app.alongside.kernel.StaffRole;
import app.alongside.organisations.Organisation;
import app.alongside.organisations.OrganisationRepository;
import app.alongside.platform.core.ApiException;

import java.util.List;
import java.util.Optional;

/**
 * Who may see a thread, decided here only. A young person sees their own threads. Advocates and advocacy managers
 * see the threads of their own service while it serves the young person's current council (a young person who
 * moves council leaves that service's sight). Nobody else sees any: other roles are refused outright, and a thread
 * someone may not see looks exactly like one that does not exist.
 */
public final class MessagingPolicy {
    private final YoungPersonRepository people;
    private final StaffRepository staff;
    private final OrganisationRepository organisations;

    public MessagingPolicy(YoungPersonRepository people, StaffRepository staff, OrganisationRepository organisations) {
        this.people = people;
        this.staff = staff;
        this.organisations = organisations;
    }

    /** The caller as someone who takes part in threads: a young person or advocacy staff; anyone else is refused. */
    public Principal requireParticipant(Principal principal) {
        if (principal instanceof Principal.YoungPersonUser) {
            return principal;
        }
        return requireAdvocacyStaff(principal);
    }

    public Principal.Staff requireAdvocacyStaff(Principal principal) {
        if (principal instanceof Principal.Staff s
                && (s.role() == StaffRole.ADVOCATE || s.role() == StaffRole.ADVOCACY_MANAGER)) {
            return s;
        }
        throw ApiException.unauthenticatedOrForbidden(principal);
    }

    public Principal.Staff requireManager(Principal principal) {
        if (principal instanceof Principal.Staff s && s.role() == StaffRole.ADVOCACY_MANAGER) {
            return s;
        }
        throw ApiException.unauthenticatedOrForbidden(principal);
    }

    /** With the session's view of the caller: for requests, whose credentials were just checked. */
    public boolean canSee(Principal principal, MessageThread thread) {
        return switch (principal) {
            case Principal.YoungPersonUser yp -> yp.youngPersonId().equals(thread.youngPersonId());
            case Principal.Staff s -> (s.role() == StaffRole.ADVOCATE || s.role() == StaffRole.ADVOCACY_MANAGER)
                    && s.organisationId().equals(thread.serviceId())
                    && serves(thread.serviceId(), thread.youngPersonId());
            default -> false;
        };
    }

    /**
     * With the caller's stored account as it is now: for live events, which outlast the check made when the
     * subscription started (a deactivated or moved advocate must stop receiving).
     */
    public boolean canStillSee(Principal principal, MessageThread thread) {
        if (principal instanceof Principal.Staff s && !stillInService(s, thread.serviceId())) {
            return false;
        }
        return canSee(principal, thread);
    }

    /** True while the staff member's account is active, in {@code serviceId}, with an advocacy role. */
    public boolean stillInService(Principal.Staff s, String serviceId) {
        Optional<StaffMember> member = staff.findById(s.staffId());
        return member.filter(StaffMember::active).filter(m -> m.organisationId().equals(serviceId))
                .filter(m -> m.role() == StaffRole.ADVOCATE || m.role() == StaffRole.ADVOCACY_MANAGER).isPresent();
    }

    /** Does the service serve the young person's current council? */
    public boolean serves(String serviceId, String youngPersonId) {
        Optional<String> council = people.findById(youngPersonId).map(YoungPerson::localAuthorityId);
        return council.isPresent() && servedCouncils(serviceId).contains(council.get());
    }

    public List<String> servedCouncils(String serviceId) {
        return organisations.findById(serviceId).filter(o -> o.kind() == OrganisationKind.ADVOCACY_SERVICE)
                .filter(Organisation::active).map(Organisation::servesLocalAuthorityIds).orElse(List.of());
    }

    public boolean isAdvocacyService(String organisationId) {
        return organisations.findById(organisationId).filter(o -> o.kind() == OrganisationKind.ADVOCACY_SERVICE)
                .isPresent();
    }

    /** The principal keys of the service's active managers (none for no service). */
    public List<String> managerKeys(String serviceId) {
        if (serviceId == null) {
            return List.of();
        }
        return staff.activeOf(serviceId).stream().filter(m -> m.role() == StaffRole.ADVOCACY_MANAGER)
                .map(m -> "staff:" + m.id()).toList();
    }

    /** An active advocate or manager of {@code serviceId}. */
    public Optional<StaffMember> advocateOf(String serviceId, String staffId) {
        return staff.findById(staffId).filter(StaffMember::active).filter(m -> m.organisationId().equals(serviceId))
                .filter(m -> m.role() == StaffRole.ADVOCATE || m.role() == StaffRole.ADVOCACY_MANAGER);
    }
}
