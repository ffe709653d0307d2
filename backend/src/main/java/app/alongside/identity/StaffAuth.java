package app.alongside.identity;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditLog;
import app.alongside.kernel.Principal;
import app.alongside.organisations.Organisation;
import app.alongside.organisations.OrganisationRepository;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.Ids;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.graphql.PersistedQueries;
import app.alongside.platform.http.RateLimiter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Staff sign-in with email and password, and the console sessions it starts. Five failures in a row lock the
 * account, for a minute and then twice as long after each further failure (at most an hour); every client address
 * is rate-limited as well. Sessions end after an idle time and an absolute time, and deactivation or a password
 * change ends them at once.
 */
public final class StaffAuth {
    private static final int FREE_FAILURES = 5;
    private static final Duration MAX_LOCK = Duration.ofHours(1);
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    /** A started session: the cookie token (never stored) and the CSRF token the console must echo. */
    public record SignIn(String token, String csrfToken, StaffMember staff, Instant expiresAt) {
    }

    /** How long sessions last. */
    public record SessionPolicy(Duration idle, Duration absolute) {
    }

    private final StaffRepository staff;
    private final SessionRepository sessions;
    private final OrganisationRepository organisations;
    private final Passwords passwords;
    private final RateLimiter signInLimiter;
    private final AuditLog audit;
    private final SessionPolicy policy;
    private final Clock clock;
    private final Map<String, ReentrantLock> accountLocks = new ConcurrentHashMap<>();

    public StaffAuth(StaffRepository staff, SessionRepository sessions, OrganisationRepository organisations,
                     Passwords passwords, RateLimiter signInLimiter, AuditLog audit, SessionPolicy policy,
                     Clock clock) {
        this.staff = staff;
        this.sessions = sessions;
        this.organisations = organisations;
        this.passwords = passwords;
        this.signInLimiter = signInLimiter;
        this.audit = audit;
        this.policy = policy;
        this.clock = clock;
    }

    public SignIn signIn(String email, String password, String clientAddress, String requestId) {
        signInLimiter.acquire("ip:" + clientAddress);
        Instant now = clock.instant();
        RequestContext anonymous = new RequestContext(requestId, Principal.ANONYMOUS, clientAddress);
        Optional<StaffMember> found = staff.findByEmail(email);
        if (found.isEmpty()) {
            passwords.matches(password, null);
            throw wrongCredentials();
        }
        StaffMember member = found.get();
        if (!checkPassword(member.id(), password)) {
            audit.record(anonymous, AuditAction.SIGN_IN_FAILED, StaffMember.TYPE, member.id(), null,
                    "wrong password or locked");
            throw wrongCredentials();
        }
        Organisation org = organisations.findById(member.organisationId()).orElseThrow(StaffAuth::wrongCredentials);
        if (!member.active() || !org.active()) {
            throw new ApiException(ErrorCode.UNAUTHENTICATED, "This account is deactivated.");
        }
        staff.recordSignIn(member.id(), now);
        String token = Ids.secret(32);
        String csrf = Ids.secret(24);
        Instant absolute = now.plus(policy.absolute());
        String sessionId = PersistedQueries.sha256(token);
        sessions.insert(new Session(sessionId, member.id(), csrf, now, now, now.plus(policy.idle()), absolute));
        audit.record(new RequestContext(requestId, principal(member, org, sessionId), clientAddress),
                AuditAction.SIGN_IN, StaffMember.TYPE, member.id(), null, null);
        return new SignIn(token, csrf, member, absolute);
    }

