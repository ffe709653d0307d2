package app.alongside;

import app.alongside.audit.AuditModule;
import app.alongside.audit.AuditWiring;
import app.alongside.entitlements.EntitlementsModule;
import app.alongside.identity.IdentityModule;
import app.alongside.identity.StaffMember;
import app.alongside.messaging.MessagingModule;
import app.alongside.opportunities.OpportunitiesModule;
import app.alongside.organisations.Organisation;
import app.alongside.organisations.OrganisationsModule;
import app.alongside.platform.Foundation;
import app.alongside.platform.Infrastructure;
import app.alongside.platform.Module;
import app.alongside.platform.WebEdge;
import app.alongside.platform.config.Settings;
import app.alongside.platform.core.Json;
import app.alongside.platform.graphql.GraphParts;
import app.alongside.platform.graphql.GraphqlEngine;
import app.alongside.platform.http.RateLimiter;
import app.alongside.platform.observe.CachedGauges;
import app.alongside.privacy.PrivacyModule;
import app.alongside.platform.store.Store;
import app.alongside.platform.store.StoreSchema;
import app.alongside.push.PushDispatcher;
import app.alongside.push.PushModule;
import app.alongside.push.PushSource;
import app.alongside.records.RecordsModule;
import com.mongodb.event.CommandListener;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The composition root: the modules, what each needs from the others, and the order they start and stop in.
 * {@link Main} runs it for real; tests start it with their own settings, clock and {@link Extras}.
 */
public final class App implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(App.class.getName());

    private final Infrastructure infrastructure;
    private final List<Module> modules;
    private final PushModule push;
    private final Thread schemaThread;
    private final WebEdge edge;

    private App(Infrastructure infrastructure, List<Module> modules, PushModule push, Thread schemaThread,
                WebEdge edge) {
        this.infrastructure = infrastructure;
        this.modules = modules;
        this.push = push;
        this.schemaThread = schemaThread;
        this.edge = edge;
    }

    /** Parts tests swap in: listeners told of every database command, and push sources besides the domains'. */
    public record Extras(List<CommandListener> commandListeners, List<PushSource> pushSources) {
        public static final Extras NONE = new Extras(List.of(), List.of());
    }

    /**
     * Builds everything and starts listening, with test parts ({@link Extras#NONE} for none); throws
     * {@code StartupException} on bad config.
     */
    public static App start(Settings settings, Clock clock, Extras extras) {
        Infrastructure infrastructure = Infrastructure.open(settings, extras.commandListeners());
        try {
            return assemble(settings, clock, infrastructure, extras);
        } catch (RuntimeException | Error e) {
            infrastructure.close();
            throw e;
        }
    }

    private static App assemble(Settings settings, Clock clock, Infrastructure infrastructure, Extras extras) {
        Store store = infrastructure.store();
        Foundation base = Foundation.of(settings, clock, infrastructure);
        Json json = new Json(settings.integer("graphql.max-json-depth", 2, 500));
        RateLimiter requests = WebEdge.graphqlLimiter(settings);

        AuditModule audit = new AuditModule(base);
        OrganisationsModule organisations = new OrganisationsModule(base, audit);
        var identity = new IdentityModule(base, organisations, audit, infrastructure.firebase(), requests, json);
        MessagingModule messaging = new MessagingModule(base, identity, organisations, audit);
        identity.whenOnboarded(messaging::allocate);
        OpportunitiesModule opportunities = new OpportunitiesModule(base, identity, organisations, audit);
        RecordsModule records = new RecordsModule(base, identity, audit);
        var entitlements = new EntitlementsModule(base, identity, organisations, audit, records);
        PushModule push = new PushModule(base, identity, audit, infrastructure.firebase(), Stream.of(
                extras.pushSources(), records.pushSources(), opportunities.pushSources(), messaging.pushSources(),
                entitlements.pushSources()).flatMap(List::stream).toList());
        var privacy = new PrivacyModule(base, identity, organisations, audit, List.of(records, opportunities, push,
                entitlements));
        List<Module> modules = List.of(audit, organisations, identity, messaging, opportunities, records,
                entitlements, push, privacy);
        records.exportAlso(modules);

        GraphParts graph = GraphParts.create(store.db(), audit.nodeRefusals(), clock);
        organisations.wire(graph, identity::ownCouncil);
        audit.wire(graph, identity.policy(), new AuditWiring.Names(
                ids -> names(identity.staff().findByIds(ids), StaffMember::name),
                ids -> names(organisations.repository().findByIds(ids), Organisation::name)));
        modules.forEach(module -> module.wire(graph));

        StoreSchema schema = Module.storeSchema(store, modules, clock);
        WebEdge edge = new WebEdge(base, json, graph.schema(), graph.loaders(), requests,
                new WebEdge.Doors(identity.authentication(), identity.socketAuthentication(),
                        identity.authEndpoint(), identity.passwordChangeGate()), store, schema,
                List.of(push.health(), messaging.bankHolidays()));
        modules.forEach(module -> schema.afterReady(module::storeReady));
        schema.afterReady(base.gauges()::start);
        Thread schemaThread = schema.applyInBackground();
        edge.listenOnceReady(schema, infrastructure.embedded());
        return new App(infrastructure, modules, push, schemaThread, edge);
    }

    /** Id to name of each of {@code found}, for the audit log's names. */
    private static <T> Map<String, String> names(Map<String, T> found, Function<T, String> name) {
        Map<String, String> names = new HashMap<>();
        found.forEach((id, value) -> names.put(id, name.apply(value)));
        return names;
    }

    public int port() {
        return edge.port();
    }

    /** The port of {@code /observe} when {@code OBSERVE_PORT} is set, else the public port. */
    public int observePort() {
        return edge.observePort();
    }

    /** The GraphQL engine, for tests that run one rule's operation as a principal, with no HTTP in between. */
    public GraphqlEngine engine() {
        return edge.engine();
    }

    public Store store() {
        return infrastructure.store();
    }

    /** The gauges read from the store, for tests that refresh them by hand rather than wait for the next round. */
    public CachedGauges storeGauges() {
        return infrastructure.gauges();
    }

    /** The push dispatcher, for tests that drive it by hand on a fixed clock. */
    public PushDispatcher push() {
        return push.dispatcher();
    }

    /** Graceful stop: readiness DOWN, in-flight requests finish; then modules stop (last built first), store closes. */
    @Override
    public void close() {
        edge.stop();
        schemaThread.interrupt();
        Module.closeAll(modules.reversed());
        infrastructure.close();
        LOG.info("Alongside stopped");
    }
}
