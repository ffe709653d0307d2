package app.alongside;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditLog;
import app.alongside.audit.AuditWiring;
import app.alongside.identity.AuthEndpoint;
import app.alongside.identity.Authentication;
import app.alongside.identity.BootstrapAdmin;
import app.alongside.identity.CachedTokenVerifier;
import app.alongside.identity.FirebaseTokenVerifier;
import app.alongside.identity.IdentityPolicy;
import app.alongside.identity.IdentityWiring;
import app.alongside.identity.InviteRepository;
import app.alongside.identity.Passwords;
import app.alongside.identity.SessionRepository;
import app.alongside.identity.StaffAuth;
import app.alongside.identity.StaffRepository;
import app.alongside.identity.StaffService;
import app.alongside.identity.TokenVerifier;
import app.alongside.identity.YoungPeopleService;
import app.alongside.identity.YoungPerson;
import app.alongside.identity.YoungPersonRepository;
import app.alongside.messaging.AdvocacyRepository;
import app.alongside.messaging.AdvocacyService;
import app.alongside.messaging.ChangeStreamEventBus;
import app.alongside.messaging.EventBus;
import app.alongside.messaging.InProcessEventBus;
import app.alongside.messaging.LiveEvents;
import app.alongside.messaging.MessageRepository;
import app.alongside.messaging.MessagingPolicy;
import app.alongside.messaging.MessagingService;
import app.alongside.messaging.MessagingWiring;
import app.alongside.messaging.Safeguarding;
import app.alongside.messaging.ServiceSettingsRepository;
import app.alongside.messaging.ThreadRepository;
import app.alongside.messaging.WorkingHours;
import app.alongside.organisations.Organisation;
import app.alongside.organisations.OrganisationPolicy;
import app.alongside.organisations.OrganisationRepository;
import app.alongside.organisations.OrganisationService;
import app.alongside.organisations.OrganisationsWiring;
import app.alongside.platform.ClientAddresses;
import app.alongside.platform.Compression;
import app.alongside.platform.ServerTls;
import app.alongside.platform.DataLoaders;
import app.alongside.platform.Draining;
import app.alongside.platform.Idempotency;
import app.alongside.platform.RateLimiter;
import app.alongside.platform.EmbeddedMongo;
import app.alongside.platform.GraphqlEndpoint;
import app.alongside.platform.GraphqlEngine;
import app.alongside.platform.GraphqlMetrics;
import app.alongside.platform.GraphqlWebSocket;
import app.alongside.identity.GraphqlWsAuthentication;
import app.alongside.platform.HttpFilters;
import app.alongside.platform.IndexPlan;
import app.alongside.platform.Json;
import app.alongside.platform.Nodes;
import app.alongside.platform.OperationLimits;
import app.alongside.platform.PersistedQueries;
import app.alongside.platform.PlatformWiring;
import app.alongside.platform.SchemaLoader;
import app.alongside.platform.Settings;
import app.alongside.platform.Store;
import app.alongside.platform.StoreHealth;
import app.alongside.platform.StoreSchema;
import app.alongside.platform.PersonalDataSection;
import app.alongside.platform.Periodic;
import app.alongside.messaging.AllocationEscalationPushSource;
import app.alongside.messaging.MessagingExport;
import app.alongside.messaging.MessagingPushSource;
import app.alongside.messaging.ThreadEscalationPushSource;
import app.alongside.opportunities.OpportunitiesPushSource;
import app.alongside.records.RecordsPushSource;
import app.alongside.opportunities.InterestRepository;
import app.alongside.opportunities.OpportunitiesService;
import app.alongside.opportunities.OpportunitiesWiring;
import app.alongside.opportunities.OpportunityRepository;
import app.alongside.platform.Wiring;
import app.alongside.identity.StaffMember;
import app.alongside.records.CodeCatalogue;
import app.alongside.records.DataExport;
import app.alongside.records.GoalRepository;
import app.alongside.records.GoalsService;
import app.alongside.records.MissionSummaries;
import app.alongside.records.RecordIndex;
import app.alongside.records.RecordRepository;
import app.alongside.records.RecordsMaintenance;
import app.alongside.records.RecordsPolicy;
import app.alongside.records.RecordsService;
import app.alongside.records.RecordsWiring;
import app.alongside.platform.Firebase;
import app.alongside.push.DeviceRepository;
import app.alongside.push.FcmSender;
import app.alongside.push.NotificationRepository;
import app.alongside.push.PreferencesRepository;
import app.alongside.push.PushDispatcher;
import app.alongside.push.PushHealth;
import app.alongside.push.PushMetrics;
import app.alongside.push.PushOutbox;
import app.alongside.push.PushSender;
import app.alongside.push.PushService;
import app.alongside.push.PushSource;
import app.alongside.push.PushWiring;
import com.google.firebase.FirebaseApp;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsCommandListener;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsConnectionPoolListener;
import app.alongside.messaging.BankHolidays;
import app.alongside.messaging.ServiceLevels;
import app.alongside.platform.CachedGauges;
import app.alongside.platform.KnownOperations;
import app.alongside.platform.Meters;
import app.alongside.platform.Tracing;
import app.alongside.platform.TracingCommandListener;
import app.alongside.push.ObservedPushSender;
import app.alongside.push.PushQueueGauges;
import graphql.schema.GraphQLSchema;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.staticcontent.StaticContentService;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The composition root: reads settings, opens the store, builds every domain with {@code new}, wires the schema
 * and starts the web server. {@link Main} runs it for real; tests start it with their own settings and clock.
 */
