package app.alongside.privacy.erasure;

import app.alongside.audit.AuditModule;
import app.alongside.identity.IdentityModule;
import app.alongside.platform.Foundation;
import app.alongside.platform.Module;
import app.alongside.platform.core.ErasableData;
import app.alongside.platform.core.Periodic;
import app.alongside.platform.core.PersonalDataSection;
import app.alongside.platform.graphql.GraphParts;
import app.alongside.platform.store.IndexPlan;

import java.time.Duration;
import java.util.List;

/**
 * The erasure part of the privacy domain: its collection, its wiring, and the finishing of erasures a stop cut
 * short. Built with every domain's erasure hooks, in the order they run (the account is closed last, so a young
 * person can still read the result if the erasure stops half way).
 */
public final class ErasureModule implements Module {
    /** The collection this part stores: the requests, their decisions and what each erasure did. */
    public static final String COLLECTION = ErasureRequestRepository.COLLECTION;

    private final ErasureService service;
    private final Erasure erasure;
    private final ErasureRequestRepository requests;
    private final Periodic resuming;
    private final int maxPage;

    public ErasureModule(Foundation foundation, IdentityModule identity, AuditModule audit, List<ErasableData> hooks) {
        this.requests = new ErasureRequestRepository(foundation.db());
        ErasurePolicy policy = ErasurePolicy.load();
        this.erasure = new Erasure(requests, policy, hooks, foundation.clock());
        this.service = new ErasureService(requests, policy, erasure, identity.policy(), identity.people()::findById,
                audit.log(), foundation.idempotency(), foundation.clock());
        this.resuming = new Periodic("erasure-resume", Duration.ofMinutes(1), erasure::resumeUnfinished);
        identity.whenTransferred(person -> requests.moveOpen(person.id(), person.localAuthorityId()));
        this.maxPage = foundation.maxPage();
    }

    /** The young person's erasure requests, for their data export. */
    public PersonalDataSection exportSection() {
        return PersonalDataSection.of("erasureRequests", requests::export);
    }

    @Override
    public List<IndexPlan> indexes() {
        return ErasureRequestRepository.indexes();
    }

    @Override
    public void wire(GraphParts graph) {
        ErasureWiring.register(graph, service, maxPage);
    }

    @Override
    public void storeReady() {
        resuming.start();
    }

    @Override
    public void close() {
        resuming.close();
    }
}
