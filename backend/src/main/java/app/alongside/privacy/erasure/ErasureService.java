package app.alongside.privacy.erasure;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditLog;
import app.alongside.identity.IdentityPolicy;
import app.alongside.identity.YoungPerson;
import app.alongside.kernel.Principal;
import app.alongside.kernel.StaffRole;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.Connections;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.store.Idempotency;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The rules of erasure requests. A young person asks (one open request at a time), sees it and may cancel it
 * while it is pending; it must be answered within one calendar month (UK GDPR Art 12(3)), counted in UK days.
 * Staff of the young person's own council (LA workers) and platform admins list and decide them; anyone else
 * sees none and decides none. Approving carries the erasure out at once. Every step is audited.
 */
final class ErasureService {
    private static final Logger LOG = Logger.getLogger(ErasureService.class.getName());

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String TARGET = "erasureRequest";

    /** The schema's {@code ErasureDecision}. */
    enum Decision { APPROVE, REFUSE }

    private final ErasureRequestRepository requests;
    private final ErasurePolicy policy;
    private final Erasure erasure;
    private final IdentityPolicy access;
    private final Function<String, Optional<YoungPerson>> people;
    private final AuditLog audit;
    private final Idempotency idempotency;
    private final Clock clock;

    ErasureService(ErasureRequestRepository requests, ErasurePolicy policy, Erasure erasure, IdentityPolicy access,
                   Function<String, Optional<YoungPerson>> people, AuditLog audit, Idempotency idempotency,
                   Clock clock) {
        this.requests = requests;
        this.policy = policy;
        this.erasure = erasure;
        this.access = access;
        this.people = people;
        this.audit = audit;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    ErasurePolicy policy() {
        return policy;
    }

    ErasureRequest request(RequestContext context, Input input) {
        Principal.YoungPersonUser me = access.requireYoungPerson(context.principal());
        if (!Boolean.TRUE.equals(input.raw("confirm"))) {
            throw ApiException.badInput(input.at("confirm"),
                    "Say yes to confirm that you want us to delete your data.");
        }
        Optional<String> reason = input.optionalText("reason", 2000);
        Idempotency.Claim claim = idempotency.claim("requestErasure", me.key(), input.clientMutationId(),
                input.fingerprint());
        if (!claim.fresh()) {
            Optional<ErasureRequest> first = requests.find(claim.id());
            if (first.isPresent()) {
                return first.get();
            }
        }
        YoungPerson person = people.apply(me.youngPersonId()).orElseThrow(ApiException::forbidden);
        Instant now = clock.instant();
        ErasureRequest request = new ErasureRequest(claim.id(), person.id(), person.localAuthorityId(),
                ErasureRequest.State.PENDING, reason.orElse(null), now,
                LocalDate.ofInstant(now, LONDON).plusMonths(1), null, null, null, null, ErasureRequest.Result.NONE);
        if (!requests.insertPending(request)) {
            throw ApiException.conflict("You have already asked us to delete your data. You can wait for the answer"
                    + " or cancel that request.");
        }
        audit.record(context, AuditAction.CREATE, TARGET, request.id(), person.id(), "erasure requested");
        return request;
    }

    Optional<ErasureRequest> mine(RequestContext context) {
        Principal.YoungPersonUser me = access.requireYoungPerson(context.principal());
        return requests.newestOf(me.youngPersonId());
    }

    ErasureRequest cancel(RequestContext context, Input input) {
        Principal.YoungPersonUser me = access.requireYoungPerson(context.principal());
        String id = input.id("requestId", ErasureRequest.TYPE);
        ErasureRequest request = requests.find(id).filter(r -> r.youngPersonId().equals(me.youngPersonId()))
                .orElseThrow(() -> notFound(input));
        ErasureRequest cancelled = requests.close(id, ErasureRequest.State.CANCELLED, null, null, List.of(),
                clock.instant()).orElseThrow(() -> answered(request, input));
        audit.record(context, AuditAction.UPDATE, TARGET, id, me.youngPersonId(), "erasure request cancelled");
        return cancelled;
    }

    Connections.Connection<ErasureRequest> list(RequestContext context, ErasureRequest.State state,
                                                Connections.Page page) {
        Principal.Staff staff = access.requireRole(context.principal(), StaffRole.LA_WORKER, StaffRole.ADMIN);
        Connections.Connection<ErasureRequest> found = requests.page(councils(staff), state, page);
        audit.recordReads(context, TARGET, found.nodes().stream().map(ErasureRequest::youngPersonId).toList(),
                "erasure requests");
        return found;
    }

    ErasureRequest decide(RequestContext context, Input input) {
        Principal.Staff staff = access.requireRole(context.principal(), StaffRole.LA_WORKER, StaffRole.ADMIN);
        String id = input.id("requestId", ErasureRequest.TYPE);
        Decision decision = input.requiredEnum("decision", Decision.class);
        Optional<String> reason = input.optionalText("reason", 2000);
        if (decision == Decision.REFUSE && reason.isEmpty()) {
            throw ApiException.badInput(input.at("reason"), "Give the reason for refusing: the young person will"
                    + " read it, and can complain to the ICO about it.");
        }
        ErasureRequest request = requests.find(id).orElseThrow(() -> notFound(input));
        if (!visible(staff, request)) {
            audit.record(context, AuditAction.ACCESS_DENIED, TARGET, id, request.youngPersonId(), null);
            throw notFound(input);
        }
        boolean approve = decision == Decision.APPROVE;
        List<ErasureRequest.Kept> kept = approve ? policy.kept().stream()
                .map(k -> new ErasureRequest.Kept(k.kind(), k.title(), k.why())).toList() : List.of();
        ErasureRequest decided = requests.close(id, approve ? ErasureRequest.State.APPROVED
                        : ErasureRequest.State.REFUSED, staff.staffId(), reason.orElse(null), kept, clock.instant())
                .orElseThrow(() -> answered(request, input));
        audit.record(context, AuditAction.UPDATE, TARGET, id, request.youngPersonId(),
                approve ? "erasure approved" : "erasure refused");
        if (!approve) {
            return decided;
        }
        ErasureRequest done;
        try {
            done = erasure.carryOut(decided);
        } catch (RuntimeException e) {
            // Approved and recorded; what is left is finished by the resume job within a minute.
            LOG.log(Level.WARNING, "the erasure of request " + id + " stopped part way; it resumes shortly", e);
            return requests.find(id).orElse(decided);
        }
        audit.record(context, AuditAction.DELETE, "youngPerson", request.youngPersonId(), request.youngPersonId(),
                "erased " + done.result().erased().stream().map(e -> e.kind() + "=" + e.count())
                        .collect(Collectors.joining(", ")));
        return done;
    }

    /**
     * The requests among {@code ids} the caller may see: their own, or their council's, or any for an admin. Each
     * one a member of staff reads is audited, with the young person as subject.
     */
    Map<String, Object> load(RequestContext context, List<String> ids) {
        Principal principal = context.principal();
        List<ErasureRequest> visible = requests.findByIds(ids).values().stream().filter(r -> switch (principal) {
            case Principal.YoungPersonUser yp -> yp.youngPersonId().equals(r.youngPersonId());
            case Principal.Staff staff -> visible(staff, r);
            default -> false;
        }).toList();
        visible.forEach(r -> audit.recordReadsOf(context, TARGET, r.youngPersonId(), List.of(r.id()),
                "erasure request read"));
        return visible.stream().collect(Collectors.toMap(ErasureRequest::id, r -> r));
    }

    private static boolean visible(Principal.Staff staff, ErasureRequest request) {
        return switch (staff.role()) {
            case ADMIN -> true;
            case LA_WORKER -> staff.organisationId().equals(request.councilId());
            default -> false;
        };
    }

    /** The councils whose requests the staff member sees; null for all (an admin). */
    private static List<String> councils(Principal.Staff staff) {
        return staff.role() == StaffRole.ADMIN ? null : List.of(staff.organisationId());
    }

    private static ApiException notFound(Input input) {
        return new ApiException(ErrorCode.NOT_FOUND, "No erasure request has that id.", input.at("requestId"),
                Map.of());
    }

    private static ApiException answered(ErasureRequest request, Input input) {
        String message = request.state() == ErasureRequest.State.PENDING ? "This request was answered a moment ago."
                : "This request was answered already: it is " + request.state().name().toLowerCase(Locale.ROOT) + ".";
        return new ApiException(ErrorCode.CONFLICT, message, input.at("requestId"), Map.of());
    }
}
