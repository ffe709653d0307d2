package app.alongside.privacy.corrections;

import app.alongside.audit.AuditModule;
import app.alongside.identity.CouncilEntries;
import app.alongside.identity.IdentityModule;
import app.alongside.platform.Foundation;
import app.alongside.platform.core.PersonalDataSection;
import app.alongside.platform.graphql.GraphParts;
import app.alongside.platform.store.IndexPlan;
import com.mongodb.client.MongoDatabase;

import java.util.ArrayList;
import java.util.List;

/**
 * The corrections part of the privacy module: built once from the foundation, identity (whose council entries a
 * correction changes) and the audit log, it hands the module its indexes, wiring and export sections.
 */
public final class Corrections {
    private final CorrectionsService corrections;
    private final DisputesService disputes;
    private final int maxPage;

    public Corrections(Foundation foundation, IdentityModule identity, AuditModule audit) {
        MongoDatabase db = foundation.db();
        this.corrections = new CorrectionsService(new CorrectionRepository(db), identity.people(),
                new CouncilEntries(identity.people(), audit.log(), foundation.clock()), identity.policy(),
                audit.log(), foundation.idempotency(), foundation.clock());
        this.disputes = new DisputesService(new DisputeRepository(db), identity.policy(), audit.log(),
                foundation.idempotency(), foundation.clock());
        this.maxPage = foundation.maxPage();
    }

    /** A young person's correction requests and disputes, for their data export (the store is all they need). */
    public static List<PersonalDataSection> exportSections(MongoDatabase db) {
        CorrectionRepository requests = new CorrectionRepository(db);
        DisputeRepository disputes = new DisputeRepository(db);
        return List.of(PersonalDataSection.of("corrections", requests::export),
                PersonalDataSection.of("disputes", disputes::export));
    }

    public List<IndexPlan> indexes() {
        List<IndexPlan> indexes = new ArrayList<>(CorrectionRepository.indexes());
        indexes.addAll(DisputeRepository.indexes());
        return indexes;
    }

    public void wire(GraphParts graph) {
        CorrectionsWiring.register(graph, corrections, disputes, maxPage);
    }
}
