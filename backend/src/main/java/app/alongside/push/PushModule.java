package app.alongside.push;

import app.alongside.audit.AuditModule;
import app.alongside.identity.IdentityModule;
import app.alongside.kernel.Principal;
import app.alongside.platform.Firebase;
import app.alongside.platform.Foundation;
import app.alongside.platform.Module;
import app.alongside.platform.config.Settings;
import app.alongside.platform.core.ErasableData;
import app.alongside.platform.core.Periodic;
import app.alongside.platform.core.PersonalDataSection;
import app.alongside.platform.graphql.GraphParts;
import app.alongside.platform.store.IndexPlan;
import app.alongside.platform.store.Migration;
import com.google.firebase.FirebaseApp;
import io.helidon.health.HealthCheck;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The push domain (settings node {@code push}): devices and notification preferences, the dispatcher that expands
 * every other module's push sources into notifications and sends them through FCM, the retention job and the
 * queue gauges. Without a Firebase project that can send, notifications wait in the store.
 */
public final class PushModule implements Module {
    private static final Logger LOG = Logger.getLogger(PushModule.class.getName());

    private final DeviceRepository devices;
    private final PreferencesRepository preferences;
    private final NotificationRepository notifications;
    private final PushService service;
    private final PushDispatcher dispatcher;
    private final Periodic retention;
    private final List<PushSource> sources;
    private final IdentityModule identity;
    private final PersonalDataSection export;
    private final int maxPage;
    private final Clock clock;

    /** @param sources every module's push sources: the collections whose documents ask for pushes */
    public PushModule(Foundation foundation, IdentityModule identity, AuditModule audit,
                      Optional<FirebaseApp> firebase, List<PushSource> sources) {
        Settings settings = foundation.settings().node("push");
        Clock clock = foundation.clock();
        this.identity = identity;
        this.sources = List.copyOf(sources);
        this.devices = new DeviceRepository(foundation.db());
        this.preferences = new PreferencesRepository(foundation.db());
        this.notifications = new NotificationRepository(foundation.db());
        this.service = new PushService(devices, preferences, audit.log(), clock);
        this.dispatcher = new PushDispatcher(foundation.db(), this.sources, notifications, devices, preferences,
                sender(foundation.settings(), firebase).map(sender -> new ObservedPushSender(sender,
                        foundation.meters(), foundation.tracing().tracer())), PushMetrics.global(), clock,
                new PushDispatcher.Settings(
                        Duration.ofMillis(settings.integer("poll-interval-ms", 10, 3_600_000)),
                        Duration.ofSeconds(settings.integer("lease-seconds", 5, 3600)),
                        settings.integer("batch-size", 1, 500),
                        settings.integer("max-attempts", 1, 100),
                        settings.integer("senders", 1, 64),
                        settings.bool("dispatcher-enabled")));
        Duration kept = Duration.ofDays(settings.integer("retention-days", 8, 3650));
        this.retention = new Periodic("push-retention", Duration.ofHours(1),
                () -> notifications.purgeBefore(clock.instant().minus(kept)));
        PushQueueGauges.register(foundation.gauges(), foundation.db(), clock);
        this.export = PushExport.section(foundation.db(), preferences);
        this.maxPage = foundation.maxPage();
        this.clock = clock;
    }

    @Override
    public List<PersonalDataSection> exportSections() {
        return List.of(export);
    }

    private static Optional<PushSender> sender(Settings settings, Optional<FirebaseApp> firebase) {
        if (firebase.isEmpty() || !Firebase.Settings.from(settings).canSendPushes()) {
            LOG.warning("Push notifications are not sent: set FIREBASE_PROJECT_ID and GOOGLE_APPLICATION_CREDENTIALS "
                    + "(or FCM_ENDPOINT with a demo-* project). They wait in the store until then.");
            return Optional.empty();
        }
        return Optional.of(new FcmSender(firebase.get()));
    }

    /** Erases a young person's devices, notification settings and push history (keyed as their principal is). */
    @Override
    public List<ErasableData> erasable() {
        return List.of(ErasableData.of("devices", id -> devices.removeAll(owner(id))),
                ErasableData.of("notificationSettings", id -> preferences.delete(owner(id))),
                ErasableData.of("pushHistory", id -> notifications.deleteFor(owner(id))));
    }

    private static String owner(String youngPersonId) {
        return PushService.owner(new Principal.YoungPersonUser(youngPersonId, null));
    }

    /** The dispatcher, for tests that drive it by hand on a fixed clock. */
    public PushDispatcher dispatcher() {
        return dispatcher;
    }

    /** Readiness is DOWN while sending is paused after repeated FCM failures. */
    public HealthCheck health() {
        return new PushHealth(dispatcher);
    }

    @Override
    public List<IndexPlan> indexes() {
        List<IndexPlan> indexes = new ArrayList<>(DeviceRepository.indexes());
        indexes.addAll(NotificationRepository.indexes());
        sources.forEach(source -> indexes.add(PushOutbox.index(source.collection())));
        return indexes;
    }

    @Override
    public List<Migration> migrations() {
        return PreferencesRepository.migrations(clock);
    }

    @Override
    public void wire(GraphParts graph) {
        PushWiring.register(graph.wiring(), graph.nodes(), service, notifications, identity.policy(), maxPage);
    }

    @Override
    public void storeReady() {
        retention.start();
        dispatcher.start();
    }

    @Override
    public void close() {
        dispatcher.close();
        retention.close();
    }
}
