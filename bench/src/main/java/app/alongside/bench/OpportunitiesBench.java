package app.alongside.bench;

import app.alongside.fixtures.Http;
import app.alongside.fixtures.OpportunityOps;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.TestServer;
import app.alongside.fixtures.YoungPersonApp;
import app.alongside.opportunities.OpportunitiesSeed;
import app.alongside.platform.core.GlobalIds;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import org.bson.Document;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Opportunities at scale, on the in-memory store: 10,000 approved opportunities and 5,000 young people, 50
 * clients (each a different young person with their own ID token) searching what they are eligible for; then one
 * newly approved opportunity matched against 20,000 eligible young people and expanded by the push dispatcher,
 * timed from the approval to every notification recorded. Opportunities and most young people are written
 * straight into the store ({@link OpportunitiesSeed}); the 50 clients, the posting and the approval go through
 * the API.
 */
final class OpportunitiesBench {
    static final String NAME = "opportunities";
    static final double TARGET_P99_MILLIS = 50;
    private static final int OPPORTUNITIES = 10_000;
    private static final int PEOPLE = 5_000;
    private static final int FAN_OUT = 20_000;
    private static final int CLIENTS = 50;
    private static final String SEARCH = "query Search($text: String) { opportunities(filter: {text: $text}, "
            + "first: 20) { edges { node { id title closingDate kind } } pageInfo { hasNextPage endCursor } } }";

    /** The figures. */
    record Result(Figures search, Duration seeding, Duration fanOut, int eligible, Map<String, Long> byState) {
    }

    Result run(Options options, Consumer<String> progress) {
        Map<String, String> env = Map.of("RATE_LIMIT_GRAPHQL_PER_MINUTE", "1000000",
                "AUTH_INVITE_ATTEMPTS_PER_HOUR", "10000", "PUSH_DISPATCHER_ENABLED", "false");
        try (TestServer server = TestServer.start(env).ready()) {
            Http http = new Http(server.baseUrl());
            Platform platform = new Platform(http);
            MongoDatabase db = server.app().store().db();
            OpportunitiesSeed seed = new OpportunitiesSeed(db);
            LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
            String council = GlobalIds.decode(platform.councilA).orElseThrow().id();
            long started = System.nanoTime();
            progress.accept("bench: " + NAME + ": seeding " + OPPORTUNITIES + " opportunities and " + PEOPLE
                    + " young people ...");
            seed.opportunities(GlobalIds.decode(platform.corporateParent).orElseThrow().id(), List.of(council),
                    OPPORTUNITIES, today);
            seed.youngPeople(council, PEOPLE - CLIENTS, today);
            List<HttpRequest> requests = clients(server, http, platform);
            Duration seeding = Duration.ofNanos(System.nanoTime() - started);
            progress.accept("bench: " + NAME + ": searching with " + CLIENTS + " clients ...");
            Figures search = new Load(options.warmup(), options.measure()).run(requests);
            seed.youngPeople(council, FAN_OUT - PEOPLE, today);
            progress.accept("bench: " + NAME + ": fan-out to " + FAN_OUT + " eligible young people ...");
            return fanOut(server, platform, db, search, seeding);
        }
    }

    /** The 50 clients: each a young person who redeemed an invite, searching a different word. */
    private static List<HttpRequest> clients(TestServer server, Http http, Platform platform) {
        List<HttpRequest> requests = new ArrayList<>();
        List<String> words = OpportunitiesSeed.words();
        for (int i = 0; i < CLIENTS; i++) {
            String[] invite = platform.invite("Bench");
            YoungPersonApp app = YoungPersonApp.signUp(http);
            Http.Reply redeemed = app.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", invite[1])));
            if (Ops.at(redeemed, "redeemInvite", "youngPerson", "id") == null) {
                throw new IllegalStateException("redeeming an invite failed: " + redeemed.body());
            }
            Http.Reply first = app.graphql(SEARCH, Map.of("text", words.get(i % words.size())));
            if (Ops.<List<?>>at(first, "opportunities", "edges").isEmpty()) {
                throw new IllegalStateException("a client found nothing: " + first.body());
            }
            requests.add(Exchanges.graphql(URI.create(server.baseUrl() + "/graphql"), SEARCH,
                    Map.of("text", words.get(i % words.size()))).header("Authorization", "Bearer " + app.idToken())
                    .build());
        }
        return requests;
    }

    private static Result fanOut(TestServer server, Platform platform, MongoDatabase db, Figures search,
                                 Duration seeding) {
        Http.Reply created = platform.as("corporate").graphql(OpportunityOps.CREATE, Ops.input(
                OpportunityOps.job("Apprentice for everyone", LocalDate.now().plusDays(30).toString())));
        String id = Ops.at(created, "createOpportunity", "opportunity", "id");
        platform.as("corporate").graphql(OpportunityOps.action("submitOpportunity"), Ops.input(Map.of("id", id)));
        long started = System.nanoTime();
        Http.Reply approved = platform.admin.graphql(OpportunityOps.action("approveOpportunity"),
                Ops.input(Map.of("id", id)));
        if (!"APPROVED".equals(Ops.at(approved, "approveOpportunity", "opportunity", "status"))) {
            throw new IllegalStateException("approval failed: " + approved.body());
        }
        while (server.app().push().runOnce() > 0) {
            // work until the dispatcher finds nothing left to do
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Map<String, Long> byState = new TreeMap<>();
        db.getCollection("notifications").aggregate(List.of(Aggregates.group(new Document("state", "$state")
                .append("reason", "$reason"), Accumulators.sum("n", 1)))).forEach(d -> {
                    Document key = d.get("_id", Document.class);
                    byState.put(key.getString("state") + (key.getString("reason") == null ? ""
                            : " " + key.getString("reason")), ((Number) d.get("n")).longValue());
                });
        return new Result(search, seeding, took, FAN_OUT, byState);
    }

    static String table(Options options, Result r) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "Opportunities: %,d approved, %,d young "
                        + "people, %d clients, %.1f s warm-up + %.1f s measured, Java %s, %d cores "
                        + "(seeded in %d s)%n%n",
                OPPORTUNITIES, PEOPLE, CLIENTS, options.warmup().toMillis() / 1000.0,
                options.measure().toMillis() / 1000.0, Runtime.version(),
                Runtime.getRuntime().availableProcessors(), r.seeding().toSeconds()));
        out.append(String.format(Locale.ROOT, "eligible-and-search  conc %d | %9.0f req/s  p50 %8.2f ms  p99 %8.2f ms"
                        + " | p99 < %.0f ms: %s%n", CLIENTS, r.search().perSecond(), r.search().p50Millis(),
                r.search().p99Millis(), TARGET_P99_MILLIS, r.search().p99Millis() < TARGET_P99_MILLIS ? "met"
                        : "MISSED"));
        out.append(String.format(Locale.ROOT, "fan-out of one approved opportunity to %,d eligible young people: "
                + "%.1f s from approval to every notification recorded%n", r.eligible(),
                r.fanOut().toMillis() / 1000.0));
        r.byState().forEach((state, n) -> out.append(String.format(Locale.ROOT, "  notifications %-24s %,d%n",
                state, n)));
        if (r.search().errors() > 0) {
            out.append("errors: ").append(r.search().errors()).append("; first: ").append(r.search().firstError())
                    .append(System.lineSeparator());
        }
        return out.toString();
    }
}
