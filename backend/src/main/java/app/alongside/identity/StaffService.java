package app.alongside.identity;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditLog;
import app.alongside.kernel.Principal;
import app.alongside.kernel.StaffRole;
import app.alongside.organisations.Organisation;
import app.alongside.organisations.OrganisationRepository;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.Connections;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.store.Idempotency;
import app.alongside.platform.store.Mongo;
import com.mongodb.MongoWriteException;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Staff accounts: creation, deactivation, passwords, and who may list them. */
public final class StaffService {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");

    private final StaffRepository staff;
    private final OrganisationRepository organisations;
    private final IdentityPolicy policy;
    private final Passwords passwords;
    private final StaffAuth auth;
    private final AuditLog audit;
    private final Idempotency idempotency;
    private final Clock clock;
    private final java.util.function.Consumer<String> rosterChanged;

    /** @param rosterChanged told the organisation id whenever one of its staff is added or deactivated */
    public StaffService(StaffRepository staff, OrganisationRepository organisations, IdentityPolicy policy,
                        Passwords passwords, StaffAuth auth, AuditLog audit, Idempotency idempotency, Clock clock,
                        java.util.function.Consumer<String> rosterChanged) {
        this.rosterChanged = rosterChanged;
        this.staff = staff;
        this.organisations = organisations;
        this.policy = policy;
        this.passwords = passwords;
        this.auth = auth;
        this.audit = audit;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    public StaffMember create(RequestContext context, Input input) {
        String orgId = input.id("organisationId", Organisation.TYPE);
        StaffRole role = input.requiredEnum("role", StaffRole.class);
        policy.requireStaffManager(context.principal(), orgId, role);
        Organisation org = organisations.findById(orgId).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "No organisation has that id.", Input.path("organisationId"), Map.of()));
        if (role.organisationKind() != org.kind()) {
            throw ApiException.badInput(Input.path("role"), "A " + org.kind() + " cannot have " + role + " staff.");
        }
        String name = input.personName("name", 100);
        String email = input.text("email", 3, 254);
        if (!EMAIL.matcher(email).matches()) {
            throw ApiException.badInput(Input.path("email"), "Enter an email address like name@example.org.");
        }
        String password = input.secret("password", Passwords.MAX_LENGTH);
        passwords.requireStrong(password, email, Input.path("password"));
        var claim = idempotency.claim("createStaffMember", context.principal().key(), input.clientMutationId(),
                input.fingerprint());
        if (!claim.fresh()) {
            Optional<StaffMember> existing = staff.findById(claim.id());
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        Instant now = clock.instant();
        StaffMember member = new StaffMember(claim.id(), name, email, role, orgId, true, passwords.hash(password), 0,
                null, now, now, true);
        try {
            staff.insert(member);
        } catch (MongoWriteException e) {
            if (Mongo.isDuplicateKey(e)) {
                throw new ApiException(ErrorCode.CONFLICT, "A staff member already uses that email address.",
                        Input.path("email"), Map.of());
            }
            throw e;
        }
        rosterChanged.accept(orgId);
        audit.record(context, AuditAction.CREATE, StaffMember.TYPE, member.id(), null, "staff " + role);
        return member;
    }

    public StaffMember deactivate(RequestContext context, Input input) {
        StaffMember member = manageable(context, input);
        Principal.Staff me = policy.requireStaff(context.principal());
        if (me.staffId().equals(member.id())) {
            throw ApiException.badInput(Input.path("staffMemberId"), "You cannot deactivate your own account.");
        }
        Instant now = clock.instant();
        staff.setActive(member.id(), false, now);
        rosterChanged.accept(member.organisationId());
        auth.endSessions(member.id(), null);
        audit.record(context, AuditAction.DELETE, StaffMember.TYPE, member.id(), null, "deactivated");
        return staff.findById(member.id()).orElseThrow();
    }

