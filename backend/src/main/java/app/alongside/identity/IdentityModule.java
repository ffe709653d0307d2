package app.alongside.identity;

import app.alongside.audit.AuditModule;
import app.alongside.organisations.OrganisationsModule;
import app.alongside.platform.Foundation;
import app.alongside.platform.Module;
import app.alongside.platform.config.Settings;
import app.alongside.platform.core.ErasableData;
import app.alongside.platform.core.Json;
import app.alongside.platform.core.PersonalDataSection;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.graphql.FieldGate;
import app.alongside.platform.graphql.GraphParts;
import app.alongside.platform.http.RateLimiter;
import app.alongside.platform.store.IndexPlan;
import com.google.firebase.FirebaseApp;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The identity domain: staff accounts and console sessions (settings node {@code auth}), the bootstrap admin,
 * young people and their invites, Firebase ID tokens from apps, how each request's principal is established
 * over HTTP and over a WebSocket, and the access policy.
 */
public final class IdentityModule implements Module {
    private final StaffRepository staff;
    private final YoungPersonRepository people;
    private final IdentityPolicy policy;
    private final StaffAuth staffAuth;
    private final BootstrapAdmin bootstrap;
    private final StaffService staffService;
    private final YoungPeopleService youngPeople;
    private final InviteRepository invites;
    private final Authentication authentication;
    private final AuthEndpoint authEndpoint;
    private final GraphqlWsAuthentication socketAuthentication;
    private final List<Consumer<YoungPerson>> onboarding = new CopyOnWriteArrayList<>();
    private final List<Consumer<YoungPerson>> transfers = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> rosterChanges = new CopyOnWriteArrayList<>();
    private final List<ErasableData> erasable;
    private final int maxPage;

    /**
     * @param requests the limit on GraphQL requests per principal, which authentication applies as it
     *                 establishes who is asking (the WebSocket applies the same one per operation)
     */
    public IdentityModule(Foundation foundation, OrganisationsModule organisations, AuditModule audit,
                          Optional<FirebaseApp> firebase, RateLimiter requests, Json json) {
        Settings auth = foundation.settings().node("auth");
        Clock clock = foundation.clock();
        Passwords passwords = new Passwords();
        this.staff = new StaffRepository(foundation.db());
        this.people = new YoungPersonRepository(foundation.db());
        this.policy = new IdentityPolicy(organisations::find);
        StaffAuth.SessionPolicy sessions = new StaffAuth.SessionPolicy(
                Duration.ofMinutes(auth.integer("session-idle-minutes", 1, 24 * 60)),
                Duration.ofHours(auth.integer("session-absolute-hours", 1, 24 * 30)));
        this.staffAuth = new StaffAuth(staff, new SessionRepository(foundation.db()), organisations.repository(),
                passwords, new RateLimiter("sign-in", auth.integer("sign-in-attempts-per-minute", 1, 10_000),
                Duration.ofMinutes(1)), audit.log(), sessions, clock);
        Settings admin = foundation.settings().node("bootstrap-admin");
        this.bootstrap = new BootstrapAdmin(new BootstrapAdmin.Settings(admin.get("email"), admin.get("password"),
                admin.string("name"), admin.string("organisation")), staff, organisations.repository(), passwords,
                clock);
        this.staffService = new StaffService(staff, organisations.repository(), policy, passwords, staffAuth,
                audit.log(), foundation.idempotency(), clock, id -> rosterChanges.forEach(step -> step.accept(id)));
        this.invites = new InviteRepository(foundation.db());
        this.youngPeople = new YoungPeopleService(people, invites,
                organisations.repository(), policy, audit.log(), foundation.idempotency(),
                new RateLimiter("redeem-invite", auth.integer("invite-attempts-per-hour", 1, 10_000),
                        Duration.ofHours(1)), clock, person -> onboarding.forEach(step -> step.accept(person)),
                person -> transfers.forEach(step -> step.accept(person)));
        Settings tokens = foundation.settings().node("firebase");
        Duration tokenCache = Duration.ofSeconds(tokens.integer("token-cache-seconds", 0, 300));
        this.authentication = new Authentication(CachedTokenVerifier.of(
                FirebaseTokenVerifier.create(firebase, tokens.bool("check-revoked")), tokenCache, clock),
                people, staffAuth, requests, foundation.addresses(), tokenCache, clock);
        this.authEndpoint = new AuthEndpoint(staffAuth, authentication, json,
                AuthEndpoint.CookieSecure.valueOf(auth.string("cookie-secure").toUpperCase(Locale.ROOT)),
                sessions.absolute());
        this.socketAuthentication = new GraphqlWsAuthentication(authentication, staffAuth, foundation.addresses());
        this.maxPage = foundation.maxPage();
        this.erasable = List.of(ErasableData.of("profile", id -> people.eraseProfile(id, clock.instant())),
                ErasableData.of("sessions", id -> closeAccount(id, invites, clock)));
    }

