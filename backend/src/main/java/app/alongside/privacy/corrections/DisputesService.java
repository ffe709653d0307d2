package app.alongside.privacy.corrections;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditEvent;
import app.alongside.audit.AuditLog;
import app.alongside.identity.IdentityPolicy;
import app.alongside.kernel.Principal;
import app.alongside.messaging.Message;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.Connections;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.GlobalIds;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.store.Idempotency;
import app.alongside.records.Goal;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rules of disputes: a young person adds one statement to an entry a member of staff wrote that they can see
 * (an advocate's message, an advocate's goal comment, a council's declined correction); the staff who can see the
 * entry see it and may answer once. Whether an entry is visible is asked of {@code node(id:)}'s loaders, as the
 * caller, so the rules of each domain hold here unchanged. Every step and every staff read is audited.
 */
public final class DisputesService {
    /** An entry as a dispute sees it: its canonical global id, its type, and whether staff wrote it. */
    private record Entry(String globalId, String type, boolean byStaff) {
    }

    private final DisputeRepository disputes;
    private final IdentityPolicy policy;
    private final AuditLog audit;
    private final Idempotency idempotency;
    private final Clock clock;

    public DisputesService(DisputeRepository disputes, IdentityPolicy policy, AuditLog audit, Idempotency idempotency,
                           Clock clock) {
        this.disputes = disputes;
        this.policy = policy;
        this.audit = audit;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    /** @param visible the entry a global id names, as the caller may see it, or null */
    public Dispute dispute(RequestContext context, Input input, Function<String, Object> visible) {
        Principal.YoungPersonUser me = policy.requireYoungPerson(context.principal());
        String entryId = input.text("entryId", 1, 200);
        String statement = input.text("statement", 1, 2000);
        Object seen = visible.apply(entryId);
        if (seen == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "We could not find that. It may have been removed.",
                    input.at("entryId"), Map.of());
        }
        Entry entry = entryOf(seen).orElse(null);
        if (entry == null || !entry.byStaff()) {
            throw ApiException.badInput(input.at("entryId"),
                    "You can only add your side to something a member of staff wrote.");
        }
        var claim = idempotency.claim("disputeStaffEntry", me.key(), input.clientMutationId(), input.fingerprint());
        Optional<Dispute> earlier = claim.fresh() ? Optional.empty() : disputes.findById(claim.id());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Dispute dispute = new Dispute(claim.id(), entry.globalId(), entry.type(), me.youngPersonId(), statement,
                clock.instant(), null, null, null);
        if (!disputes.insert(dispute)) {
            throw new ApiException(ErrorCode.CONFLICT, "You have already added your side to this.",
                    input.at("entryId"), Map.of());
        }
        audit.record(context, AuditAction.CREATE, Dispute.TYPE, dispute.id(), me.youngPersonId(),
                "statement added to a " + entry.type());
        return dispute;
    }

    /** @param visible as for {@link #dispute}: only staff who can see the entry may answer */
    public Dispute respond(RequestContext context, Input input, Function<String, Object> visible) {
        Principal.Staff staff = policy.requireStaff(context.principal());
        String id = input.id("disputeId", Dispute.TYPE);
        String response = input.text("response", 1, 2000);
        Dispute dispute = disputes.findById(id).filter(d -> visible.apply(d.entryId()) != null)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No dispute has that id.",
                        input.at("disputeId"), Map.of()));
        if (!disputes.respond(id, response, staff.staffId(), clock.instant())) {
            throw new ApiException(ErrorCode.CONFLICT, "This statement has already been answered.",
                    input.at("disputeId"), Map.of());
        }
        audit.record(context, AuditAction.UPDATE, Dispute.TYPE, id, dispute.youngPersonId(), "statement answered");
        return disputes.findById(id).orElseThrow();
    }

    public Connections.Connection<Dispute> mine(RequestContext context, Connections.Page page) {
        return disputes.page(policy.requireYoungPerson(context.principal()).youngPersonId(), page);
    }

    /**
     * The disputes of entries the caller already sees (the {@code dispute} field), keyed by entry global id; staff
     * reads are audited.
     */
    public Map<String, Dispute> ofEntries(RequestContext context, Collection<String> entryIds) {
        Map<String, Dispute> found = disputes.findByEntries(entryIds);
        found.values().stream().collect(Collectors.groupingBy(Dispute::youngPersonId)).forEach((subject, list) ->
                audit.recordReadsOf(context, Dispute.TYPE, subject, list.stream().map(Dispute::id).toList(),
                        "viewed next to the entry"));
        return found;
    }

    /** For {@code node(id:)}: the young person's own disputes (staff see a dispute on its entry). */
    public Map<String, Object> load(RequestContext context, Collection<String> ids) {
        if (!(context.principal() instanceof Principal.YoungPersonUser me)) {
            return Map.of();
        }
        return disputes.findByIds(ids).values().stream().filter(d -> d.youngPersonId().equals(me.youngPersonId()))
                .collect(Collectors.toMap(Dispute::id, d -> d));
    }

    /** The global id the {@code dispute} field of an entry looks up. */
    public static String globalIdOf(Object entry) {
        return entryOf(entry).map(Entry::globalId).orElse(null);
    }

    private static Optional<Entry> entryOf(Object entry) {
        return Optional.ofNullable(switch (entry) {
            case Message m -> new Entry(GlobalIds.encode(Message.TYPE, m.id()), Message.TYPE,
                    m.authorKind() == Message.AuthorKind.STAFF && !m.deleted());
            case Goal.Comment c -> new Entry(GlobalIds.encode(Goal.Comment.TYPE, Goal.nodeId(c.goalId(), c.id())),
                    Goal.Comment.TYPE, c.authorKind() == AuditEvent.ActorKind.STAFF);
            case CorrectionRequest r -> new Entry(GlobalIds.encode(CorrectionRequest.TYPE, r.id()),
                    CorrectionRequest.TYPE, r.state() == CorrectionRequest.State.DECLINED);
            case null, default -> null;
        });
    }
}
