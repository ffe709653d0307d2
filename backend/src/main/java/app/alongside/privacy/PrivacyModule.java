package app.alongside.privacy;

import app.alongside.audit.AuditModule;
import app.alongside.identity.IdentityModule;
import app.alongside.organisations.OrganisationsModule;
import app.alongside.platform.Foundation;
import app.alongside.platform.Module;
import app.alongside.platform.core.PersonalDataSection;
import app.alongside.platform.graphql.GraphParts;
import app.alongside.platform.store.IndexPlan;
import app.alongside.privacy.notices.Notices;

import java.util.ArrayList;
import java.util.List;

/**
 * The privacy domain: a young person's data rights and the duties the Children's Code sets, each built by a
 * sub-package of this one. Built after the domains whose data it explains, corrects or erases.
 */
public final class PrivacyModule implements Module {
    private final Notices notices;

    public PrivacyModule(Foundation foundation, IdentityModule identity, OrganisationsModule organisations,
                         AuditModule audit) {
        this.notices = new Notices(foundation, audit);
    }

    /** The acknowledgements of the privacy notice, for the export the records module assembles before this one. */
    public static PersonalDataSection exportSection(Foundation foundation) {
        return Notices.exportSection(foundation.db());
    }

    @Override
    public List<IndexPlan> indexes() {
        List<IndexPlan> indexes = new ArrayList<>(notices.indexes());
        return indexes;
    }

    @Override
    public void wire(GraphParts graph) {
        notices.wire(graph);
    }

    @Override
    public void storeReady() {
        notices.storeReady();
    }
}
