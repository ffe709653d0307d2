package app.alongside.messaging;

import app.alongside.audit.AuditModule;
import app.alongside.identity.IdentityModule;
import app.alongside.identity.YoungPerson;
import app.alongside.organisations.OrganisationsModule;
import app.alongside.platform.Foundation;
import app.alongside.platform.Module;
import app.alongside.platform.config.Settings;
import app.alongside.platform.config.StartupException;
import app.alongside.platform.core.PersonalDataSection;
import app.alongside.platform.graphql.GraphParts;
import app.alongside.platform.store.IndexPlan;
import app.alongside.platform.store.Migration;
import app.alongside.push.PushSource;
import com.mongodb.client.MongoDatabase;
import io.helidon.health.HealthCheck;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The messaging domain (settings node {@code messaging}): advocacy allocation, threads and messages with the
 * response standard's clock, safeguarding phrases and urgent help, live events over the event bus (in-process, or
 * MongoDB change streams across instances), its push sources, its export section and the service-level gauges.
 */
public final class MessagingModule implements Module {
    private final MongoDatabase db;
    private final boolean changeStreams;
    private final EventBus events;
    private final AdvocacyService advocacy;
    private final MessagingService messaging;
    private final Conversations conversations;
    private final Safeguarding safeguarding;
    private final LiveEvents live;
    private final MessagingPolicy policy;
    private final BankHolidays bankHolidays;
    private final IdentityModule identity;
    private final AuditModule audit;
    private final int maxPage;

    public MessagingModule(Foundation foundation, IdentityModule identity, OrganisationsModule organisations,
                           AuditModule audit) {
        Settings settings = foundation.settings().node("messaging");
        Clock clock = foundation.clock();
        this.db = foundation.db();
        this.identity = identity;
        this.audit = audit;
        this.maxPage = foundation.maxPage();
        this.changeStreams = eventBusKind(settings).equals("change-streams");
        this.events = changeStreams ? new ChangeStreamEventBus(db, clock) : new InProcessEventBus();
        Set<LocalDate> holidays = bankHolidays(settings);
        this.bankHolidays = new BankHolidays(holidays, clock);
        WorkingHours hours = WorkingHours.england(holidays);
        ThreadRepository threads = new ThreadRepository(db);
        MessageRepository messages = new MessageRepository(db);
        AdvocacyRepository allocations = new AdvocacyRepository(db);
        ServiceSettingsRepository serviceSettings = new ServiceSettingsRepository(db);
        this.policy = new MessagingPolicy(identity.people(), identity.staff(), organisations.repository());
        Duration cache = Duration.ofSeconds(settings.integer("service-cache-seconds", 0, 3600));
        this.safeguarding = new Safeguarding(serviceSettings, threads, policy, audit.log(), foundation.idempotency(),
                events, settings.string("urgent-help-text"), cache, clock);
        ServiceRoster roster = new ServiceRoster(identity.staff(), serviceSettings, cache, clock);
        identity.whenRosterChanges(roster::forget);
        this.advocacy = new AdvocacyService(allocations, threads, messages, serviceSettings, identity.people(),
                organisations.repository(), policy, audit.log(), events, hours, clock, roster::forget);
        this.conversations = new Conversations(threads, messages, identity.people(), policy, audit.log(),
                foundation.idempotency(), events, clock);
        this.messaging = new MessagingService(threads, messages, roster, conversations, policy, safeguarding,
                audit.log(), foundation.idempotency(), events, hours, clock);
        this.live = new LiveEvents(events, conversations, policy, audit.log(),
                settings.integer("subscription-buffer", 1, 100_000));
        ServiceLevels.register(foundation.gauges(), db, clock);
        bankHolidays.warnAtStart();
    }

    /** Allocates a newly onboarded young person to their council's advocacy service (opt-out advocacy). */
    public void allocate(YoungPerson person) {
        advocacy.ensure(person);
    }

    public List<PushSource> pushSources() {
        return List.of(new MessagingPushSource(), new ThreadEscalationPushSource(),
                new AllocationEscalationPushSource());
    }

    @Override
    public List<PersonalDataSection> exportSections() {
        return List.of(MessagingExport.section(db));
    }

    /** Readiness is DOWN when this year's bank holidays are missing (the response clock would count them). */
    public HealthCheck bankHolidays() {
        return bankHolidays;
    }

    @Override
    public List<IndexPlan> indexes() {
        List<IndexPlan> indexes = new ArrayList<>(ThreadRepository.indexes());
        indexes.addAll(MessageRepository.indexes());
        indexes.addAll(AdvocacyRepository.indexes());
        indexes.addAll(ServiceSettingsRepository.indexes());
        indexes.addAll(ServiceLevels.indexes());
        if (changeStreams) {
            indexes.addAll(ChangeStreamEventBus.indexes());
        }
        return indexes;
    }

    @Override
    public List<Migration> migrations() {
        return Stream.concat(AdvocacyRepository.MIGRATIONS.stream(), Stream.of(Safeguarding.WITHHOLD_EARLIER_ENTRIES))
                .toList();
    }

    @Override
    public void wire(GraphParts graph) {
        MessagingWiring.register(graph.wiring(), graph.nodes(), graph.loaders(), new MessagingWiring.Parts(advocacy,
                messaging, conversations, safeguarding, live, policy, identity.youngPeople(), identity.people(),
                identity.staff(), audit.log(), maxPage));
    }

    @Override
    public void storeReady() {
        safeguarding.seed();
    }

    @Override
    public void close() {
        events.close();
    }

    private static String eventBusKind(Settings settings) {
        String kind = settings.string("event-bus");
        if (!kind.equals("in-process") && !kind.equals("change-streams")) {
            throw new StartupException("MESSAGING_EVENT_BUS must be in-process or change-streams, not '" + kind
                    + "'");
        }
        return kind;
    }

    private static Set<LocalDate> bankHolidays(Settings settings) {
        String list = settings.get("bank-holidays").orElse("");
        try {
            return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(LocalDate::parse).collect(Collectors.toUnmodifiableSet());
        } catch (DateTimeException e) {
            throw new StartupException("MESSAGING_BANK_HOLIDAYS must be ISO dates (YYYY-MM-DD) separated by "
                    + "commas: " + e.getMessage(), e);
        }
    }
}