    public StaffMember reactivate(RequestContext context, Input input) {
        StaffMember member = manageable(context, input);
        if (member.active()) {
            throw new ApiException(ErrorCode.CONFLICT, "This account is active already.", Input.path("staffMemberId"),
                    Map.of());
        }
        staff.setActive(member.id(), true, clock.instant());
        rosterChanged.accept(member.organisationId());
        audit.record(context, AuditAction.UPDATE, StaffMember.TYPE, member.id(), null, "reactivated");
        return staff.findById(member.id()).orElseThrow();
    }

    public StaffMember resetPassword(RequestContext context, Input input) {
        policy.requireRole(context.principal(), StaffRole.ADMIN);
        StaffMember member = manageable(context, input);
        String password = input.secret("newPassword", Passwords.MAX_LENGTH);
        passwords.requireStrong(password, member.email(), Input.path("newPassword"));
        staff.setPassword(member.id(), passwords.hash(password), true, clock.instant());
        auth.endSessions(member.id(), null);
        audit.record(context, AuditAction.UPDATE, StaffMember.TYPE, member.id(), null, "password reset by admin");
        return member;
    }

    public void changeMyPassword(RequestContext context, Input input) {
        Principal.Staff me = policy.requireStaff(context.principal());
        StaffMember member = staff.findById(me.staffId()).orElseThrow(ApiException::unauthenticated);
        if (!auth.checkPassword(member.id(), input.secret("currentPassword", Passwords.MAX_LENGTH))) {
            throw ApiException.badInput(Input.path("currentPassword"), "The current password is wrong.");
        }
        String password = input.secret("newPassword", Passwords.MAX_LENGTH);
        passwords.requireStrong(password, member.email(), Input.path("newPassword"));
        if (passwords.matches(password, member.passwordHash())) {
            throw ApiException.badInput(Input.path("newPassword"), "Choose a password other than your current one.");
        }
        staff.setPassword(member.id(), passwords.hash(password), false, clock.instant());
        auth.endSessions(member.id(), me.sessionId());
        audit.record(context, AuditAction.UPDATE, StaffMember.TYPE, member.id(), null, "password changed");
    }

    public Connections.Connection<StaffMember> list(RequestContext context, Optional<String> organisationId,
                                                    Connections.Page page) {
        Principal.Staff me = policy.requireRole(context.principal(), StaffRole.ADMIN, StaffRole.ADVOCACY_MANAGER);
        String scope = me.role() == StaffRole.ADMIN ? organisationId.orElse(null) : me.organisationId();
        if (me.role() != StaffRole.ADMIN && organisationId.filter(id -> !id.equals(me.organisationId())).isPresent()) {
            throw ApiException.forbidden();
        }
        return staff.page(scope, page);
    }

    /** The accounts locked now, for admins. */
    public Connections.Connection<StaffMember> locked(RequestContext context, Connections.Page page) {
        policy.requireRole(context.principal(), StaffRole.ADMIN);
        return staff.lockedPage(clock.instant(), page);
    }

    /** When a member's sign-in lock ends, told to admins only and only while it lasts. */
    public Instant lockedUntil(RequestContext context, StaffMember member) {
        boolean admin = context.principal() instanceof Principal.Staff s && s.role() == StaffRole.ADMIN;
        Instant until = member.lockedUntil();
        return admin && until != null && until.isAfter(clock.instant()) ? until : null;
    }

    public Map<String, Object> load(RequestContext context, Collection<String> ids) {
        return staff.findByIds(ids).values().stream().filter(s -> policy.canSeeStaff(context.principal(), s))
                .collect(Collectors.toMap(StaffMember::id, s -> s));
    }

    public Optional<StaffMember> me(Principal principal) {
        return principal instanceof Principal.Staff s ? staff.findById(s.staffId()) : Optional.empty();
    }

    private StaffMember manageable(RequestContext context, Input input) {
        String id = input.id("staffMemberId", StaffMember.TYPE);
        Optional<StaffMember> member = staff.findById(id);
        if (member.isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No staff member has that id.", Input.path("staffMemberId"),
                    Map.of());
        }
        try {
            policy.requireStaffManager(context.principal(), member.get().organisationId(), member.get().role());
        } catch (ApiException e) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No staff member has that id.", Input.path("staffMemberId"),
                    Map.of());
        }
        return member.get();
    }
}
