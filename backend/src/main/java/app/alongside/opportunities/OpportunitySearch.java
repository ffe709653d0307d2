package app.alongside.opportunities;

import app.alongside.identity.YoungPersonRepository;
import app.alongside.organisations.OrganisationRepository;
import app.alongside.platform.core.Connections;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.RequestContext;
import app.alongside.records.Mission;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a young person can find and see: the search over approved, open opportunities they are eligible for,
 * opportunities loaded by id as the caller may read them, and who an opportunity is for when it is announced.
 */
public final class OpportunitySearch {
    private final OpportunityRepository opportunities;
    private final OpportunityPolicy policy;

    public OpportunitySearch(OpportunityRepository opportunities, OpportunityPolicy policy) {
        this.opportunities = opportunities;
        this.policy = policy;
    }

    /** Opportunities by id, as the caller may see them; anything else is left out (null for node). */
    Map<String, Object> load(RequestContext context, List<String> ids) {
        Map<String, Object> visible = new LinkedHashMap<>();
        Optional<Applicant> me = policy.youngPerson(context).map(policy::applicant);
        opportunities.findByIds(ids).forEach((id, o) -> {
            if (policy.mayRead(context.principal(), me, o)) {
                visible.put(id, o);
            }
        });
        return visible;
    }

    /**
     * What a young person is eligible for, approved and open, matching the filter: one query through the
     * {@code (status, closingDate)} or {@code (status, approvedAt)} index, eligibility and the filter applied by the
     * store to those candidates.
     */
    Connections.Connection<Opportunity> search(RequestContext context, Input filter, boolean newest,
                                               Connections.Page page) {
        Applicant me = policy.applicant(policy.requireMe(context));
        List<Opportunity> found = opportunities.openFor(me, filter(filter), policy.today(), newest, page.after(),
                page.first() + 1);
        return Connections.page(found, page, page.after().isPresent(), o -> newest
                ? o.approvedAt().toEpochMilli() + "|" + o.id() : o.closingDate() + "|" + o.id());
    }

    private static OpportunityRepository.SearchFilter filter(Input filter) {
        Optional<Mission> mission = filter.optionalEnum("mission", Mission.class);
        Optional<Opportunity.Kind> kind = filter.optionalEnum("kind", Opportunity.Kind.class);
        Optional<String> text = filter.optionalText("text", 100);
        Optional<String> area = filter.optionalText("area", 80);
        Optional<LocalDate> closingAfter = filter.optionalDate("closingAfter");
        return new OpportunityRepository.SearchFilter(mission, kind, text, area, closingAfter);
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
            Set<String> area = new LinkedHashSet<>(councils);
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
