package app.alongside.bench;

import app.alongside.audit.AuditLog;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Platform;
import app.alongside.identity.LegalStatus;
import app.alongside.identity.StaffRepository;
import app.alongside.identity.YoungPerson;
import app.alongside.identity.YoungPersonRepository;
import app.alongside.messaging.Advocacy;
import app.alongside.messaging.AdvocacyRepository;
import app.alongside.messaging.AdvocacyService;
import app.alongside.messaging.InProcessEventBus;
import app.alongside.messaging.MessageRepository;
import app.alongside.messaging.MessageThread;
import app.alongside.messaging.MessagingPolicy;
import app.alongside.messaging.ServiceSettingsRepository;
import app.alongside.messaging.ThreadRepository;
import app.alongside.messaging.WorkingHours;
import app.alongside.organisations.OrganisationRepository;
import app.alongside.platform.core.GlobalIds;
import app.alongside.platform.core.Ids;
import app.alongside.records.RecordsSeed;
import com.mongodb.client.MongoDatabase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Fills one store with the bench's population while a seeding App (in the bench's JVM) has it open: the councils,
 * advocacy service and staff through the API by the bootstrap admin ({@link Platform}), then, straight through the
 * driver, each young person as {@code createInvite} inserts them, their account linked as {@code redeemInvite}
 * links it ({@link YoungPersonRepository#link}) and then onboarded as redemption onboards them
 * ({@link AdvocacyService#ensure}, which opens their thread with the advocacy service), and their records by
 * {@link RecordsSeed} in the shape {@code createRecord} writes. Left out: the invite document, which nothing reads
 * after redemption, and the audit events of those steps.
 */
final class StoreSeed {
    /** The seeded history ends an hour ago, so the records-index repair (which replays recent changes) skips it. */
    private static final Duration HISTORY_ENDS = Duration.ofHours(1);
    private static final Duration APART = Duration.ofHours(6);

    /** One seeded young person: the global id of their advocacy thread, where the write scenario sends. */
    record Seeded(String youngPersonId, String threadGlobalId) {
    }

    private StoreSeed() {
    }

    /** Seeds one young person per account, each with {@code recordsEach} records; answers in account order. */
    static List<Seeded> seed(String baseUrl, MongoDatabase db, List<EmulatorAccounts.Account> accounts,
                             int recordsEach, Consumer<String> progress) {
        Platform platform = new Platform(new Http(baseUrl));
        String council = localId(platform.councilA);
        String worker = localId(platform.staffIds.get("laWorkerA"));
        Clock clock = Clock.systemUTC();
        YoungPersonRepository people = new YoungPersonRepository(db);
        AdvocacyService advocacy = advocacy(db, people, clock);
        RecordsSeed records = new RecordsSeed(db);
        LocalDate born = LocalDate.now(clock).minusYears(19);
        Instant newest = clock.instant().minus(HISTORY_ENDS);
        List<Seeded> seeded = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) {
            Instant now = clock.instant();
            YoungPerson invited = new YoungPerson(Ids.random(), "Bench", null, null, born.minusDays(i % 300),
                    LegalStatus.FORMER_RELEVANT, council, null, YoungPerson.ContactPreferences.NONE, null, now, now);
            people.insert(invited, worker);
            if (!people.link(accounts.get(i).uid(), invited.id(), now)) {
                throw new IllegalStateException("could not link account " + accounts.get(i).uid());
            }
            Advocacy onboarded = advocacy.ensure(people.findById(invited.id()).orElseThrow());
            if (onboarded.threadId() == null) {
                throw new IllegalStateException("onboarding opened no thread: " + onboarded);
            }
            records.seed(invited.id(), recordsEach, newest.minusMillis(i), APART);
            seeded.add(new Seeded(invited.id(), GlobalIds.encode(MessageThread.TYPE, onboarded.threadId())));
            if ((i + 1) % 100 == 0) {
                progress.accept("store bench: seeded " + (i + 1) + " of " + accounts.size() + " young people");
            }
        }
        return seeded;
    }

    /** The advocacy service as the App builds it, for its {@code ensure}, which redemption calls. */
    private static AdvocacyService advocacy(MongoDatabase db, YoungPersonRepository people, Clock clock) {
        OrganisationRepository organisations = new OrganisationRepository(db);
        StaffRepository staff = new StaffRepository(db);
        AuditLog audit = new AuditLog(db, clock);
        return new AdvocacyService(new AdvocacyRepository(db), new ThreadRepository(db), new MessageRepository(db),
                new ServiceSettingsRepository(db), people, organisations,
                new MessagingPolicy(people, staff, organisations), audit, new InProcessEventBus(),
                WorkingHours.england(Set.of()), clock, serviceId -> { });
    }

    private static String localId(String globalId) {
        return GlobalIds.decode(globalId).orElseThrow(() -> new IllegalStateException("not a global id: " + globalId))
                .id();
    }
}
