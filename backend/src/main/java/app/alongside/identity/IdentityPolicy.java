package app.alongside.identity;

import app.alongside.kernel.Access;
import app.alongside.kernel.Principal;
import app.alongside.kernel.StaffRole;
import app.alongside.organisations.Organisation;
import app.alongside.platform.core.ApiException;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who may see young people and staff. A young person sees only themself. An LA worker sees the young people
 * of their council; advocates and advocacy managers see those of the councils their service serves (what of
 * their data, the records domain decides by what the young person shared). Admins and corporate-parent staff
 * see no young person here. Staff accounts: admins see all, managers their own service, everyone themself.
 */
public final class IdentityPolicy implements Access {
    private final Function<String, Optional<Organisation>> organisations;

    public IdentityPolicy(Function<String, Optional<Organisation>> organisations) {
        this.organisations = organisations;
    }

    /** The councils whose young people {@code principal} may see (empty: none). */
    public List<String> visibleCouncils(Principal principal) {
        if (!(principal instanceof Principal.Staff staff)) {
            return List.of();
        }
        return switch (staff.role()) {
            case LA_WORKER -> List.of(staff.organisationId());
            case ADVOCATE, ADVOCACY_MANAGER -> organisations.apply(staff.organisationId())
                    .map(Organisation::servesLocalAuthorityIds).orElse(List.of());
            case ADMIN, CORPORATE_PARENT_STAFF -> List.of();
        };
    }

    public boolean canSee(Principal principal, YoungPerson person) {
        if (principal instanceof Principal.YoungPersonUser yp) {
            return yp.youngPersonId().equals(person.id());
        }
        return visibleCouncils(principal).contains(person.localAuthorityId());
    }

    /** For listing young people: staff who may see some; anyone else is refused. */
    public List<String> requireCaseworker(Principal principal) {
        requireRole(principal, StaffRole.LA_WORKER, StaffRole.ADVOCATE, StaffRole.ADVOCACY_MANAGER);
        return visibleCouncils(principal);
    }

    public Principal.Staff requireStaff(Principal principal) {
        if (principal instanceof Principal.Staff staff) {
            return staff;
        }
        throw ApiException.unauthenticatedOrForbidden(principal);
    }

    @Override
    public Principal.Staff requireRole(Principal principal, StaffRole... roles) {
        Principal.Staff staff = requireStaff(principal);
        for (StaffRole role : roles) {
            if (staff.role() == role) {
                return staff;
            }
        }
        throw ApiException.forbidden();
    }

    @Override
    public Principal.YoungPersonUser requireYoungPerson(Principal principal) {
        if (principal instanceof Principal.YoungPersonUser yp) {
            return yp;
        }
        throw ApiException.unauthenticatedOrForbidden(principal);
    }

    public boolean canSeeStaff(Principal principal, StaffMember member) {
        if (!(principal instanceof Principal.Staff staff)) {
            return false;
        }
        return staff.staffId().equals(member.id()) || staff.role() == StaffRole.ADMIN
                || (staff.role() == StaffRole.ADVOCACY_MANAGER
                && staff.organisationId().equals(member.organisationId()));
    }

    /**
     * May {@code principal} manage (create, deactivate) staff of {@code organisationId} with {@code role}? Admins
     * any; an advocacy manager only the advocates of their own service.
     */
    public void requireStaffManager(Principal principal, String organisationId, StaffRole role) {
        Principal.Staff staff = requireStaff(principal);
        boolean admin = staff.role() == StaffRole.ADMIN;
        boolean manager = staff.role() == StaffRole.ADVOCACY_MANAGER && staff.organisationId().equals(organisationId)
                && role == StaffRole.ADVOCATE;
        if (!admin && !manager) {
            throw ApiException.forbidden();
        }
    }
}
