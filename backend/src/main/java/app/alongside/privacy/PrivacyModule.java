package app.alongside.privacy;

import app.alongside.audit.AuditModule;
import app.alongside.identity.IdentityModule;
import app.alongside.organisations.OrganisationsModule;
import app.alongside.platform.Foundation;
import app.alongside.platform.Module;
import app.alongside.platform.core.PersonalDataSection;
import app.alongside.platform.graphql.GraphParts;
import app.alongside.platform.store.IndexPlan;
import app.alongside.privacy.corrections.Corrections;
import app.alongside.privacy.erasure.ErasureModule;
import app.alongside.privacy.notices.Notices;
import app.alongside.privacy.retention.Retention;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The privacy domain: a young person's data rights and the duties the Children's Code sets, each built by a
 * sub-package of this one. Built after the domains whose data it explains, corrects or erases.
 */
public final class PrivacyModule implements Module {
    private final Notices notices;
    private final Corrections corrections;
    private final ErasureModule erasure;
    private final Retention retention;
    private final List<PersonalDataSection> export = new ArrayList<>();

    /** @param domains the modules whose data an erasure removes besides identity's, each through its hooks */
    public PrivacyModule(Foundation foundation, IdentityModule identity, OrganisationsModule organisations,
                         AuditModule audit, List<Module> domains) {
        this.notices = new Notices(foundation, audit);
        this.corrections = new Corrections(foundation, identity, audit);
        this.erasure = new ErasureModule(foundation, identity, audit, Stream.concat(domains.stream(),
                Stream.of(identity)).flatMap(module -> module.erasable().stream()).toList());
        this.retention = new Retention(foundation, identity.policy());
        export.add(Notices.exportSection(foundation.db()));
        export.addAll(Corrections.exportSections(foundation.db()));
        export.add(erasure.exportSection());
    }

    @Override
    public List<PersonalDataSection> exportSections() {
        return List.copyOf(export);
    }

    @Override
    public List<IndexPlan> indexes() {
        List<IndexPlan> indexes = new ArrayList<>(notices.indexes());
        indexes.addAll(corrections.indexes());
        indexes.addAll(erasure.indexes());
        indexes.addAll(retention.indexes());
        return indexes;
    }

    @Override
    public void wire(GraphParts graph) {
        notices.wire(graph);
        corrections.wire(graph);
        erasure.wire(graph);
        retention.wire(graph);
    }

    @Override
    public void storeReady() {
        notices.storeReady();
        erasure.storeReady();
        retention.start();
    }

    @Override
    public void close() {
        erasure.close();
        retention.close();
    }
}
