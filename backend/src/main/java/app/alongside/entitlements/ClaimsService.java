package app.alongside.entitlements;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditLog;
import app.alongside.entitlements.Applicability.Applicable;
import app.alongside.entitlements.EntitlementClaim.State;
import app.alongside.entitlements.Gaps.Audience;
import app.alongside.entitlements.Gaps.Gap;
import app.alongside.entitlements.Gaps.Kind;
import app.alongside.identity.IdentityPolicy;
import app.alongside.identity.YoungPerson;
import app.alongside.kernel.Principal;
import app.alongside.kernel.StaffRole;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.Ids;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.RequestContext;
import app.alongside.records.Visibility;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a young person is owed and what came: their applicable entitlements, their claims (theirs, private
 * unless they share them with their advocate), their gap alerts and whom they share each with. An advocate or
 * manager of a service serving the young person's council sees and may update only what was shared with them.
 */
final class ClaimsService {
    /** The schema's {@code MyEntitlements}. */
    record MyEntitlements(List<Applicable> entitlements, List<Gap> gaps) {
    }

    /** The schema's {@code SharedEntitlements}. */
    record Shared(YoungPerson youngPerson, List<EntitlementClaim> claims, List<Gap> gaps) {
    }

    /** The schema's {@code TrackEntitlementPayload}. */
    record Tracked(EntitlementClaim claim, List<Gap> gaps) {
    }

    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

    private final LocalOffers offers;
    private final ClaimRepository claims;
    private final GapRepository gapStore;
    private final Gaps gaps;
    private final Situations situations;
    private final IdentityPolicy identity;
    private final Function<String, Optional<YoungPerson>> people;
    private final AuditLog audit;
    private final Clock clock;

    ClaimsService(LocalOffers offers, ClaimRepository claims, GapRepository gapStore, Situations situations,
                  IdentityPolicy identity, Function<String, Optional<YoungPerson>> people, AuditLog audit,
                  Clock clock) {
        this.offers = offers;
        this.claims = claims;
        this.gapStore = gapStore;
        this.gaps = new Gaps(offers.catalogue());
        this.situations = situations;
        this.identity = identity;
        this.people = people;
        this.audit = audit;
        this.clock = clock;
    }

    MyEntitlements mine(RequestContext context) {
        YoungPerson person = self(context.principal());
        Situation situation = situations.of(person, offers.today());
        List<Applicable> applicable = Stream.concat(offers.national().stream(),
                        offers.local(person.localAuthorityId()).stream())
                .flatMap(e -> Applicability.of(e, situation).stream()).toList();
        return new MyEntitlements(applicable, gapsOf(situation));
    }

    /** The young person's open gaps now, each with whom they shared it. */
    List<Gap> gapsOf(Situation situation) {
        Map<Kind, List<Audience>> shares = gapStore.shares(situation.person().id());
        return gaps.of(situation).stream().map(g -> g.sharedWith(shares.getOrDefault(g.kind(), List.of())))
                .toList();
    }

    /** Works out the young person's gaps and records them; a gap that opened gets its alert. */
    List<Gap> check(YoungPerson person) {
        List<Gap> open = gapsOf(situations.of(person, offers.today()));
        gapStore.observe(person.id(), person.localAuthorityId(), open.stream().map(Gap::kind)
                .collect(Collectors.toSet()), clock.instant());
        return open;
    }

    Tracked track(RequestContext context, Input input) {
        Principal principal = context.principal();
        boolean advocate = principal instanceof Principal.Staff;
        YoungPerson person = advocate ? advocateOf(context, input.id("youngPersonId", YoungPerson.TYPE))
                : self(principal);
        Entitlement entitlement = offers.byId(input.id("entitlementId", Entitlement.TYPE))
                .filter(e -> e.scope() == Entitlement.Scope.NATIONAL || e.councilId().equals(person
                        .localAuthorityId()))
                .orElseThrow(ApiException::notFound);
        Optional<EntitlementClaim> existing = claims.find(person.id(), entitlement.key());
        if (advocate && existing.filter(c -> c.visibility() == Visibility.SHARED_WITH_ADVOCATE).isEmpty()) {
            audit.record(context, AuditAction.ACCESS_DENIED, EntitlementClaim.TYPE, null, person.id(),
                    "claim not shared with the advocate");
            throw ApiException.forbidden();
        }
        EntitlementClaim next = read(input, entitlement, person.id(), existing, advocate);
        EntitlementClaim saved = existing.isEmpty()
                ? claims.insert(next).orElseThrow(() -> LocalOffers.stale(1))
                : save(existing.get(), next, advocate);
        if (advocate) {
            audit.record(context, AuditAction.UPDATE, EntitlementClaim.TYPE, saved.id(), person.id(),
                    "an advocate updated a shared claim");
        }
        return new Tracked(saved, check(person));
    }

    private EntitlementClaim save(EntitlementClaim current, EntitlementClaim next, boolean advocate) {
        if (!claims.update(current, next, advocate ? "ADVOCATE" : "YOUNG_PERSON")) {
            throw LocalOffers.stale(claims.find(current.ownerId(), current.entitlementKey()).orElseThrow()
                    .version());
        }
        return claims.find(current.ownerId(), current.entitlementKey()).orElseThrow();
    }

