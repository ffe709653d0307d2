package app.alongside.organisations;

import app.alongside.kernel.OrganisationKind;
import app.alongside.kernel.Principal;
import app.alongside.kernel.StaffRole;
import app.alongside.platform.core.ApiException;

/**
 * Who may see and change organisations. Admins manage them all. Council names are public, so any signed-in
 * user may read councils; otherwise staff see their own organisation and a young person their own council.
 */
public final class OrganisationPolicy {
    public void requireAdmin(Principal principal) {
        switch (principal) {
            case Principal.Staff staff when staff.role() == StaffRole.ADMIN -> { }
            case Principal.Staff staff -> throw ApiException.forbidden();
            default -> throw ApiException.unauthenticatedOrForbidden(principal);
        }
    }

    /** May {@code principal} list organisations of {@code kind} (null: all kinds)? */
    public void requireList(Principal principal, OrganisationKind kind) {
        if (kind == OrganisationKind.LOCAL_AUTHORITY && principal instanceof Principal.Staff) {
            return;
        }
        requireAdmin(principal);
    }

    public boolean canSee(Principal principal, Organisation org, String ownCouncilId) {
        return switch (principal) {
            case Principal.Staff staff -> staff.role() == StaffRole.ADMIN
                    || staff.organisationId().equals(org.id())
                    || org.kind() == OrganisationKind.LOCAL_AUTHORITY;
            case Principal.YoungPersonUser yp -> org.id().equals(ownCouncilId);
            default -> false;
        };
    }
}
