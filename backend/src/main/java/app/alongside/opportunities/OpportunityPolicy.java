package app.alongside.opportunities;

import app.alongside.identity.IdentityPolicy;
import app.alongside.identity.YoungPerson;
import app.alongside.identity.YoungPersonRepository;
import app.alongside.kernel.Principal;
import app.alongside.kernel.StaffRole;
import app.alongside.organisations.Organisation;
import app.alongside.organisations.OrganisationRepository;
import app.alongside.organisations.Region;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.RequestContext;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may see or manage an opportunity, decided here and nowhere else: corporate-parent staff post and manage
 * their own organisation's, admins moderate everything and a council worker what is limited to their council,
 * young people read what is approved (or closed) and they are eligible for. Also the day those rules are decided
 * on, London's.
 */
public final class OpportunityPolicy {
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final OpportunityRepository opportunities;
    private final OrganisationRepository organisations;
    private final YoungPersonRepository people;
    private final IdentityPolicy identity;
    private final Clock clock;

    public OpportunityPolicy(OpportunityRepository opportunities, OrganisationRepository organisations,
                             YoungPersonRepository people, IdentityPolicy identity, Clock clock) {
        this.opportunities = opportunities;
        this.organisations = organisations;
        this.people = people;
        this.identity = identity;
        this.clock = clock;
    }

    LocalDate today() {
        return today(clock);
    }

    static LocalDate today(Clock clock) {
        return clock.instant().atZone(LONDON).toLocalDate();
    }

    /** Corporate-parent staff, who post. */
    Principal.Staff requirePoster(RequestContext context) {
        return identity.requireRole(context.principal(), StaffRole.CORPORATE_PARENT_STAFF);
    }

    /** Corporate-parent staff and admins, who list what was posted. */
    Principal.Staff requirePosterOrAdmin(RequestContext context) {
        return identity.requireRole(context.principal(), StaffRole.CORPORATE_PARENT_STAFF, StaffRole.ADMIN);
    }

    /** Admins and council workers, who moderate. */
    Principal.Staff requireModerator(RequestContext context) {
        return identity.requireRole(context.principal(), StaffRole.ADMIN, StaffRole.LA_WORKER);
    }

    /** The signed-in young person; forbidden to anyone else. */
    YoungPerson requireMe(RequestContext context) {
        identity.requireYoungPerson(context.principal());
        return youngPerson(context).orElseThrow(ApiException::forbidden);
    }

    Optional<YoungPerson> youngPerson(RequestContext context) {
        return context.principal() instanceof Principal.YoungPersonUser yp ? people.findById(yp.youngPersonId())
                : Optional.empty();
    }

    /** One read of the council's region, shared by every opportunity the request checks. */
    Applicant applicant(YoungPerson person) {
        Region region = person.localAuthorityId() == null ? null : organisations.findById(person.localAuthorityId())
                .map(Organisation::region).orElse(null);
        return new Applicant(person.ageOn(today()), person.legalStatus(), person.localAuthorityId(), region);
    }

    /** The poster's own: opportunity {@code id} of {@code staff}'s organisation; not found (at {@code at}) if not. */
    Opportunity ownedBy(Principal.Staff staff, String id, List<String> at) {
        return opportunities.find(id).filter(o -> o.organisationId().equals(staff.organisationId()))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                        "No opportunity of your organisation has that id.", at, Map.of()));
    }

    /** Opportunity {@code id} for {@code staff} to decide: not found (at {@code at}) if none, forbidden if not so. */
    Opportunity toModerate(Principal.Staff staff, String id, List<String> at) {
        Opportunity found = opportunities.find(id)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No opportunity has that id.", at, Map.of()));
        if (!moderates(staff, found)) {
            throw ApiException.forbidden();
        }
        return found;
    }

    /** Opportunity {@code id} as the young person {@code me} may read it; not found (at {@code at}) if they may not. */
    Opportunity visibleTo(RequestContext context, YoungPerson me, String id, List<String> at) {
        return opportunities.find(id)
                .filter(o -> mayRead(context.principal(), Optional.of(applicant(me)), o))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No opportunity has that id.", at, Map.of()));
    }

    /** Whether {@code principal} (with {@code me}, their eligibility if a young person) may read {@code o}. */
    boolean mayRead(Principal principal, Optional<Applicant> me, Opportunity o) {
        return switch (principal) {
            case Principal.YoungPersonUser yp -> me.map(person -> person.eligibleFor(o)
                    && (o.status() == Opportunity.Status.APPROVED || o.status() == Opportunity.Status.CLOSED))
                    .orElse(false);
            case Principal.Staff staff -> staff.role() == StaffRole.ADMIN
                    || (staff.role() == StaffRole.CORPORATE_PARENT_STAFF
                    && staff.organisationId().equals(o.organisationId()))
                    || (moderates(staff, o) && o.status() != Opportunity.Status.DRAFT);
            default -> false;
        };
    }

    /** Admins moderate everything; a council worker what is limited to their council alone. */
    static boolean moderates(Principal.Staff staff, Opportunity opportunity) {
        return staff.role() == StaffRole.ADMIN || (staff.role() == StaffRole.LA_WORKER
                && opportunity.eligibility().onlyCouncil(staff.organisationId()));
    }

    /** Whether the caller may see how many young people answered {@code o}: its poster's staff and admins. */
    static boolean seesInterestCount(RequestContext context, Opportunity o) {
        return context.principal() instanceof Principal.Staff staff && (staff.role() == StaffRole.ADMIN
                || staff.organisationId().equals(o.organisationId()));
    }
}