    /** Closes the app account so it can no longer sign in, and unlinks the Firebase uid everywhere it is kept. */
    private long closeAccount(String youngPersonId, InviteRepository invites, Clock clock) {
        List<String> uids = people.closeAccount(youngPersonId, clock.instant());
        uids.forEach(authentication::forget);
        return uids.size() + invites.forgetUids(youngPersonId);
    }

    /** Erases the profile the young person filled in, and closes their app account. */
    @Override
    public List<ErasableData> erasable() {
        return erasable;
    }

    /** Runs {@code step} for each young person whose invite was just redeemed (messaging allocates advocacy). */
    public void whenOnboarded(Consumer<YoungPerson> step) {
        onboarding.add(step);
    }

    /** Runs {@code step} for each young person just moved to another council, as they now are. */
    public void whenTransferred(Consumer<YoungPerson> step) {
        transfers.add(step);
    }

    /** Runs {@code step} with the organisation's id whenever one of its staff is added or deactivated. */
    public void whenRosterChanges(Consumer<String> step) {
        rosterChanges.add(step);
    }

    public IdentityPolicy policy() {
        return policy;
    }

    public YoungPersonRepository people() {
        return people;
    }

    public StaffRepository staff() {
        return staff;
    }

    public YoungPeopleService youngPeople() {
        return youngPeople;
    }

    /** The signed-in young person's council, or null for anybody else. */
    public String ownCouncil(RequestContext context) {
        return youngPeople.me(context.principal()).map(YoungPerson::localAuthorityId).orElse(null);
    }

    /** Who is asking over HTTP: the app's Firebase ID token, or the console's session cookie and CSRF token. */
    public Authentication authentication() {
        return authentication;
    }

    /** The same rules for a GraphQL WebSocket, with the credentials where a socket can carry them. */
    public GraphqlWsAuthentication socketAuthentication() {
        return socketAuthentication;
    }

    /** What a staff member whose password someone else set may run until they change it. */
    public FieldGate passwordChangeGate() {
        return new PasswordChangeGate();
    }

    /** {@code /auth}: the console's sign-in, sign-out and session endpoints. */
    public AuthEndpoint authEndpoint() {
        return authEndpoint;
    }

    @Override
    public List<IndexPlan> indexes() {
        List<IndexPlan> indexes = new ArrayList<>(StaffRepository.indexes());
        indexes.addAll(SessionRepository.indexes());
        indexes.addAll(YoungPersonRepository.indexes());
        indexes.addAll(InviteRepository.indexes());
        return indexes;
    }

    @Override
    public List<PersonalDataSection> exportSections() {
        return List.of(invites.exportSection());
    }

    @Override
    public void wire(GraphParts graph) {
        IdentityWiring.register(graph.wiring(), graph.nodes(), staffService, youngPeople, maxPage);
    }

    @Override
    public void storeReady() {
        bootstrap.run();
    }
}
