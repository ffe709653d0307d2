package app.alongside.identity;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditLog;
import app.alongside.kernel.OrganisationKind;
import app.alongside.kernel.Principal;
import app.alongside.kernel.StaffRole;
import app.alongside.organisations.Organisation;
import app.alongside.organisations.OrganisationRepository;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.Connections;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.graphql.PersistedQueries;
import app.alongside.platform.http.RateLimiter;
import app.alongside.platform.store.Idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Young people's accounts: invites by LA workers, redemption from an app, moves between councils, the profile
 * a young person keeps, and reads by staff (each audited).
 */
public final class YoungPeopleService {
    public static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Duration INVITE_LIFETIME = Duration.ofDays(14);
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}");

    /** A new invite with its code, shown once. */
    public record NewInvite(String code, Instant expiresAt, YoungPerson youngPerson) {
    }

    /** What {@code createInvite} answers: the invite (null on a retry) and the young person. */
    public record Invited(NewInvite invite, YoungPerson youngPerson) {
    }

    private final YoungPersonRepository people;
    private final InviteRepository invites;
    private final OrganisationRepository organisations;
    private final IdentityPolicy policy;
    private final AuditLog audit;
    private final Idempotency idempotency;
    private final RateLimiter redeemLimiter;
    private final InviteCodes codes = new InviteCodes();
    private final Clock clock;
    private final java.util.function.Consumer<YoungPerson> onboarded;
    private final java.util.function.Consumer<YoungPerson> transferred;

    /**
     * @param onboarded   told about each young person whose invite was just redeemed (advocacy allocates them); a
     *                    failure there is logged and does not undo the redemption
     * @param transferred told about each young person just moved to another council, as they now are (their open
     *                    requests about their data move with them)
     */
    public YoungPeopleService(YoungPersonRepository people, InviteRepository invites,
                              OrganisationRepository organisations, IdentityPolicy policy, AuditLog audit,
                              Idempotency idempotency, RateLimiter redeemLimiter, Clock clock,
                              java.util.function.Consumer<YoungPerson> onboarded,
                              java.util.function.Consumer<YoungPerson> transferred) {
        this.onboarded = onboarded;
        this.transferred = transferred;
        this.people = people;
        this.invites = invites;
        this.organisations = organisations;
        this.policy = policy;
        this.audit = audit;
        this.idempotency = idempotency;
        this.redeemLimiter = redeemLimiter;
        this.clock = clock;
    }

    /** The young person's profile as their data export shows it. */
    public static org.bson.Document export(YoungPerson person) {
        return new org.bson.Document("firstName", person.firstName())
                .append("preferredName", person.preferredName())
                .append("pronouns", person.pronouns())
                .append("dateOfBirth", person.dateOfBirth().toString())
                .append("legalStatus", person.legalStatus().name())
                .append("localAuthorityId", app.alongside.platform.core.GlobalIds.encode(
                        app.alongside.organisations.Organisation.TYPE, person.localAuthorityId()))
                .append("language", person.language())
                .append("contactPreferences", new org.bson.Document("inApp", person.contactPreferences().inApp())
                        .append("email", person.contactPreferences().email())
                        .append("sms", person.contactPreferences().sms()))
                .append("hasAppAccount", person.hasAppAccount())
                .append("createdAt", java.util.Date.from(person.createdAt()))
                .append("updatedAt", java.util.Date.from(person.updatedAt()));
    }

    public LocalDate today() {
        return clock.instant().atZone(LONDON).toLocalDate();
    }

    /**
     * Creates the young person and an invite code for them. A retry with the same clientMutationId returns the
     * young person without a code (the code is shown once), and only while the worker may still see them.
     */
    public Invited createInvite(RequestContext context, Input input) {
        Principal.Staff worker = policy.requireRole(context.principal(), StaffRole.LA_WORKER);
        String council = input.optionalId("localAuthorityId", Organisation.TYPE).orElse(worker.organisationId());
        if (!council.equals(worker.organisationId())) {
            throw ApiException.forbidden();
        }
        String firstName = input.personName("firstName", 50);
        LocalDate dateOfBirth = input.optionalDate("dateOfBirth").orElseThrow();
        requireAge(dateOfBirth);
        LegalStatus status = input.requiredEnum("legalStatus", LegalStatus.class);
        var claim = idempotency.claim("createInvite", context.principal().key(), input.clientMutationId(),
                input.fingerprint());
        Optional<YoungPerson> earlier = claim.fresh() ? Optional.empty() : people.findById(claim.id());
        if (earlier.isPresent()) {
            YoungPerson person = earlier.filter(p -> policy.canSee(worker, p)).orElseThrow(() -> new ApiException(
                    ErrorCode.NOT_FOUND, "No young person has that id.", Input.path("clientMutationId"), Map.of()));
            audit.record(context, AuditAction.READ, YoungPerson.TYPE, person.id(), person.id(), "invite retried");
            return new Invited(null, person);
        }
        Instant now = clock.instant();
        YoungPerson person = new YoungPerson(claim.id(), firstName, null, null, dateOfBirth, status, council, null,
                YoungPerson.ContactPreferences.NONE, null, now, now);
        people.insert(person, worker.staffId());
        audit.record(context, AuditAction.CREATE, YoungPerson.TYPE, person.id(), person.id(), "invited");
        String code = codes.generate();
        Instant expiresAt = now.plus(INVITE_LIFETIME);
        String codeHash = hash(InviteCodes.normalise(code).orElseThrow());
        invites.insert(new InviteRepository.Invite(codeHash, person.id(), council, worker.staffId(), expiresAt, null,
                null), now);
        audit.record(context, AuditAction.CREATE, "Invite", person.id(), person.id(), "invite code issued");
        return new Invited(new NewInvite(code, expiresAt, person), person);
    }

    private void requireAge(LocalDate dateOfBirth) {
        CouncilEntries.requireAge(dateOfBirth, today(), Input.path("dateOfBirth"));
    }

    public YoungPerson redeemInvite(RequestContext context, Input input) {
        Principal principal = context.principal();
        if (principal instanceof Principal.YoungPersonUser) {
            throw ApiException.conflict("This app account is already linked to a young person.");
        }
        if (!(principal instanceof Principal.AppUser app)) {
            throw ApiException.unauthenticatedOrForbidden(principal);
        }
        redeemLimiter.acquireAll(List.of("uid:" + app.firebaseUid(), "ip:" + context.clientAddress()));
        String hash = InviteCodes.normalise(input.text("code", 1, 40)).map(YoungPeopleService::hash)
                .orElseThrow(YoungPeopleService::wrongCode);
        InviteRepository.Invite invite = invites.find(hash).orElseThrow(YoungPeopleService::wrongCode);
        Instant now = clock.instant();
        boolean retry = app.firebaseUid().equals(invite.usedByUid());
        if (!retry && !invites.claim(hash, app.firebaseUid(), now)) {
            throw invite.usedAt() != null
                    ? new ApiException(ErrorCode.CONFLICT, "This code has already been used.", Input.path("code"),
                    Map.of())
                    : new ApiException(ErrorCode.NOT_FOUND, "This code has expired. Ask your worker for a new one.",
                    Input.path("code"), Map.of());
        }
        if (!people.link(app.firebaseUid(), invite.youngPersonId(), now)) {
            throw ApiException.conflict("This app account is already linked to a young person.");
        }
        RequestContext linked = new RequestContext(context.requestId(),
                new Principal.YoungPersonUser(invite.youngPersonId(), app.firebaseUid()), context.clientAddress());
        audit.record(linked, AuditAction.UPDATE, YoungPerson.TYPE, invite.youngPersonId(), invite.youngPersonId(),
                "invite redeemed, app account linked");
        YoungPerson person = people.findById(invite.youngPersonId()).orElseThrow();
        try {
            onboarded.accept(person);
        } catch (RuntimeException e) {
            java.util.logging.Logger.getLogger(YoungPeopleService.class.getName()).log(java.util.logging.Level.WARNING,
                    "onboarding step failed for a redeemed invite; it is retried on the next look", e);
        }
        return person;
    }

    public YoungPerson transfer(RequestContext context, Input input) {
        Principal.Staff staff = policy.requireRole(context.principal(), StaffRole.LA_WORKER);
        String id = input.id("youngPersonId", YoungPerson.TYPE);
        YoungPerson person = people.findById(id)
                .filter(p -> p.localAuthorityId().equals(staff.organisationId()))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No young person has that id.",
                        Input.path("youngPersonId"), Map.of()));
        String to = input.id("toLocalAuthorityId", Organisation.TYPE);
        Organisation council = organisations.findById(to)
                .filter(o -> o.kind() == OrganisationKind.LOCAL_AUTHORITY && o.active())
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No active council has that id.",
                        Input.path("toLocalAuthorityId"), Map.of()));
        if (council.id().equals(person.localAuthorityId())) {
            throw ApiException.badInput(Input.path("toLocalAuthorityId"), "They are already with this council.");
        }
        Instant now = clock.instant();
        people.transfer(id, person.localAuthorityId(), council.id(), staff.staffId(), now);
        invites.withdrawUnused(id, now);
        audit.record(context, AuditAction.UPDATE, YoungPerson.TYPE, id, id, "moved council");
        YoungPerson moved = people.findById(id).orElseThrow();
        transferred.accept(moved);
        return moved;
    }

    public YoungPerson updateProfile(RequestContext context, Input input) {
        Principal.YoungPersonUser me = policy.requireYoungPerson(context.principal());
        YoungPerson current = people.findById(me.youngPersonId()).orElseThrow(ApiException::notFound);
        String preferredName = input.has("preferredName") ? input.optionalText("preferredName", 50).orElse(null)
                : current.preferredName();
        String pronouns = input.has("pronouns") ? input.optionalText("pronouns", 30).orElse(null)
                : current.pronouns();
        String language = input.has("language") ? input.optionalText("language", 35).orElse(null)
                : current.language();
        if (language != null && !LANGUAGE.matcher(language).matches()) {
            throw ApiException.badInput(Input.path("language"), "Use a language tag such as en-GB or cy.");
        }
        var contact = input.nested("contactPreferences").map(p -> new YoungPerson.ContactPreferences(
                p.optionalBoolean("inApp").orElse(false), p.optionalBoolean("email").orElse(false),
                p.optionalBoolean("sms").orElse(false))).orElse(current.contactPreferences());
        YoungPerson updated = new YoungPerson(current.id(), current.firstName(), preferredName, pronouns,
                current.dateOfBirth(), current.legalStatus(), current.localAuthorityId(), language, contact,
                current.firebaseUid(), current.createdAt(), clock.instant());
        people.updateProfile(updated);
        audit.record(context, AuditAction.UPDATE, YoungPerson.TYPE, me.youngPersonId(), me.youngPersonId(),
                "profile updated");
        return updated;
    }

    /** A page of the young people the caller may see; each staff read is audited. */
    public Connections.Connection<YoungPerson> list(RequestContext context, Connections.Page page) {
        List<String> councils = policy.requireCaseworker(context.principal());
        var result = people.pageOfCouncils(councils, page);
        audit.recordReads(context, YoungPerson.TYPE, result.nodes().stream().map(YoungPerson::id).toList(),
                "listed");
        return result;
    }

    /** The visible young people among {@code ids}; staff reads are audited. */
    public Map<String, Object> load(RequestContext context, Collection<String> ids) {
        Map<String, Object> visible = people.findByIds(ids).values().stream()
                .filter(p -> policy.canSee(context.principal(), p))
                .collect(Collectors.toMap(YoungPerson::id, p -> p));
        if (context.principal() instanceof Principal.Staff) {
            audit.recordReads(context, YoungPerson.TYPE, List.copyOf(visible.keySet()), "viewed");
        }
        return visible;
    }

    public Optional<YoungPerson> me(Principal principal) {
        return principal instanceof Principal.YoungPersonUser yp ? people.findById(yp.youngPersonId())
                : Optional.empty();
    }

    private static String hash(String normalisedCode) {
        return PersistedQueries.sha256("invite:" + normalisedCode);
    }

    private static ApiException wrongCode() {
        return new ApiException(ErrorCode.NOT_FOUND, "This code is not right. Check it and try again.",
                Input.path("code"), Map.of());
    }
}
