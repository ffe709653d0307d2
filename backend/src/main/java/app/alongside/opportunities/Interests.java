package app.alongside.opportunities;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditLog;
import app.alongside.identity.YoungPerson;
import app.alongside.kernel.Principal;
import app.alongside.organisations.Organisation;
import app.alongside.organisations.OrganisationRepository;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.Connections;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.GlobalIds;
import app.alongside.platform.core.Ids;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.PersonalDataSection;
import app.alongside.platform.core.RequestContext;
import org.bson.Document;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A young person's answers to opportunities: saving them (with a closing reminder), expressing interest that
 * shares only what they chose and withdrawing it, the poster's view of that interest and its suppressed counts,
 * and the section of the young person's data export that lists them.
 */
public final class Interests {
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

    private final InterestRepository interests;
    private final OrganisationRepository organisations;
    private final OpportunitySearch search;
    private final OpportunityPolicy policy;
    private final AuditLog audit;
    private final Clock clock;

    public Interests(InterestRepository interests, OrganisationRepository organisations, OpportunitySearch search,
                     OpportunityPolicy policy, AuditLog audit, Clock clock) {
        this.interests = interests;
        this.organisations = organisations;
        this.search = search;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    /** Suppressed interest counts of a page of opportunities the caller may count (see OpportunityPolicy). */
    Map<String, SuppressedCount> interestCounts(List<String> opportunityIds) {
        Map<String, Long> counts = interests.activeCounts(opportunityIds);
        Map<String, SuppressedCount> shown = new LinkedHashMap<>();
        opportunityIds.forEach(id -> shown.put(id, SuppressedCount.of(counts.getOrDefault(id, 0L))));
        return shown;
    }

    Opportunity save(RequestContext context, Input input, boolean save) {
        YoungPerson me = policy.requireMe(context);
        Opportunity o = visibleToMe(context, me, input, "opportunityId");
        if (!save) {
            interests.unsave(me.id(), o.id());
            return o;
        }
        Instant remindAt = o.closingDate().minusDays(2).atTime(9, 0).atZone(OpportunityPolicy.LONDON).toInstant();
        interests.save(me.id(), o, clock.instant(), remindAt.isAfter(clock.instant()) ? remindAt : null);
        return o;
    }

    /** Which of a page of opportunities the signed-in young person saved; none for anyone else. */
    Set<String> savedAmong(RequestContext context, List<String> opportunityIds) {
        return context.principal() instanceof Principal.YoungPersonUser yp
                ? interests.savedAmong(yp.youngPersonId(), opportunityIds) : Set.of();
    }

    List<Opportunity> savedList(RequestContext context) {
        YoungPerson me = policy.requireMe(context);
        List<String> ids = interests.savedIds(me.id());
        Map<String, Object> visible = search.load(context, ids);
        return ids.stream().map(visible::get).filter(o -> o != null).map(Opportunity.class::cast).toList();
    }

    Interest expressInterest(RequestContext context, Input input) {
        YoungPerson me = policy.requireMe(context);
        Opportunity o = visibleToMe(context, me, input, "opportunityId");
        if (!o.openOn(policy.today())) {
            throw new ApiException(ErrorCode.CONFLICT, "This opportunity has closed.", input.at("opportunityId"),
                    Map.of());
        }
        @SuppressWarnings("unchecked")
        List<Interest.SharedField> share = ((List<String>) input.raw("share")).stream()
                .map(Interest.SharedField::valueOf).distinct().toList();
        String email = contact(input, "email", share.contains(Interest.SharedField.EMAIL), EMAIL, 254);
        String phone = contact(input, "phone", share.contains(Interest.SharedField.PHONE), PHONE, 20);
        String message = input.optionalText("message", 1000).orElse(null);
        Interest interest = interests.upsert(new Interest(Ids.random(), o.id(), me.id(), share,
                share.contains(Interest.SharedField.FIRST_NAME)
                        ? Optional.ofNullable(me.preferredName()).orElse(me.firstName()) : null,
                email, phone, share.contains(Interest.SharedField.AGE_BAND) ? ageBand(me.ageOn(policy.today())) : null,
                share.contains(Interest.SharedField.COUNCIL) ? organisations.findById(me.localAuthorityId())
                        .map(Organisation::name).orElse(null) : null, message, false, clock.instant()));
        audit.record(context, AuditAction.CREATE, Interest.TYPE, interest.id(), me.id(),
                "shared " + share.stream().map(Enum::name).toList() + " with the poster");
        return interest;
    }

    Interest withdrawInterest(RequestContext context, Input input) {
        YoungPerson me = policy.requireMe(context);
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
        YoungPerson me = policy.requireMe(context);
        return connection(interests.ofYoungPerson(me.id(), page.after(), page.first() + 1), page);
    }

    /** The poster's view: active interest in their own opportunity, as shared. Each one shown is audited. */
    Connections.Connection<Interest> received(RequestContext context, String opportunityId, Connections.Page page) {
        Principal.Staff staff = policy.requirePoster(context);
        Opportunity o = policy.ownedBy(staff, opportunityId, List.of("opportunityId"));
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

    private Opportunity visibleToMe(RequestContext context, YoungPerson me, Input input, String field) {
        return policy.visibleTo(context, me, input.id(field, Opportunity.TYPE), input.at(field));
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
    public PersonalDataSection exportSection() {
        return PersonalDataSection.of("opportunities", youngPersonId -> {
            List<Document> shared = new ArrayList<>();
            interests.allOf(youngPersonId).forEach(i -> shared.add(
                    new Document("opportunityId", GlobalIds.encode(Opportunity.TYPE, i.opportunityId()))
                            .append("shared", i.shared().stream().map(Enum::name).toList())
                            .append("firstName", i.firstName()).append("email", i.email()).append("phone", i.phone())
                            .append("ageBand", i.ageBand()).append("councilName", i.councilName())
                            .append("message", i.message()).append("withdrawn", i.withdrawn())
                            .append("createdAt", Date.from(i.createdAt()))));
            return new Document("saved", interests.savedIds(youngPersonId).stream()
                    .map(id -> GlobalIds.encode(Opportunity.TYPE, id)).toList())
                    .append("interest", shared);
        });
    }
}