    /**
     * Checks a staff member's password under the lockout: one check at a time per account (so parallel guesses
     * cannot slip past the count), none while locked, and every failure counted. A locked account answers exactly
     * like a wrong password, after the same work, so the lockout does not reveal which addresses have accounts.
     */
    public boolean checkPassword(String staffId, String password) {
        ReentrantLock lock = accountLocks.computeIfAbsent(staffId, id -> new ReentrantLock());
        lock.lock();
        try {
            StaffMember member = staff.findById(staffId).orElseThrow(StaffAuth::wrongCredentials);
            Instant now = clock.instant();
            if (member.lockedUntil() != null && member.lockedUntil().isAfter(now)) {
                passwords.matches(password, null);
                return false;
            }
            if (passwords.matches(password, member.passwordHash())) {
                return true;
            }
            int failures = staff.countFailedSignIn(staffId, now);
            if (failures >= FREE_FAILURES) {
                Duration pause = Duration.ofMinutes(1L << Math.min(failures - FREE_FAILURES, 6));
                staff.lockUntil(staffId, now.plus(pause.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : pause));
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The staff principal for a session cookie. The CSRF token must match; an unknown, expired or revoked session,
     * or a deactivated account, is {@link ErrorCode#UNAUTHENTICATED}.
     */
    public Principal.Staff authenticate(String token, Optional<String> csrfHeader) {
        return authenticate(token, csrfHeader, true);
    }

    /**
     * As {@link #authenticate}, but not activity: the session's idle time is not extended. For checks that run by
     * themselves, such as an open socket's periodic re-check.
     */
    public Principal.Staff recheck(String token, Optional<String> csrfHeader) {
        return authenticate(token, csrfHeader, false);
    }

    private Principal.Staff authenticate(String token, Optional<String> csrfHeader, boolean activity) {
        String sessionId = PersistedQueries.sha256(token);
        Session session = sessions.findById(sessionId).orElseThrow(StaffAuth::sessionEnded);
        Instant now = clock.instant();
        if (now.isAfter(session.idleExpiresAt()) || now.isAfter(session.absoluteExpiresAt())) {
            sessions.delete(sessionId);
            throw sessionEnded();
        }
        if (csrfHeader.isEmpty() || !constantTimeEquals(csrfHeader.get(), session.csrfToken())) {
            throw new ApiException(ErrorCode.FORBIDDEN,
                    "The X-CSRF-Token header is missing or wrong: requests signed in with a cookie must send it.");
        }
        StaffMember member = staff.findById(session.staffId()).filter(StaffMember::active)
                .orElseThrow(StaffAuth::sessionEnded);
        Organisation org = organisations.findById(member.organisationId()).filter(Organisation::active)
                .orElseThrow(StaffAuth::sessionEnded);
        if (activity && Duration.between(session.lastSeenAt(), now).compareTo(TOUCH_EVERY) > 0) {
            Instant idle = now.plus(policy.idle());
            sessions.touch(sessionId, now, idle.isAfter(session.absoluteExpiresAt()) ? session.absoluteExpiresAt()
                    : idle);
        }
        return principal(member, org, sessionId);
    }

    /** The CSRF token of a live session, for a console page that was reloaded. */
    public Optional<Session> session(String token) {
        Instant now = clock.instant();
        return sessions.findById(PersistedQueries.sha256(token))
                .filter(s -> now.isBefore(s.idleExpiresAt()) && now.isBefore(s.absoluteExpiresAt()));
    }

    public void signOut(RequestContext context) {
        if (context.principal() instanceof Principal.Staff member) {
            sessions.delete(member.sessionId());
            audit.record(context, AuditAction.SIGN_OUT, StaffMember.TYPE, member.staffId(), null, null);
        }
    }

    /** Ends every session of {@code staffId} but {@code keep}. */
    public void endSessions(String staffId, String keep) {
        sessions.deleteAllFor(staffId, keep);
    }

    private static Principal.Staff principal(StaffMember member, Organisation org, String sessionId) {
        return new Principal.Staff(member.id(), org.id(), org.name(), org.kind(), member.role(), sessionId,
                member.passwordChangeRequired());
    }

    private static boolean constantTimeEquals(String a, String b) {
        return java.security.MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static ApiException wrongCredentials() {
        return new ApiException(ErrorCode.UNAUTHENTICATED, "The email address or password is wrong.");
    }

    private static ApiException sessionEnded() {
        return new ApiException(ErrorCode.UNAUTHENTICATED, "Your session has ended. Sign in again.");
    }
}
