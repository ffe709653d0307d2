package app.alongside.privacy;

import app.alongside.audit.AuditModule;
import app.alongside.identity.IdentityModule;
import app.alongside.organisations.OrganisationsModule;
import app.alongside.platform.Foundation;
import app.alongside.platform.Module;
import app.alongside.platform.graphql.GraphParts;
import app.alongside.platform.store.IndexPlan;
import app.alongside.privacy.erasure.ErasureModule;

import java.util.List;
import java.util.stream.Stream;

/**
 * The privacy domain: a young person's data rights and the duties the Children's Code sets, each built by a
 * sub-package of this one. Built after the domains whose data it explains, corrects or erases.
 */
public final class PrivacyModule implements Module {
    private final ErasureModule erasure;

    /** @param domains the modules whose data an erasure removes besides identity's, each through its hooks */
    public PrivacyModule(Foundation foundation, IdentityModule identity, OrganisationsModule organisations,
                         AuditModule audit, List<Module> domains) {
        this.erasure = new ErasureModule(foundation, identity, audit, Stream.concat(domains.stream(),
                Stream.of(identity)).flatMap(module -> module.erasable().stream()).toList());
    }

    @Override
    public List<IndexPlan> indexes() {
        return erasure.indexes();
    }

    @Override
    public void wire(GraphParts graph) {
        erasure.wire(graph);
    }

    @Override
    public void storeReady() {
        erasure.storeReady();
    }
}
