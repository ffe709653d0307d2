package app.alongside.privacy.corrections;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditLog;
import app.alongside.identity.CouncilEntries;
import app.alongside.identity.IdentityPolicy;
import app.alongside.identity.YoungPeopleService;
import app.alongside.identity.YoungPerson;
import app.alongside.identity.YoungPersonRepository;
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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rules of rectification: a young person asks to correct what their council entered and may take the request
 * back while it waits; an LA worker of the young person's current council, or an admin, makes the change
 * (through {@link CouncilEntries}) or declines it with a reason. Every step and every staff read is audited.
 */
public final class CorrectionsService {
    private final CorrectionRepository requests;
    private final YoungPersonRepository people;
    private final CouncilEntries entries;
    private final IdentityPolicy policy;
    private final AuditLog audit;
    private final Idempotency idempotency;
    private final Clock clock;

    public CorrectionsService(CorrectionRepository requests, YoungPersonRepository people, CouncilEntries entries,
                              IdentityPolicy policy, AuditLog audit, Idempotency idempotency, Clock clock) {
        this.requests = requests;
        this.people = people;
        this.entries = entries;
        this.policy = policy;
        this.audit = audit;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    public CorrectionRequest request(RequestContext context, Input input) {
        Principal.YoungPersonUser me = policy.requireYoungPerson(context.principal());
        YoungPerson person = people.findById(me.youngPersonId()).orElseThrow(ApiException::notFound);
        CouncilEntries.Field field = input.requiredEnum("field", CouncilEntries.Field.class);
        String value = entries.check(field, input, "proposedValue");
        String reason = input.optionalText("reason", 1000).orElse(null);
        var claim = idempotency.claim("requestCorrection", me.key(), input.clientMutationId(), input.fingerprint());
        Optional<CorrectionRequest> earlier = claim.fresh() ? Optional.empty() : requests.findById(claim.id());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        if (value.equals(CouncilEntries.valueOf(person, field))) {
            throw ApiException.badInput(input.at("proposedValue"), "This is already what your council has.");
        }
        if (requests.hasPending(me.youngPersonId(), field)) {
            throw new ApiException(ErrorCode.CONFLICT, "You have already asked to change this. Wait for the "
                    + "answer, or take that request back first.", input.at("field"), Map.of());
        }
        Instant now = clock.instant();
        CorrectionRequest request = new CorrectionRequest(claim.id(), me.youngPersonId(), field, value, reason,
                CorrectionRequest.State.PENDING, now,
                now.atZone(YoungPeopleService.LONDON).toLocalDate().plusMonths(1), null, null, null, null);
        requests.insert(request);
        audit.record(context, AuditAction.CREATE, CorrectionRequest.TYPE, request.id(), me.youngPersonId(),
                "correction requested: " + field.name());
        return request;
    }

    public CorrectionRequest withdraw(RequestContext context, Input input) {
        Principal.YoungPersonUser me = policy.requireYoungPerson(context.principal());
        CorrectionRequest request = requests.findById(input.id("requestId", CorrectionRequest.TYPE))
                .filter(r -> r.youngPersonId().equals(me.youngPersonId()))
                .orElseThrow(() -> notFound(input));
        close(context, input, request, CorrectionRequest.State.WITHDRAWN, null, null);
        audit.record(context, AuditAction.UPDATE, CorrectionRequest.TYPE, request.id(), me.youngPersonId(),
                "correction request withdrawn");
        return requests.findById(request.id()).orElseThrow();
    }

    /** MAKE or DECLINE a pending request of a young person the caller decides for. */
    public CorrectionRequest decide(RequestContext context, Input input) {
        Principal.Staff staff = policy.requireRole(context.principal(), StaffRole.LA_WORKER, StaffRole.ADMIN);
        CorrectionRequest request = requests.findById(input.id("requestId", CorrectionRequest.TYPE))
                .orElseThrow(() -> notFound(input));
        if (people.findById(request.youngPersonId()).filter(p -> decides(staff, p)).isEmpty()) {
            audit.record(context, AuditAction.ACCESS_DENIED, CorrectionRequest.TYPE, request.id(),
                    request.youngPersonId(), null);
            throw notFound(input);
        }
        CorrectionRequest.Decision decision = input.requiredEnum("decision", CorrectionRequest.Decision.class);
        String reason = input.optionalText("reason", 1000).orElse(null);
        if (decision == CorrectionRequest.Decision.DECLINE && reason == null) {
            throw ApiException.badInput(input.at("reason"), "Give the young person the reason it is declined.");
        }
        YoungPerson person = people.findById(request.youngPersonId()).orElseThrow(ApiException::notFound);
        boolean make = decision == CorrectionRequest.Decision.MAKE;
        if (request.state() != CorrectionRequest.State.PENDING) {
            throw new ApiException(ErrorCode.CONFLICT, "This request has already been answered or taken back.",
                    input.at("requestId"), Map.of());
        }
        if (make && YoungPersonRepository.erased(person)) {
            throw ApiException.conflict("This young person's data was erased, so nothing is corrected.");
        }
        String previous = make ? CouncilEntries.valueOf(person, request.field()) : null;
        if (make) {
            // The change first: a stop between the two leaves a request still pending, never one marked MADE
            // whose change was not made. Making it again writes the same value.
            entries.apply(context, person.id(), request.field(), request.proposedValue());
        }
        close(context, input, request, make ? CorrectionRequest.State.MADE : CorrectionRequest.State.DECLINED,
                reason, previous);
        audit.record(context, AuditAction.UPDATE, CorrectionRequest.TYPE, request.id(), person.id(),
                (make ? "correction made: " : "correction declined: ") + request.field().name());
        return requests.findById(request.id()).orElseThrow();
    }

    /** A page of the requests the caller decides for: their council's young people's, or everyone's for admins. */
    public Connections.Connection<CorrectionRequest> list(RequestContext context, CorrectionRequest.State state,
                                                         Connections.Page page) {
        Principal.Staff staff = policy.requireRole(context.principal(), StaffRole.LA_WORKER, StaffRole.ADMIN);
        List<String> people = staff.role() == StaffRole.ADMIN ? null
                : this.people.idsInCouncils(List.of(staff.organisationId()));
        var result = requests.page(people, state, page);
        audit.recordReads(context, CorrectionRequest.TYPE, result.nodes().stream()
                .map(CorrectionRequest::youngPersonId).distinct().toList(), "correction requests listed");
        return result;
    }

    public Connections.Connection<CorrectionRequest> mine(RequestContext context, Connections.Page page) {
        Principal.YoungPersonUser me = policy.requireYoungPerson(context.principal());
        return requests.page(List.of(me.youngPersonId()), null, page);
    }

    /** The requests among {@code ids} the caller may see, for {@code node(id:)}; staff reads are audited. */
    public Map<String, Object> load(RequestContext context, Collection<String> ids) {
        Principal principal = context.principal();
        Map<String, CorrectionRequest> found = requests.findByIds(ids);
        Map<String, YoungPerson> owners = people.findByIds(found.values().stream()
                .map(CorrectionRequest::youngPersonId).distinct().toList());
        Map<String, Object> visible = found.values().stream().filter(r -> owners.containsKey(r.youngPersonId())
                        && mayRead(principal, owners.get(r.youngPersonId())))
                .collect(Collectors.toMap(CorrectionRequest::id, r -> r));
        if (principal instanceof Principal.Staff) {
            visible.values().forEach(r -> audit.recordReadsOf(context, CorrectionRequest.TYPE,
                    ((CorrectionRequest) r).youngPersonId(), List.of(((CorrectionRequest) r).id()), "viewed"));
        }
        return visible;
    }

    private static boolean mayRead(Principal principal, YoungPerson owner) {
        if (principal instanceof Principal.YoungPersonUser yp) {
            return yp.youngPersonId().equals(owner.id());
        }
        return principal instanceof Principal.Staff staff && (staff.role() == StaffRole.ADMIN
                || staff.role() == StaffRole.LA_WORKER && decides(staff, owner));
    }

    private static boolean decides(Principal.Staff staff, YoungPerson person) {
        return staff.role() == StaffRole.ADMIN || staff.organisationId().equals(person.localAuthorityId());
    }

    private void close(RequestContext context, Input input, CorrectionRequest request, CorrectionRequest.State state,
                       String reason, String previousValue) {
        String by = context.principal() instanceof Principal.Staff staff ? staff.staffId() : null;
        if (request.state() != CorrectionRequest.State.PENDING
                || !requests.close(request.id(), state, by, reason, previousValue, clock.instant())) {
            throw new ApiException(ErrorCode.CONFLICT, "This request has already been answered or taken back.",
                    input.at("requestId"), Map.of());
        }
    }

    private static ApiException notFound(Input input) {
        return new ApiException(ErrorCode.NOT_FOUND, "No correction request has that id.", input.at("requestId"),
                Map.of());
    }
}