public final class App implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(App.class.getName());
    private static final Duration EMBEDDED_READY_WAIT = Duration.ofMinutes(2);
    private static final Duration REMOTE_READY_WAIT = Duration.ofSeconds(10);
    private static final String OBSERVE_SOCKET = "observe";
    private static final String METRICS_PATH = "/observe/metrics";

    private final WebServer server;
    private final Store store;
    private final EmbeddedMongo embedded;
    private final Thread schemaThread;

    private final Draining draining;
    private final Duration grace;
    private final EventBus events;
    private final List<AutoCloseable> workers;
    private final PushDispatcher push;
    private final Optional<FirebaseApp> firebase;
    private final Tracing tracing;
    private final CachedGauges storeGauges;

    private App(WebServer server, Store store, EmbeddedMongo embedded, Thread schemaThread, Draining draining,
                Duration grace, List<AutoCloseable> workers, EventBus events, PushDispatcher push,
                Optional<FirebaseApp> firebase, Tracing tracing, CachedGauges storeGauges) {
        this.tracing = tracing;
        this.storeGauges = storeGauges;
        this.workers = workers;
        this.events = events;
        this.push = push;
        this.firebase = firebase;
        this.draining = draining;
        this.grace = grace;
        this.server = server;
        this.store = store;
        this.embedded = embedded;
        this.schemaThread = schemaThread;
    }

    /** Builds everything and starts listening. Throws {@link app.alongside.platform.StartupException} on bad config. */
    public static App start(Settings settings, Clock clock) {
        return start(settings, clock, Extras.NONE);
    }

    /**
     * Parts tests swap in: listeners told of every database command, and push sources besides the domains' own
     * (a test collection that drives the dispatcher).
     */
    public record Extras(List<CommandListener> commandListeners, List<PushSource> pushSources) {
        public static final Extras NONE = new Extras(List.of(), List.of());
    }

    /** As {@link #start(Settings, Clock)}, with test parts. */
    public static App start(Settings settings, Clock clock, Extras extras) {
        Optional<String> uri = settings.get("mongodb.uri");
        EmbeddedMongo embedded = uri.isEmpty() ? EmbeddedMongo.start(Path.of(settings.string("data-dir"))) : null;
        try {
            return start(settings, clock, embedded, uri.orElseGet(() -> embedded.connectionString()), extras);
        } catch (RuntimeException | Error e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    private static App start(Settings settings, Clock clock, EmbeddedMongo embedded, String uri, Extras extras) {
        Json json = new Json(settings.integer("graphql.max-json-depth", 2, 500));
        Meters meters = Meters.global();
        Tracing tracing = Tracing.create(settings.get("otel.exporter.otlp.endpoint"),
                settings.string("otel.service-name"));
        List<CommandListener> commandListeners = new ArrayList<>(extras.commandListeners());
        commandListeners.add(new MongoMetricsCommandListener(meters.registry()));
        commandListeners.add(new TracingCommandListener(tracing.tracer()));
        Store store = Store.connect(uri, settings.string("mongodb.database"), commandListeners,
                List.of(new MongoMetricsConnectionPoolListener(meters.registry())));
        Optional<FirebaseApp> firebase = Optional.empty();
        try {
            firebase = Firebase.start(firebaseSettings(settings));
            return assemble(settings, clock, embedded, store, json, firebase, extras,
                    new Observability(meters, tracing));
        } catch (RuntimeException | Error e) {
            firebase.ifPresent(FirebaseApp::delete);
            store.close();
            tracing.close();
            throw e;
        }
    }

    /** The meters and the tracer every part that reports shares. */
    private record Observability(Meters meters, Tracing tracing) {
    }

    private static Firebase.Settings firebaseSettings(Settings settings) {
        return new Firebase.Settings(settings.get("firebase.project-id"), settings.get("firebase.auth-emulator-host"),
                settings.get("fcm.endpoint"));
    }

    private static App assemble(Settings settings, Clock clock, EmbeddedMongo embedded, Store store, Json json,
                                Optional<FirebaseApp> firebase, Extras extras, Observability observe) {
        MongoDatabase db = store.db();
        int maxPage = settings.integer("graphql.max-page-size", 1, 1000);
        List<IndexPlan> indexes = new ArrayList<>();
        indexes.addAll(OrganisationRepository.indexes());
        indexes.addAll(StaffRepository.indexes());
        indexes.addAll(SessionRepository.indexes());
        indexes.addAll(YoungPersonRepository.indexes());
        indexes.addAll(InviteRepository.indexes());
        indexes.addAll(AuditLog.indexes());
        indexes.addAll(RecordRepository.indexes());
        indexes.addAll(GoalRepository.indexes());
        indexes.addAll(OpportunityRepository.indexes());
        indexes.addAll(InterestRepository.indexes());
        indexes.addAll(ThreadRepository.indexes());
        indexes.addAll(MessageRepository.indexes());
        indexes.addAll(AdvocacyRepository.indexes());
        indexes.addAll(ServiceSettingsRepository.indexes());
        indexes.addAll(ServiceLevels.indexes());
        boolean changeStreams = eventBusKind(settings).equals("change-streams");
        if (changeStreams) {
            indexes.addAll(ChangeStreamEventBus.indexes());
        }
        indexes.addAll(DeviceRepository.indexes());
        indexes.addAll(NotificationRepository.indexes());
        List<PushSource> pushSources = new ArrayList<>(extras.pushSources());
        pushSources.addAll(domainPushSources(db, clock));
        pushSources.forEach(source -> indexes.add(PushOutbox.index(source.collection())));
        StoreSchema storeSchema = new StoreSchema(store, indexes, RecordIndex.MIGRATIONS, clock);

        OrganisationRepository organisations = new OrganisationRepository(db);
        StaffRepository staff = new StaffRepository(db);
        YoungPersonRepository people = new YoungPersonRepository(db);
        AuditLog audit = new AuditLog(db, clock, id -> organisations.findById(id).map(Organisation::name));
        Idempotency idempotency = new Idempotency(db, clock);
        Passwords passwords = new Passwords();
        IdentityPolicy identityPolicy = new IdentityPolicy(organisations::findById);
        OrganisationPolicy organisationPolicy = new OrganisationPolicy();
        StaffAuth.SessionPolicy sessions = new StaffAuth.SessionPolicy(
                Duration.ofMinutes(settings.integer("auth.session-idle-minutes", 1, 24 * 60)),
                Duration.ofHours(settings.integer("auth.session-absolute-hours", 1, 24 * 30)));
        StaffAuth staffAuth = new StaffAuth(staff, new SessionRepository(db), organisations, passwords,
                new RateLimiter("sign-in", settings.integer("auth.sign-in-attempts-per-minute", 1, 10_000),
                        Duration.ofMinutes(1)), audit, sessions, clock);
        BootstrapAdmin bootstrap = new BootstrapAdmin(new BootstrapAdmin.Settings(
                settings.get("bootstrap-admin.email"), settings.get("bootstrap-admin.password"),
                settings.string("bootstrap-admin.name"), settings.string("bootstrap-admin.organisation")),
                staff, organisations, passwords, clock);
        storeSchema.afterReady(bootstrap::run);
        TokenVerifier tokens = CachedTokenVerifier.of(FirebaseTokenVerifier.create(firebase,
                settings.bool("firebase.check-revoked")),
                Duration.ofSeconds(settings.integer("firebase.token-cache-seconds", 0, 300)), clock);
        OrganisationService organisationService = new OrganisationService(organisations, organisationPolicy, audit,
                idempotency, clock);
        StaffService staffService = new StaffService(staff, organisations, identityPolicy, passwords, staffAuth,
                audit, idempotency, clock);
        EventBus events = changeStreams ? new ChangeStreamEventBus(db, clock) : new InProcessEventBus();
        Messaging messaging = messaging(settings, db, clock, storeSchema, audit, idempotency, events, people, staff,
                organisations);
        YoungPeopleService youngPeople = new YoungPeopleService(people, new InviteRepository(db), organisations,
                identityPolicy, audit, idempotency, new RateLimiter("redeem-invite",
                settings.integer("auth.invite-attempts-per-hour", 1, 10_000), Duration.ofHours(1)), clock,
                messaging.advocacy()::ensure);

        Wiring wiring = new Wiring();
        Nodes nodes = new Nodes(db, (context, type, id, subjectId) -> audit.record(context,
                AuditAction.ACCESS_DENIED, type, id, subjectId, "refused by node(id:)"));
        DataLoaders dataLoaders = new DataLoaders();
        PlatformWiring.register(wiring, nodes, clock);
        OrganisationsWiring.register(wiring, nodes, dataLoaders, organisationService, organisations,
                organisationPolicy, maxPage, context -> youngPeople.me(context.principal())
                        .map(YoungPerson::localAuthorityId).orElse(null));
        IdentityWiring.register(wiring, nodes, staffService, youngPeople, maxPage);
        AuditWiring.register(wiring, audit, identityPolicy, maxPage);
        MessagingWiring.register(wiring, nodes, dataLoaders, new MessagingWiring.Parts(messaging.advocacy(),
                messaging.messaging(), messaging.safeguarding(), messaging.live(), messaging.policy(), youngPeople,
                people, staff, audit, maxPage));
        OpportunityRepository opportunityRepository = new OpportunityRepository(db);
        OpportunitiesService opportunities = new OpportunitiesService(opportunityRepository,
                new InterestRepository(db), organisations, people, identityPolicy, audit, idempotency, clock);
        RecordsWiring.Services records = records(settings, db, people, staff, identityPolicy, audit, idempotency,
                List.of(MessagingExport.section(db), opportunities.exportSection()), clock);
        RecordsWiring.register(wiring, nodes, dataLoaders, records, maxPage);
        RecordsMaintenance maintenance = new RecordsMaintenance(new RecordRepository(db), Duration.ofSeconds(
                settings.integer("records.maintenance-interval-seconds", 1, 86_400)), clock);
        storeSchema.afterReady(maintenance::start);
        OpportunitiesWiring.register(wiring, nodes, dataLoaders, opportunities, maxPage);
        Periodic closing = new Periodic("opportunities-closing", Duration.ofSeconds(settings.integer(
                "opportunities.close-interval-seconds", 1, 86_400)), opportunities::closeExpired);
        storeSchema.afterReady(closing::start);
        DeviceRepository devices = new DeviceRepository(db);
        PreferencesRepository pushPreferences = new PreferencesRepository(db);
        NotificationRepository notifications = new NotificationRepository(db);
        PushWiring.register(wiring, nodes, new PushService(devices, pushPreferences, audit, clock), notifications,
                identityPolicy, maxPage);
        PushDispatcher push = new PushDispatcher(db, pushSources, notifications, devices, pushPreferences,
                pushSender(settings, firebase).map(sender -> new ObservedPushSender(sender, observe.meters(),
                        observe.tracing().tracer())), PushMetrics.global(), clock, pushSettings(settings));
        Duration pushRetention = Duration.ofDays(settings.integer("push.retention-days", 8, 3650));
        Periodic pushUpkeep = new Periodic("push-retention", Duration.ofHours(1),
                () -> notifications.purgeBefore(clock.instant().minus(pushRetention)));
        storeSchema.afterReady(pushUpkeep::start);
        CachedGauges storeGauges = new CachedGauges(observe.meters());
        PushQueueGauges.register(storeGauges, db, clock);
        ServiceLevels.register(storeGauges, db, clock);
        storeSchema.afterReady(storeGauges::start);
        BankHolidays bankHolidays = new BankHolidays(bankHolidays(settings), clock);
        bankHolidays.warnAtStart();
        nodes.registerLoaders(dataLoaders);
        GraphQLSchema schema = SchemaLoader.build(wiring);

        PersistedQueries persisted = persistedQueries(settings, json);
        Set<String> knownOperations = new java.util.HashSet<>(KnownOperations.console());
        knownOperations.addAll(KnownOperations.declaredIn(persisted.manifestDocuments()));
        GraphqlMetrics graphqlMetrics = new GraphqlMetrics(observe.meters(), knownOperations);
        GraphqlEngine engine = new GraphqlEngine(schema, persisted,
                new OperationLimits(settings.integer("graphql.max-depth", 2, 100),
                        settings.integer("graphql.max-aliases", 0, 1000),
                        settings.integer("graphql.max-cost", 10, 1_000_000), maxPage),
                settings.bool("graphql.introspection"), graphqlMetrics, dataLoaders::forRequest,
                observe.tracing().tracer());
        int maxBodyBytes = settings.integer("graphql.max-body-bytes", 1024, 10_000_000);
        RateLimiter graphqlLimiter = new RateLimiter("graphql",
                settings.integer("rate-limit.graphql-per-minute", 1, 1_000_000), Duration.ofMinutes(1));
        ClientAddresses addresses = new ClientAddresses(settings.get("trusted-proxies")
                .map(list -> Set.of(list.split(","))).orElse(Set.of()));
        Authentication authentication = new Authentication(tokens, people, staffAuth, graphqlLimiter, addresses);
        GraphqlEndpoint endpoint = new GraphqlEndpoint(engine, graphqlMetrics, json, maxBodyBytes,
                authentication);
        Set<String> origins = allowedOrigins(settings);
        GraphqlWebSocket webSocket = new GraphqlWebSocket(engine, json,
                new GraphqlWsAuthentication(authentication, staffAuth, addresses), graphqlLimiter,
                new GraphqlWebSocket.Limits(maxBodyBytes,
                        Duration.ofSeconds(settings.integer("graphql.ws-init-timeout-seconds", 1, 3600)),
                        settings.integer("graphql.ws-max-operations", 1, 10_000),
                        Duration.ofSeconds(settings.integer("graphql.ws-recheck-seconds", 1, 86_400))), origins,
                new GraphqlWebSocket.Live());
        observe.meters().gauge("graphql.ws.connections", "Open GraphQL WebSocket connections",
                io.micrometer.core.instrument.Tags.empty(), webSocket.live().connections()::get);
        observe.meters().gauge("graphql.ws.subscriptions", "Subscriptions running over GraphQL WebSockets",
                io.micrometer.core.instrument.Tags.empty(), webSocket.live().subscriptions()::get);
        AuthEndpoint authEndpoint = new AuthEndpoint(staffAuth, authentication, json,
                AuthEndpoint.CookieSecure.valueOf(settings.string("auth.cookie-secure").toUpperCase(Locale.ROOT)),
                sessions.absolute());

        Duration grace = Duration.ofSeconds(settings.integer("shutdown-grace-seconds", 0, 300));
        Draining draining = new Draining();
        Optional<javax.net.ssl.SSLContext> tls = ServerTls.from(settings);
        boolean observeApart = settings.get("observe.port").isPresent();
        io.helidon.webserver.observe.ObserveFeatureConfig.Builder observeFeature = ObserveFeature.builder()
                .addObserver(HealthObserver.builder().details(true)
                        .addCheck(new StoreHealth(store, storeSchema)).addCheck(draining)
                        .addCheck(new PushHealth(push)).addCheck(bankHolidays).build());
        io.helidon.webserver.WebServerConfig.Builder serverBuilder = WebServer.builder();
        if (observeApart) {
            // Health and metrics on a port of their own (for the platform's scraper and probes only), not public.
            int observePort = settings.integer("observe.port", 0, 65535);
            serverBuilder.putSocket(OBSERVE_SOCKET, socket -> socket.host(settings.string("host")).port(observePort));
            serverBuilder.routing(OBSERVE_SOCKET, r -> r.get(METRICS_PATH, observe.meters().endpoint()));
            observeFeature.sockets(List.of(OBSERVE_SOCKET));
        }
        WebServer server = serverBuilder
                .host(settings.string("host"))
                .port(settings.integer("port", 0, 65535))
                .shutdownHook(false)
                .shutdownGracePeriod(grace)
                .tls(t -> tls.ifPresentOrElse(t::sslContext, () -> t.enabled(false)))
                // Refusals made before routing (a WebSocket upgrade with another subprotocol) carry their typed
                // message as the body; only messages marked safe are ever sent.
                .errorHandling(io.helidon.webserver.ErrorHandling.builder().includeEntity(true).build())
                .directHandlers(io.helidon.webserver.http.DirectHandlers.builder()
                        .addHandler(io.helidon.http.DirectHandler.EventType.BAD_REQUEST, GraphqlWebSocket.refusals())
                        .build())
                .addFeature(observeFeature.build())
                .routing(routing(origins, endpoint, authEndpoint, observe, !observeApart).addFilter(draining.filter())
                        .addFilter(StoreHealth.signInsOnceReady(storeSchema)))
                .addRouting(webSocket.routing("/graphql"))
                .build();
        storeSchema.afterReady(push::start);
        Thread schemaThread = storeSchema.applyInBackground();
        // Listen once the schema, migrations and bootstrap admin are done, so that the first answer means a sign-in
        // works; a database that is down does not hold the start for long (the server then starts not ready).
        if (!storeSchema.awaitReady(embedded != null ? EMBEDDED_READY_WAIT : REMOTE_READY_WAIT)) {
            LOG.warning("listening before the store is ready: sign-ins answer 503 and readiness is DOWN until it is");
        }
        server.start();
        LOG.info(() -> "Alongside listening on http://" + settings.string("host") + ":" + server.port()
                + " (store: " + (embedded != null ? "embedded" : "MONGODB_URI") + ")"
                + (observeApart ? "; /observe on port " + server.port(OBSERVE_SOCKET) : ""));
        return new App(server, store, embedded, schemaThread, draining, grace,
                List.of(maintenance, closing, pushUpkeep, storeGauges), events, push, firebase, observe.tracing(),
                storeGauges);
    }

    private static RecordsWiring.Services records(Settings settings, MongoDatabase db, YoungPersonRepository people,
                                                  StaffRepository staff, IdentityPolicy identityPolicy,
                                                  AuditLog audit, Idempotency idempotency,
                                                  List<PersonalDataSection> otherSections, Clock clock) {
        RecordRepository recordRepository = new RecordRepository(db);
        GoalRepository goalRepository = new GoalRepository(db);
        RecordIndex index = new RecordIndex(db);
        CodeCatalogue codes = new CodeCatalogue();
        RecordsPolicy policy = new RecordsPolicy(identityPolicy, people::findById, audit);
        RecordsService records = new RecordsService(recordRepository, index, policy, codes, audit, idempotency,
                Duration.ofMinutes(settings.integer("records.undo-window-minutes", 1, 60 * 24 * 30)), clock);
        GoalsService goals = new GoalsService(goalRepository, index, policy, audit, idempotency,
                id -> staff.findById(id).map(StaffMember::name), clock);
        List<PersonalDataSection> sections = new ArrayList<>();
        sections.add(PersonalDataSection.of("profile", id -> people.findById(id).map(YoungPeopleService::export)
                .orElse(null)));
        sections.addAll(DataExport.sections(recordRepository, goalRepository, index));
        sections.addAll(otherSections);
        sections.add(audit.accessLogSection());
        DataExport export = new DataExport(sections, policy, audit, new RateLimiter("export",
                settings.integer("records.exports-per-hour", 1, 1000), Duration.ofHours(1)), clock);
        return new RecordsWiring.Services(records, goals,
                new MissionSummaries(records, goals, index, policy, audit, clock), export, codes, index);
    }

    private static String eventBusKind(Settings settings) {
        String kind = settings.string("messaging.event-bus");
        if (!kind.equals("in-process") && !kind.equals("change-streams")) {
            throw new app.alongside.platform.StartupException(
                    "MESSAGING_EVENT_BUS must be in-process or change-streams, not '" + kind + "'");
        }
        return kind;
    }

    /** The messaging domain's services, built before identity's so that onboarding can allocate advocacy. */
    private record Messaging(AdvocacyService advocacy, MessagingService messaging, Safeguarding safeguarding,
                             LiveEvents live, MessagingPolicy policy) {
    }

    private static Messaging messaging(Settings settings, MongoDatabase db, Clock clock, StoreSchema storeSchema,
                                       AuditLog audit, Idempotency idempotency, EventBus events,
                                       YoungPersonRepository people, StaffRepository staff,
                                       OrganisationRepository organisations) {
        WorkingHours hours = WorkingHours.england(bankHolidays(settings));
        ThreadRepository threads = new ThreadRepository(db);
        MessageRepository messages = new MessageRepository(db);
        AdvocacyRepository advocacy = new AdvocacyRepository(db);
        ServiceSettingsRepository serviceSettings = new ServiceSettingsRepository(db);
        MessagingPolicy policy = new MessagingPolicy(people, staff, organisations);
        Safeguarding safeguarding = new Safeguarding(serviceSettings, threads, policy, audit, idempotency, events,
                settings.string("messaging.urgent-help-text"), clock);
        storeSchema.afterReady(safeguarding::seed);
        AdvocacyService advocacyService = new AdvocacyService(advocacy, threads, messages, serviceSettings, people,
                organisations, policy, audit, events, hours, clock);
        MessagingService messagingService = new MessagingService(threads, messages, advocacy, serviceSettings,
                people, policy, safeguarding, audit, idempotency, events, hours, clock);
        LiveEvents live = new LiveEvents(events, messagingService, policy, audit,
                settings.integer("messaging.subscription-buffer", 1, 100_000));
        return new Messaging(advocacyService, messagingService, safeguarding, live, policy);
    }

    private static Set<java.time.LocalDate> bankHolidays(Settings settings) {
        String list = settings.get("messaging.bank-holidays").orElse("");
        try {
            return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(java.time.LocalDate::parse).collect(Collectors.toUnmodifiableSet());
        } catch (java.time.DateTimeException e) {
            throw new app.alongside.platform.StartupException("MESSAGING_BANK_HOLIDAYS must be ISO dates "
                    + "(YYYY-MM-DD) separated by commas: " + e.getMessage(), e);
        }
    }

    /** The push needs every domain records in its own documents. */
    private static List<PushSource> domainPushSources(MongoDatabase db, Clock clock) {
        List<PushSource> sources = new ArrayList<>(RecordsPushSource.sources());
        sources.addAll(OpportunitiesPushSource.sources(new OpportunityRepository(db), new YoungPersonRepository(db),
                new OrganisationRepository(db), clock));
        sources.addAll(List.of(new MessagingPushSource(), new ThreadEscalationPushSource(),
                new AllocationEscalationPushSource()));
        return sources;
    }

    private static Optional<PushSender> pushSender(Settings settings, Optional<FirebaseApp> firebase) {
        if (firebase.isEmpty() || !firebaseSettings(settings).canSendPushes()) {
            LOG.warning("Push notifications are not sent: set FIREBASE_PROJECT_ID and GOOGLE_APPLICATION_CREDENTIALS "
                    + "(or FCM_ENDPOINT with a demo-* project). They wait in the store until then.");
            return Optional.empty();
        }
        return Optional.of(new FcmSender(firebase.get()));
    }

    private static PushDispatcher.Settings pushSettings(Settings settings) {
        return new PushDispatcher.Settings(
                Duration.ofMillis(settings.integer("push.poll-interval-ms", 10, 3_600_000)),
                Duration.ofSeconds(settings.integer("push.lease-seconds", 5, 3600)),
                settings.integer("push.batch-size", 1, 500),
                settings.integer("push.max-attempts", 1, 100),
                settings.integer("push.senders", 1, 64),
                settings.bool("push.dispatcher-enabled"));
    }

    private static Set<String> allowedOrigins(Settings settings) {
        return settings.get("cors.allowed-origins")
                .map(list -> Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }

    private static HttpRouting.Builder routing(Set<String> origins, GraphqlEndpoint endpoint, AuthEndpoint auth,
                                               Observability observe, boolean metricsHere) {
        HttpRouting.Builder routing = HttpRouting.builder();
        if (metricsHere) {
            routing.get(METRICS_PATH, observe.meters().endpoint());
        }
        return routing
                .addFilter(HttpFilters.requestIds(observe.tracing(), observe.meters()))
                .addFilter(HttpFilters.securityHeaders())
                .addFilter(HttpFilters.cors(origins))
                .addFilter(new Compression(Compression.DEFAULT_THRESHOLD, Compression.brotliAvailable()).filter())
                .register("/graphql", endpoint)
                .register("/auth", auth)
                .register("/console", StaticContentService.builder("console").welcomeFileName("index.html").build())
                .get("/", (req, res) -> res.status(io.helidon.http.Status.TEMPORARY_REDIRECT_307)
                        .header(io.helidon.http.HeaderNames.LOCATION, "/console/").send());
    }

    private static PersistedQueries persistedQueries(Settings settings, Json json) {
        boolean only = settings.bool("graphql.persisted-queries-only");
        Map<String, String> manifest = settings.get("graphql.persisted-queries-manifest")
                .map(paths -> PersistedQueries.readManifests(paths, json))
                .orElse(Map.of());
        if (only && manifest.isEmpty()) {
            throw new app.alongside.platform.StartupException("GRAPHQL_PERSISTED_QUERIES_ONLY is true but "
                    + "GRAPHQL_PERSISTED_QUERIES_MANIFEST names no manifest with operations");
        }
        return new PersistedQueries(manifest, settings.integer("graphql.apq-cache-size", 0, 1_000_000), only);
    }

    private static void closeQuietly(AutoCloseable worker) {
        try {
            worker.close();
        } catch (Exception e) {
            LOG.warning("a background worker did not stop cleanly: " + e);
        }
    }

    public int port() {
        return server.port();
    }

    /** The port of {@code /observe} when {@code OBSERVE_PORT} is set, else the public port. */
    public int observePort() {
        int observe = server.port(OBSERVE_SOCKET);
        return observe > 0 ? observe : server.port();
    }

    public Store store() {
        return store;
    }

    /** The gauges read from the store, for tests that refresh them by hand rather than wait for the next round. */
    public CachedGauges storeGauges() {
        return storeGauges;
    }

    /** The push dispatcher, for tests that drive it by hand on a fixed clock. */
    public PushDispatcher push() {
        return push;
    }

    /**
     * Graceful stop: readiness goes DOWN and new requests get 503 while those in flight finish (up to the grace
     * period); then the server stops and the store closes cleanly.
     */
    @Override
    public void close() {
        LOG.info("Alongside stopping: draining requests (up to " + grace.toSeconds() + " s)");
        if (!draining.drain(grace)) {
            LOG.warning("stopping with requests still in flight after " + grace.toSeconds() + " s");
        }
        server.stop();
        events.close();
        schemaThread.interrupt();
        push.close();
        workers.forEach(App::closeQuietly);
        firebase.ifPresent(FirebaseApp::delete);
        store.close();
        if (embedded != null) {
            embedded.close();
        }
        tracing.close();
        LOG.info("Alongside stopped");
    }
}
