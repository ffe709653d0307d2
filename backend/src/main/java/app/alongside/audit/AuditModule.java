package app.alongside.audit;

import app.alongside.kernel.Access;
import app.alongside.platform.Foundation;
import app.alongside.platform.Module;
import app.alongside.platform.graphql.GraphParts;
import app.alongside.platform.graphql.Nodes;
import app.alongside.platform.store.IndexPlan;

import java.util.List;

/**
 * The audit domain: the append-only log every other module records to, a young person's own access log and the
 * admins' search. Built first, since every domain records to it.
 */
public final class AuditModule implements Module {
    private final AuditLog log;
    private final int maxPage;

    public AuditModule(Foundation foundation) {
        this.log = new AuditLog(foundation.db(), foundation.clock());
        this.maxPage = foundation.maxPage();
    }

    public AuditLog log() {
        return log;
    }

    /** Records each id that {@code node(id:)} refused (it exists, but not for this caller). */
    public Nodes.Refusals nodeRefusals() {
        return (context, type, id, subjectId) -> log.record(context, AuditAction.ACCESS_DENIED, type, id,
                subjectId, "refused by node(id:)");
    }

    @Override
    public List<IndexPlan> indexes() {
        return AuditLog.indexes();
    }

    /**
     * Registers the two queries, which check access with {@code access} (identity's policy: identity records to
     * this log, so it is built after it), and read staff and organisation names from {@code names}.
     */
    public void wire(GraphParts graph, Access access, AuditWiring.Names names) {
        AuditWiring.register(graph, log, access, maxPage, names);
    }
}
