package app.alongside.opportunities;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditLog;
import app.alongside.identity.IdentityPolicy;
import app.alongside.kernel.Principal;
import app.alongside.kernel.StaffRole;
import app.alongside.identity.YoungPerson;
import app.alongside.identity.YoungPersonRepository;
import app.alongside.organisations.Organisation;
import app.alongside.organisations.OrganisationRepository;
import app.alongside.organisations.Region;
import app.alongside.platform.ApiException;
import app.alongside.platform.Connections;
import app.alongside.platform.ErrorCode;
import app.alongside.platform.Idempotency;
import app.alongside.platform.Input;
import app.alongside.platform.RequestContext;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Opportunities through their life: posted by corporate-parent staff, moderated by admins (or a council for its
 * own area), found by eligible young people, answered with interest that shares only what the young person
 * chose. Who sees what is decided here, in one place.
 */
public final class OpportunitiesService {
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final int SUPPRESS_UNDER = 5;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s.]{2,}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()-]{7,20}");

    /** The schema's {@code SuppressedCount}. */
    public record SuppressedCount(Integer value, String display) {
        static SuppressedCount of(long count) {
            return count < SUPPRESS_UNDER ? new SuppressedCount(null, "fewer than " + SUPPRESS_UNDER)
                    : new SuppressedCount((int) count, String.valueOf(count));
        }
    }

    private final OpportunityRepository opportunities;
    private final InterestRepository interests;
    private final OrganisationRepository organisations;
    private final YoungPersonRepository people;
    private final IdentityPolicy identity;
    private final AuditLog audit;
    private final Idempotency idempotency;
    private final Clock clock;

    public OpportunitiesService(OpportunityRepository opportunities, InterestRepository interests,
                                OrganisationRepository organisations, YoungPersonRepository people,
                                IdentityPolicy identity, AuditLog audit, Idempotency idempotency, Clock clock) {
        this.opportunities = opportunities;
        this.interests = interests;
        this.organisations = organisations;
        this.people = people;
        this.identity = identity;
        this.audit = audit;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    LocalDate today() {
        return today(clock);
    }

    static LocalDate today(Clock clock) {
        return clock.instant().atZone(LONDON).toLocalDate();
    }

    // ---- posting and moderation

    Opportunity create(RequestContext context, Input input) {
        Principal.Staff staff = identity.requireRole(context.principal(), StaffRole.CORPORATE_PARENT_STAFF);
        Opportunity draft = parse(input).apply(null, "pending", staff.organisationId(), clock.instant());
        Idempotency.Claim claim = idempotency.claim("createOpportunity", context.principal().key(),
                input.clientMutationId(), input.fingerprint());
        Optional<Opportunity> first = claim.fresh() ? Optional.empty() : opportunities.find(claim.id());
        if (first.isPresent()) {
            return first.get();
        }
        Opportunity created = withStatus(draft, claim.id(), Opportunity.Status.DRAFT, null, draft.approvedAt());
        opportunities.insert(created);
        audit.record(context, AuditAction.CREATE, Opportunity.TYPE, created.id(), null, created.kind().name());
        return created;
    }

    Opportunity update(RequestContext context, Input input) {
        Opportunity current = ownForPoster(context, input, "id");
        int version = input.optionalInt("version", 1, Integer.MAX_VALUE).orElseThrow();
        if (version != current.version()) {
            throw new ApiException(ErrorCode.CONFLICT, "It changed since you last saw it (now version "
                    + current.version() + "); reload and try again.", input.at("version"), Map.of());
        }
        if (current.status() == Opportunity.Status.CLOSED || current.status() == Opportunity.Status.WITHDRAWN) {
            throw conflict(input, "A closed or withdrawn opportunity cannot change.");
        }
        Opportunity changed = parse(input).apply(current, current.id(), current.organisationId(), clock.instant());
        Opportunity.Status status = current.status() == Opportunity.Status.APPROVED ? Opportunity.Status.SUBMITTED
                : current.status();
        Opportunity updated = withStatus(changed, changed.id(), status, current.rejectionReason(),
                status == Opportunity.Status.APPROVED ? current.approvedAt() : null);
        written(opportunities.replace(updated, current.version()), input);
        audit.record(context, AuditAction.UPDATE, Opportunity.TYPE, current.id(), null,
                status != current.status() ? "changed; back to review" : "changed");
        return updated;
    }

    Opportunity submit(RequestContext context, Input input) {
        Opportunity current = ownForPoster(context, input, "id");
        return transition(context, input, current, List.of(Opportunity.Status.DRAFT, Opportunity.Status.REJECTED),
                Opportunity.Status.SUBMITTED, null, "submitted for review");
    }

    Opportunity close(RequestContext context, Input input) {
        Opportunity current = ownForPoster(context, input, "id");
        return transition(context, input, current, List.of(Opportunity.Status.DRAFT, Opportunity.Status.SUBMITTED,
                Opportunity.Status.APPROVED, Opportunity.Status.REJECTED), Opportunity.Status.CLOSED, null, "closed");
    }

    Opportunity withdraw(RequestContext context, Input input) {
        Opportunity current = ownForPoster(context, input, "id");
        return transition(context, input, current, List.of(Opportunity.Status.DRAFT, Opportunity.Status.SUBMITTED,
                Opportunity.Status.APPROVED, Opportunity.Status.REJECTED, Opportunity.Status.CLOSED),
                Opportunity.Status.WITHDRAWN, null, "withdrawn");
    }

    Opportunity approve(RequestContext context, Input input) {
        Opportunity current = forModerator(context, input);
        if (current.closingDate().isBefore(today())) {
            throw conflict(input, "Its closing date has passed; the poster must change it first.");
        }
        return transition(context, input, current, List.of(Opportunity.Status.SUBMITTED), Opportunity.Status.APPROVED,
                null, "approved");
    }

    Opportunity reject(RequestContext context, Input input) {
        Opportunity current = forModerator(context, input);
        String reason = input.text("reason", 1, 1000);
        return transition(context, input, current, List.of(Opportunity.Status.SUBMITTED), Opportunity.Status.REJECTED,
                reason, "rejected");
    }

    private Opportunity transition(RequestContext context, Input input, Opportunity current,
                                   List<Opportunity.Status> from, Opportunity.Status to, String reason, String detail) {
        if (current.status() == to) {
            return current;
        }
        if (!from.contains(current.status())) {
            throw conflict(input, "It is " + current.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + ": it cannot be " + detail + ".");
        }
        Instant now = clock.instant();
        boolean approving = to == Opportunity.Status.APPROVED;
        Opportunity next = withStatus(new Opportunity(current.id(), current.organisationId(), current.title(),
                        current.description(), current.format(), current.missions(), current.kind(),
                        current.eligibility(), current.town(), current.postcodeDistrict(), current.closingDate(),
                        current.places(), current.howToApply(), current.contact(), current.status(), reason,
                        current.version() + 1, current.createdAt(), now, current.approvedAt()),
                current.id(), to, reason, approving ? now : current.approvedAt());
        // Every approval names the same need: an edited post approved again is not news, and its notifications,
        // already there under the same ids, are not added or sent a second time.
        written(approving ? opportunities.replaceApproved(next, current.version(), now)
                : opportunities.replace(next, current.version()), input);
        audit.record(context, AuditAction.UPDATE, Opportunity.TYPE, current.id(), null, detail);
        return next;
    }

    private static void written(boolean replaced, Input input) {
        if (!replaced) {
            throw conflict(input, "It changed at the same moment; reload and try again.");
        }
    }

    private static Opportunity withStatus(Opportunity o, String id, Opportunity.Status status, String reason,
                                          Instant approvedAt) {
        return new Opportunity(id, o.organisationId(), o.title(), o.description(), o.format(), o.missions(), o.kind(),
                o.eligibility(), o.town(), o.postcodeDistrict(), o.closingDate(), o.places(), o.howToApply(),
                o.contact(), status, status == Opportunity.Status.REJECTED ? reason : null, o.version(),
                o.createdAt(), o.updatedAt(), approvedAt);
    }

    /** Closes approved opportunities whose closing date has passed; returns how many. */
    public int closeExpired() {
        int closed = 0;
        for (Opportunity o : opportunities.pastClosing(today(), 500)) {
            Opportunity next = withStatus(o, o.id(), Opportunity.Status.CLOSED, null, o.approvedAt());
            next = new Opportunity(next.id(), next.organisationId(), next.title(), next.description(), next.format(),
                    next.missions(), next.kind(), next.eligibility(), next.town(), next.postcodeDistrict(),
                    next.closingDate(), next.places(), next.howToApply(), next.contact(), next.status(), null,
                    o.version() + 1, o.createdAt(), clock.instant(), o.approvedAt());
            if (opportunities.replace(next, o.version())) {
                closed++;
            }
        }
        return closed;
    }

    private OpportunityInput parse(Input input) {
        return new OpportunityInput(input, today(), organisations::findByIds);
    }

    private Opportunity ownForPoster(RequestContext context, Input input, String field) {
        Principal.Staff staff = identity.requireRole(context.principal(), StaffRole.CORPORATE_PARENT_STAFF);
        return opportunities.find(input.id(field, Opportunity.TYPE))
                .filter(o -> o.organisationId().equals(staff.organisationId()))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                        "No opportunity of your organisation has that id.", input.at(field), Map.of()));
    }

    private Opportunity forModerator(RequestContext context, Input input) {
        Principal.Staff staff = identity.requireRole(context.principal(), StaffRole.ADMIN, StaffRole.LA_WORKER);
        Opportunity found = opportunities.find(input.id("id", Opportunity.TYPE))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No opportunity has that id.",
                        input.at("id"), Map.of()));
        if (!moderates(staff, found)) {
            throw ApiException.forbidden();
        }
        return found;
    }

    /** Admins moderate everything; a council worker what is limited to their council alone. */
    static boolean moderates(Principal.Staff staff, Opportunity opportunity) {
        return staff.role() == StaffRole.ADMIN || (staff.role() == StaffRole.LA_WORKER
                && opportunity.eligibility().onlyCouncil(staff.organisationId()));
    }

    private static ApiException conflict(Input input, String message) {
        return new ApiException(ErrorCode.CONFLICT, message, input.at("id"), Map.of());
    }

    // ---- reading

    /** Opportunities by id, as the caller may see them; anything else is left out (null for node). */
    Map<String, Object> load(RequestContext context, List<String> ids) {
        Map<String, Object> visible = new LinkedHashMap<>();
        Optional<Applicant> me = youngPerson(context).map(this::applicant);
        opportunities.findByIds(ids).forEach((id, o) -> {
            if (mayRead(context.principal(), me, o)) {
                visible.put(id, o);
            }
        });
        return visible;
    }

    private boolean mayRead(Principal principal, Optional<Applicant> me, Opportunity o) {
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

    /** One read of the council's region, shared by every opportunity the request checks. */
    Applicant applicant(YoungPerson person) {
        Region region = person.localAuthorityId() == null ? null : organisations.findById(person.localAuthorityId())
                .map(Organisation::region).orElse(null);
        return new Applicant(person.ageOn(today()), person.legalStatus(), person.localAuthorityId(), region);
    }

    private Optional<YoungPerson> youngPerson(RequestContext context) {
        return context.principal() instanceof Principal.YoungPersonUser yp ? people.findById(yp.youngPersonId())
                : Optional.empty();
    }

    /**
     * What a young person is eligible for, approved and open, matching the filter: one query through the
     * {@code (status, closingDate)} or {@code (status, approvedAt)} index, eligibility and the filter applied by the
     * store to those candidates.
     */
    Connections.Connection<Opportunity> search(RequestContext context, Input filter, boolean newest,
                                               Connections.Page page) {
        identity.requireYoungPerson(context.principal());
        Applicant me = youngPerson(context).map(this::applicant).orElseThrow(ApiException::forbidden);
        List<Opportunity> found = opportunities.openFor(me, filter(filter), today(), newest, page.after(),
                page.first() + 1);
        return Connections.page(found, page, page.after().isPresent(), o -> newest
                ? o.approvedAt().toEpochMilli() + "|" + o.id() : o.closingDate() + "|" + o.id());
    }

    private static OpportunityRepository.SearchFilter filter(Input filter) {
        Optional<app.alongside.records.Mission> mission = filter.optionalEnum("mission",
                app.alongside.records.Mission.class);
        Optional<Opportunity.Kind> kind = filter.optionalEnum("kind", Opportunity.Kind.class);
        Optional<String> text = filter.optionalText("text", 100);
        Optional<String> area = filter.optionalText("area", 80);
        Optional<LocalDate> closingAfter = filter.optionalDate("closingAfter");
        return new OpportunityRepository.SearchFilter(mission, kind, text, area, closingAfter);
    }

    /** Staff of a corporate parent: their organisation's; admins: anyone's. Newest first. */
    Connections.Connection<Opportunity> posted(RequestContext context, Optional<Opportunity.Status> status,
                                               Optional<String> organisationId, Connections.Page page) {
        Principal.Staff staff = identity.requireRole(context.principal(), StaffRole.CORPORATE_PARENT_STAFF,
                StaffRole.ADMIN);
        Optional<String> of = staff.role() == StaffRole.CORPORATE_PARENT_STAFF ? Optional.of(staff.organisationId())
                : organisationId;
        List<Opportunity> found = opportunities.posted(of, status, page.after(), page.first() + 1);
        return Connections.page(found, page, page.after().isPresent(),
                o -> Connections.newestKey(o.createdAt(), o.id()));
    }

    /** Submitted opportunities this moderator may decide, oldest first. */
    Connections.Connection<Opportunity> moderationQueue(RequestContext context, Connections.Page page) {
        Principal.Staff staff = identity.requireRole(context.principal(), StaffRole.ADMIN, StaffRole.LA_WORKER);
        Optional<String> onlyCouncil = staff.role() == StaffRole.LA_WORKER ? Optional.of(staff.organisationId())
                : Optional.empty();
        List<Opportunity> found = opportunities.submitted(onlyCouncil, page.after(), page.first() + 1);
        return Connections.page(found, page, page.after().isPresent(),
                o -> Connections.newestKey(o.createdAt(), o.id()));
    }

    /** Whether the caller may see how many young people answered {@code o}: its poster's staff and admins. */
    static boolean seesInterestCount(RequestContext context, Opportunity o) {
        return context.principal() instanceof Principal.Staff staff && (staff.role() == StaffRole.ADMIN
                || staff.organisationId().equals(o.organisationId()));
    }

    /** Suppressed interest counts of a page of opportunities the caller may count (see above). */
    Map<String, SuppressedCount> interestCounts(List<String> opportunityIds) {
        Map<String, Long> counts = interests.activeCounts(opportunityIds);
        Map<String, SuppressedCount> shown = new LinkedHashMap<>();
        opportunityIds.forEach(id -> shown.put(id, SuppressedCount.of(counts.getOrDefault(id, 0L))));
        return shown;
    }

    // ---- saving and interest

    Opportunity save(RequestContext context, Input input, boolean save) {
        YoungPerson me = requireMe(context);
        Opportunity o = visibleToMe(context, me, input, "opportunityId");
        if (!save) {
            interests.unsave(me.id(), o.id());
            return o;
        }
        Instant remindAt = o.closingDate().minusDays(2).atTime(9, 0).atZone(LONDON).toInstant();
        interests.save(me.id(), o, clock.instant(), remindAt.isAfter(clock.instant()) ? remindAt : null);
        return o;
    }

    /** Which of a page of opportunities the signed-in young person saved; none for anyone else. */
    Set<String> savedAmong(RequestContext context, List<String> opportunityIds) {
        return context.principal() instanceof Principal.YoungPersonUser yp
                ? interests.savedAmong(yp.youngPersonId(), opportunityIds) : Set.of();
    }

    List<Opportunity> savedList(RequestContext context) {
        YoungPerson me = requireMe(context);
        List<String> ids = interests.savedIds(me.id());
        Map<String, Object> visible = load(context, ids);
        return ids.stream().map(visible::get).filter(o -> o != null).map(Opportunity.class::cast).toList();
    }

    Interest expressInterest(RequestContext context, Input input) {
        YoungPerson me = requireMe(context);
        Opportunity o = visibleToMe(context, me, input, "opportunityId");
        if (!o.openOn(today())) {
            throw new ApiException(ErrorCode.CONFLICT, "This opportunity has closed.", input.at("opportunityId"),
                    Map.of());
        }
        @SuppressWarnings("unchecked")
        List<Interest.SharedField> share = ((List<String>) input.raw("share")).stream()
                .map(Interest.SharedField::valueOf).distinct().toList();
        String email = contact(input, "email", share.contains(Interest.SharedField.EMAIL), EMAIL, 254);
        String phone = contact(input, "phone", share.contains(Interest.SharedField.PHONE), PHONE, 20);
        String message = input.optionalText("message", 1000).orElse(null);
        Interest interest = interests.upsert(new Interest(app.alongside.platform.Ids.random(), o.id(), me.id(), share,
                share.contains(Interest.SharedField.FIRST_NAME)
                        ? Optional.ofNullable(me.preferredName()).orElse(me.firstName()) : null,
                email, phone, share.contains(Interest.SharedField.AGE_BAND) ? ageBand(me.ageOn(today())) : null,
                share.contains(Interest.SharedField.COUNCIL) ? organisations.findById(me.localAuthorityId())
                        .map(Organisation::name).orElse(null) : null, message, false, clock.instant()));
        audit.record(context, AuditAction.CREATE, Interest.TYPE, interest.id(), me.id(),
                "shared " + share.stream().map(Enum::name).toList() + " with the poster");
        return interest;
    }

    Interest withdrawInterest(RequestContext context, Input input) {
        YoungPerson me = requireMe(context);
        Interest interest = interests.find(input.id("interestId", Interest.TYPE))
                .filter(i -> i.youngPersonId().equals(me.id()))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No interest of yours has that id.",
                        input.at("interestId"), Map.of()));
        interests.withdraw(interest.id());
        audit.record(context, AuditAction.UPDATE, Interest.TYPE, interest.id(), me.id(), "withdrawn");
        return new Interest(interest.id(), interest.opportunityId(), interest.youngPersonId(), interest.shared(),
                interest.firstName(), interest.email(), interest.phone(), interest.ageBand(), interest.councilName(),
                interest.message(), true, interest.createdAt());
    }

    /** The signed-in young person's interest in each of a page of opportunities; none for anyone else. */
    Map<String, Interest> myInterests(RequestContext context, List<String> opportunityIds) {
        return context.principal() instanceof Principal.YoungPersonUser yp
                ? interests.ofMany(opportunityIds, yp.youngPersonId()) : Map.of();
    }

    Connections.Connection<Interest> myInterests(RequestContext context, Connections.Page page) {
        YoungPerson me = requireMe(context);
        return connection(interests.ofYoungPerson(me.id(), page.after(), page.first() + 1), page);
    }

    /** The poster's view: active interest in their own opportunity, as shared. Each one shown is audited. */
    Connections.Connection<Interest> received(RequestContext context, String opportunityId, Connections.Page page) {
        Principal.Staff staff = identity.requireRole(context.principal(), StaffRole.CORPORATE_PARENT_STAFF);
        Opportunity o = opportunities.find(opportunityId).filter(x -> x.organisationId().equals(staff.organisationId()))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No opportunity of your organisation has "
                        + "that id.", List.of("opportunityId"), Map.of()));
        Connections.Connection<Interest> found = connection(interests.activeIn(o.id(), page.after(),
                page.first() + 1), page);
        found.nodes().forEach(i -> audit.recordReadsOf(context, Interest.TYPE, i.youngPersonId(), List.of(i.id()),
                "interest they shared with the poster"));
        return found;
    }

    Map<String, Object> loadInterests(RequestContext context, List<String> ids) {
        Map<String, Object> visible = new LinkedHashMap<>();
        interests.findByIds(ids).forEach((id, interest) -> {
            if (context.principal() instanceof Principal.YoungPersonUser yp
                    && yp.youngPersonId().equals(interest.youngPersonId())) {
                visible.put(id, interest);
            }
        });
        return visible;
    }

    private static Connections.Connection<Interest> connection(List<Interest> found, Connections.Page page) {
        return Connections.page(found, page, page.after().isPresent(),
                i -> Connections.newestKey(i.createdAt(), i.id()));
    }

    private YoungPerson requireMe(RequestContext context) {
        identity.requireYoungPerson(context.principal());
        return youngPerson(context).orElseThrow(ApiException::forbidden);
    }

    private Opportunity visibleToMe(RequestContext context, YoungPerson me, Input input, String field) {
        return opportunities.find(input.id(field, Opportunity.TYPE))
                .filter(o -> mayRead(context.principal(), Optional.of(applicant(me)), o))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No opportunity has that id.",
                        input.at(field), Map.of()));
    }

    private static String contact(Input input, String field, boolean shared, Pattern pattern, int max) {
        Optional<String> value = input.optionalText(field, max);
        if (shared && value.isEmpty()) {
            throw ApiException.badInput(input.at(field), "Give it, or do not share it.");
        }
        if (!shared && value.isPresent()) {
            throw ApiException.badInput(input.at(field), "Add it to share, or leave it out.");
        }
        if (value.isPresent() && !pattern.matcher(value.get()).matches()) {
            throw ApiException.badInput(input.at(field), "This does not look right.");
        }
        return value.orElse(null);
    }

    static String ageBand(int age) {
        return age <= 17 ? "16-17" : age <= 20 ? "18-20" : "21-25";
    }

    /** The young person's saved opportunities and interest, for their data export. */
    public app.alongside.platform.PersonalDataSection exportSection() {
        return app.alongside.platform.PersonalDataSection.of("opportunities", youngPersonId -> {
            List<org.bson.Document> shared = new ArrayList<>();
            interests.allOf(youngPersonId).forEach(i -> shared.add(
                    new org.bson.Document("opportunityId", app.alongside.platform.GlobalIds.encode(Opportunity.TYPE,
                            i.opportunityId())).append("shared", i.shared().stream().map(Enum::name).toList())
                            .append("firstName", i.firstName()).append("email", i.email()).append("phone", i.phone())
                            .append("ageBand", i.ageBand()).append("councilName", i.councilName())
                            .append("message", i.message()).append("withdrawn", i.withdrawn())
                            .append("createdAt", java.util.Date.from(i.createdAt()))));
            return new org.bson.Document("saved", interests.savedIds(youngPersonId).stream()
                    .map(id -> app.alongside.platform.GlobalIds.encode(Opportunity.TYPE, id)).toList())
                    .append("interest", shared);
        });
    }

    /**
     * The stored ids of the young people eligible for {@code o} who use the app (for its notification). Regions
     * become the councils in them now, so a council given its region later is reached by later opportunities.
     */
    static List<String> eligibleYoungPeople(YoungPersonRepository people, OrganisationRepository organisations,
                                            Opportunity o, LocalDate today) {
        Opportunity.Eligibility e = o.eligibility();
        List<String> councils = e.councilIds();
        if (!e.regions().isEmpty()) {
            Set<String> area = new java.util.LinkedHashSet<>(councils);
            area.addAll(organisations.councilsIn(e.regions()));
            if (area.isEmpty()) {
                return List.of();
            }
            councils = List.copyOf(area);
        }
        return people.appUsersWhere(councils, e.legalStatuses(),
                today.minusYears(o.eligibility().maxAge() + 1L).plusDays(1),
                today.minusYears(o.eligibility().minAge()));
    }
}
