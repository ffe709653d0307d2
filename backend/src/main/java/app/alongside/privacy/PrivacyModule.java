package app.alongside.privacy;

import app.alongside.audit.AuditModule;
import app.alongside.identity.IdentityModule;
import app.alongside.organisations.OrganisationsModule;
import app.alongside.platform.Foundation;
import app.alongside.platform.Module;
import app.alongside.platform.graphql.GraphParts;
import app.alongside.platform.store.IndexPlan;
import app.alongside.privacy.retention.Retention;

import java.util.List;

/**
 * The privacy domain: a young person's data rights and the duties the Children's Code sets, each built by a
 * sub-package of this one. Built after the domains whose data it explains, corrects or erases.
 */
public final class PrivacyModule implements Module {
    private final Retention retention;

    public PrivacyModule(Foundation foundation, IdentityModule identity, OrganisationsModule organisations,
                         AuditModule audit) {
        this.retention = new Retention(foundation, identity.policy());
    }

    @Override
    public List<IndexPlan> indexes() {
        return retention.indexes();
    }

    @Override
    public void wire(GraphParts graph) {
        retention.wire(graph);
    }

    @Override
    public void storeReady() {
        retention.start();
    }

    @Override
    public void close() {
        retention.close();
    }
}
