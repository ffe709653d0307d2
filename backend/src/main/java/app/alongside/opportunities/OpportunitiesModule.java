package app.alongside.opportunities;

import app.alongside.audit.AuditModule;
import app.alongside.identity.IdentityModule;
import app.alongside.organisations.OrganisationsModule;
import app.alongside.platform.Foundation;
import app.alongside.platform.Module;
import app.alongside.platform.core.Periodic;
import app.alongside.platform.core.ErasableData;
import app.alongside.platform.core.PersonalDataSection;
import app.alongside.platform.graphql.GraphParts;
import app.alongside.platform.store.IndexPlan;
import app.alongside.push.PushSource;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The opportunities domain (settings node {@code opportunities}): corporate parents' postings and their
 * moderation, search, saving and interest, the job that closes postings past their date, the push sources that
 * tell eligible young people, and the export section of a young person's interests.
 */
public final class OpportunitiesModule implements Module {
    private final OpportunityRepository opportunities;
    private final Postings postings;
    private final OpportunitySearch search;
    private final Interests interests;
    private final List<ErasableData> erasable;
    private final IdentityModule identity;
    private final OrganisationsModule organisations;
    private final Periodic closing;
    private final Clock clock;
    private final int maxPage;

    public OpportunitiesModule(Foundation foundation, IdentityModule identity, OrganisationsModule organisations,
                               AuditModule audit) {
        this.clock = foundation.clock();
        this.identity = identity;
        this.organisations = organisations;
        this.opportunities = new OpportunityRepository(foundation.db());
        InterestRepository interestRepository = new InterestRepository(foundation.db());
        OpportunityPolicy policy = new OpportunityPolicy(opportunities, organisations.repository(), identity.people(),
                identity.policy(), clock);
        this.postings = new Postings(opportunities, organisations.repository(), policy, audit.log(),
                foundation.idempotency(), clock);
        this.search = new OpportunitySearch(opportunities, policy);
        this.interests = new Interests(interestRepository, organisations.repository(), search, policy, audit.log(),
                clock);
        this.erasable = List.of(ErasableData.of("interests", interestRepository::deleteInterestsOf),
                ErasableData.of("savedOpportunities", interestRepository::deleteSavedOf));
        this.closing = new Periodic("opportunities-closing", Duration.ofSeconds(foundation.settings()
                .node("opportunities").integer("close-interval-seconds", 1, 86_400)), postings::closeExpired);
        this.maxPage = foundation.maxPage();
    }

    public List<PushSource> pushSources() {
        return OpportunitiesPushSource.sources(opportunities, identity.people(), organisations.repository(), clock);
    }

    @Override
    public List<PersonalDataSection> exportSections() {
        return List.of(interests.exportSection());
    }

    /** Erases a young person's interest in opportunities and what they saved. */
    @Override
    public List<ErasableData> erasable() {
        return erasable;
    }

    @Override
    public List<IndexPlan> indexes() {
        List<IndexPlan> indexes = new ArrayList<>(OpportunityRepository.indexes());
        indexes.addAll(InterestRepository.indexes());
        return indexes;
    }

    @Override
    public void wire(GraphParts graph) {
        OpportunitiesWiring.register(graph.wiring(), graph.nodes(), graph.loaders(), postings, search, interests,
                maxPage);
    }

    @Override
    public void storeReady() {
        closing.start();
    }

    @Override
    public void close() {
        closing.close();
    }
}
