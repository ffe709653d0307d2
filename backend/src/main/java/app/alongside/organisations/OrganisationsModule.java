package app.alongside.organisations;

import app.alongside.audit.AuditModule;
import app.alongside.platform.Foundation;
import app.alongside.platform.Module;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.graphql.GraphParts;
import app.alongside.platform.store.IndexPlan;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The organisations domain: councils, advocacy services, corporate parents and the platform operator, who may
 * see which, and the admins' register of them.
 */
public final class OrganisationsModule implements Module {
    private final OrganisationRepository repository;
    private final OrganisationPolicy policy = new OrganisationPolicy();
    private final OrganisationService service;
    private final int maxPage;

    public OrganisationsModule(Foundation foundation, AuditModule audit) {
        this.repository = new OrganisationRepository(foundation.db());
        this.service = new OrganisationService(repository, policy, audit.log(), foundation.idempotency(),
                foundation.clock());
        this.maxPage = foundation.maxPage();
    }

    public OrganisationRepository repository() {
        return repository;
    }

    public Optional<Organisation> find(String id) {
        return repository.findById(id);
    }

    @Override
    public List<IndexPlan> indexes() {
        return OrganisationRepository.indexes();
    }

    /**
     * Registers the organisations' part of the schema. {@code ownCouncil} is the signed-in young person's council
     * (or null), which they may always see: identity knows it, and is built after this module.
     */
    public void wire(GraphParts graph, Function<RequestContext, String> ownCouncil) {
        OrganisationsWiring.register(graph.wiring(), graph.nodes(), graph.loaders(), service, repository, policy,
                maxPage, ownCouncil);
    }
}