    private EntitlementClaim read(Input input, Entitlement entitlement, String ownerId,
                                  Optional<EntitlementClaim> existing, boolean advocate) {
        State state = input.requiredEnum("state", State.class);
        LocalDate on = input.optionalDate("on").orElseThrow(() -> ApiException.badInput(input.at("on"),
                "Required."));
        if (on.isAfter(offers.today()) || on.isBefore(EARLIEST)) {
            throw ApiException.badInput(input.at("on"), "Must be a date from 2000 up to today.");
        }
        Integer amount = input.optionalInt("amountPence", 0, LocalEntitlementInput.MAX_PENCE).orElse(null);
        if (state == State.RECEIVED && entitlement.amountPence() != null && amount == null) {
            throw ApiException.badInput(input.at("amountPence"), "Say how much you got, in pence.");
        }
        String note = input.optionalText("note", 1000).orElse(null);
        Optional<Visibility> visibility = input.optionalEnum("visibility", Visibility.class);
        if (advocate && visibility.isPresent()) {
            throw ApiException.badInput(input.at("visibility"), "Only the young person may change who sees it.");
        }
        Optional<Integer> expected = input.optionalInt("expectedVersion", 1, Integer.MAX_VALUE);
        if (existing.isPresent() && expected.filter(v -> v == existing.get().version()).isEmpty()) {
            throw LocalOffers.stale(existing.get().version());
        }
        return new EntitlementClaim(existing.map(EntitlementClaim::id).orElseGet(Ids::random), ownerId,
                entitlement.key(), state, amount, on, note, visibility.orElse(existing
                .map(EntitlementClaim::visibility).orElse(Visibility.PRIVATE)), 1, clock.instant(), List.of());
    }

    Gap share(RequestContext context, Input input) {
        YoungPerson person = self(context.principal());
        Kind kind = input.requiredEnum("kind", Kind.class);
        @SuppressWarnings("unchecked")
        List<String> raw = (List<String>) input.raw("with");
        List<Audience> with = raw == null ? List.of() : raw.stream().distinct().map(Audience::valueOf).toList();
        Situation situation = situations.of(person, offers.today());
        if (gaps.of(situation).stream().noneMatch(g -> g.kind() == kind)) {
            throw ApiException.badInput(input.at("kind"), "You do not have this gap now.");
        }
        gapStore.share(person.id(), person.localAuthorityId(), kind, with, clock.instant());
        return gapsOf(situation).stream().filter(g -> g.kind() == kind).findFirst().orElseThrow();
    }

    Shared shared(RequestContext context, String youngPersonGlobalId) {
        String id = Input.decodeOrNotFound(youngPersonGlobalId, YoungPerson.TYPE, List.of("youngPersonId"));
        YoungPerson person = advocateOf(context, id);
        List<EntitlementClaim> sharedClaims = claims.ofOwner(person.id()).stream()
                .filter(c -> c.visibility() == Visibility.SHARED_WITH_ADVOCATE).toList();
        List<Gap> sharedGaps = gapsOf(situations.of(person, offers.today())).stream()
                .filter(g -> g.sharedWith().contains(Audience.ADVOCATE)).toList();
        List<String> read = new ArrayList<>(sharedClaims.stream().map(EntitlementClaim::id).toList());
        sharedGaps.forEach(g -> read.add(g.kind().name()));
        audit.recordReadsOf(context, "SharedEntitlements", person.id(), read.isEmpty() ? List.of(person.id()) : read,
                "shared entitlements");
        return new Shared(person, sharedClaims, sharedGaps);
    }

    /** The claims among {@code ids} the caller may see: their own, or, for an advocate, those shared with them. */
    Map<String, Object> load(RequestContext context, List<String> ids) {
        Principal principal = context.principal();
        Map<String, Object> visible = new java.util.HashMap<>();
        for (EntitlementClaim claim : claims.findByIds(ids)) {
            boolean own = principal instanceof Principal.YoungPersonUser yp && yp.youngPersonId()
                    .equals(claim.ownerId());
            boolean shared = claim.visibility() == Visibility.SHARED_WITH_ADVOCATE && serves(principal,
                    claim.ownerId());
            if (own || shared) {
                visible.put(claim.id(), claim);
            }
        }
        return visible;
    }

    private boolean serves(Principal principal, String ownerId) {
        boolean advocate = principal instanceof Principal.Staff staff && (staff.role() == StaffRole.ADVOCATE
                || staff.role() == StaffRole.ADVOCACY_MANAGER);
        return advocate && people.apply(ownerId).map(p -> identity.canSee(principal, p)).orElse(false);
    }

    private YoungPerson self(Principal principal) {
        String id = identity.requireYoungPerson(principal).youngPersonId();
        return people.apply(id).orElseThrow(ApiException::unauthenticated);
    }

    /** An advocate or manager of a service serving the young person's council; FORBIDDEN (audited) otherwise. */
    private YoungPerson advocateOf(RequestContext context, String youngPersonId) {
        Principal.Staff staff = identity.requireStaff(context.principal());
        Optional<YoungPerson> person = people.apply(youngPersonId);
        if (person.isPresent() && serves(staff, youngPersonId)) {
            return person.get();
        }
        audit.record(context, AuditAction.ACCESS_DENIED, "SharedEntitlements", youngPersonId,
                person.map(YoungPerson::id).orElse(null), "not an advocate of this young person");
        throw ApiException.forbidden();
    }
}
