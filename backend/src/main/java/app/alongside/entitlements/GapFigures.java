package app.alongside.entitlements;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditLog;
import app.alongside.entitlements.Gaps.Audience;
import app.alongside.entitlements.Gaps.Gap;
import app.alongside.entitlements.Gaps.Kind;
import app.alongside.identity.IdentityPolicy;
import app.alongside.identity.YoungPerson;
import app.alongside.identity.YoungPersonRepository;
import app.alongside.kernel.Principal;
import app.alongside.kernel.StaffRole;
import app.alongside.organisations.Organisation;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.RequestContext;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Gap counts over a council's active young people (app users aged 16 to 25), worked out when asked, with every
 * count under 5 (0 too) suppressed so no one can be picked out; and the gaps young people chose to share with
 * their council. Also the daily sweep that notices gaps that open with time (a review falling due, a birthday
 * coming) for every young person, so their alert is sent without them opening the app.
 */
final class GapFigures {
    static final int SUPPRESS_BELOW = 5;

    /** The schema's {@code GapCount}. */
    record GapCount(Kind kind, Integer count, boolean suppressed, String display) {
        static GapCount of(Kind kind, int count) {
            boolean suppressed = count < SUPPRESS_BELOW;
            return new GapCount(kind, suppressed ? null : count, suppressed, suppressed ? "fewer than 5"
                    : String.valueOf(count));
        }
    }

    /** The schema's {@code SharedGap}. */
    record SharedGap(YoungPerson youngPerson, Gap gap) {
    }

    /** The schema's {@code EntitlementGapFigures}. */
    record Figures(String councilId, Instant asOf, GapCount youngPeople, List<GapCount> gaps,
                   List<SharedGap> shared) {
    }

    private final ClaimsService claims;
    private final Situations situations;
    private final GapRepository gapStore;
    private final YoungPersonRepository people;
    private final IdentityPolicy identity;
    private final AuditLog audit;
    private final Clock clock;
    private final LocalOffers offers;

    GapFigures(ClaimsService claims, Situations situations, GapRepository gapStore, YoungPersonRepository people,
               IdentityPolicy identity, LocalOffers offers, AuditLog audit, Clock clock) {
        this.claims = claims;
        this.situations = situations;
        this.gapStore = gapStore;
        this.people = people;
        this.identity = identity;
        this.offers = offers;
        this.audit = audit;
        this.clock = clock;
    }

    Figures figures(RequestContext context, String councilGlobalId) {
        Principal.Staff staff = identity.requireRole(context.principal(), StaffRole.LA_WORKER, StaffRole.ADMIN);
        String councilId = councilGlobalId == null ? null
                : Input.decodeOrNotFound(councilGlobalId, Organisation.TYPE, List.of("councilId"));
        if (staff.role() == StaffRole.ADMIN && councilId == null) {
            throw ApiException.badInput(List.of("councilId"), "Required for an admin.");
        }
        if (staff.role() == StaffRole.LA_WORKER && councilId != null && !councilId.equals(staff.organisationId())) {
            audit.record(context, AuditAction.ACCESS_DENIED, "EntitlementGapFigures", councilId, null,
                    "another council's figures");
            throw ApiException.forbidden();
        }
        String council = councilId == null ? staff.organisationId() : councilId;
        offers.requireCouncil(council, List.of("councilId"));
        LocalDate today = offers.today();
        List<String> ids = active(List.of(council), today);
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        for (YoungPerson person : people.findByIds(ids).values()) {
            claims.gapsOf(situations.of(person, today)).forEach(g -> counts.merge(g.kind(), 1, Integer::sum));
        }
        List<SharedGap> shared = new ArrayList<>();
        for (YoungPerson person : people.findByIds(gapStore.sharingWithCouncil(council)).values()) {
            if (person.localAuthorityId().equals(council)) {
                claims.gapsOf(situations.of(person, today)).stream()
                        .filter(g -> g.sharedWith().contains(Audience.COUNCIL))
                        .forEach(g -> shared.add(new SharedGap(person, g)));
            }
        }
        audit.record(context, AuditAction.READ, "EntitlementGapFigures", council, null, "gap figures");
        audit.recordReads(context, "SharedGap", shared.stream().map(s -> s.youngPerson().id()).distinct().toList(),
                "a gap shared with the council");
        return new Figures(council, clock.instant(), GapCount.of(null, ids.size()), java.util.Arrays
                .stream(Kind.values()).map(k -> GapCount.of(k, counts.getOrDefault(k, 0))).toList(), shared);
    }

    /** One round of the daily sweep: checks every active young person; answers how many it checked. */
    int sweep() {
        LocalDate today = offers.today();
        int checked = 0;
        for (YoungPerson person : people.findByIds(active(List.of(), today)).values()) {
            claims.check(person);
            checked++;
        }
        return checked;
    }

    private List<String> active(List<String> councils, LocalDate today) {
        return people.appUsersWhere(councils, List.of(), today.minusYears(26).plusDays(1), today.minusYears(16));
    }
}
