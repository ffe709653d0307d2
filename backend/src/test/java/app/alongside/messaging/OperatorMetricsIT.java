package app.alongside.messaging;

import app.alongside.fixtures.Console;
import app.alongside.fixtures.FakeFcm;
import app.alongside.fixtures.GraphqlSocket;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.MutableClock;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.PushOps;
import app.alongside.fixtures.RecordsOps;
import app.alongside.fixtures.Scrape;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.TestServer;
import app.alongside.fixtures.YoungPersonApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static app.alongside.fixtures.Scrape.where;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16: what an operator scrapes from {@code /observe/metrics} after a real journey (staff sign-in, a young
 * person's record, messages, a live subscription, a device and a push through the Admin SDK to a fake FCM, a rate
 * limit hit, time passing beyond the response standard): every family with real values, valid Prometheus text,
 * histograms rather than summaries, operation labels bounded to the known operations, and no personal data.
 */
class OperatorMetricsIT {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    static final FakeFcm FCM = FakeFcm.start();
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPush(CLOCK, Map.of("FCM_ENDPOINT", FCM.endpoint(),
            "PUSH_DISPATCHER_ENABLED", "false", "GRAPHQL_PERSISTED_QUERIES_MANIFEST",
            Path.of("..", "mobile-contracts", "persisted-query-manifest.json").toString()), List.of());
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();

    @AfterAll
    static void stopFcm() {
        FCM.close();
    }

    @Test
    void aJourneyShowsInEveryFamilyWithBoundedLabelsAndNoPersonalData() {
        MessagingOps.Person ada = MessagingOps.onboard(http, platform, "Ada");
        MessagingOps.Person ben = MessagingOps.onboard(http, platform, "Ben");
        String token = PushOps.token("ada-phone");
        PushOps.turnOn(ada.app(), "NEW_MESSAGE");
        ada.app().graphql(PushOps.REGISTER_DEVICE, PushOps.device(token, "ANDROID"));
        Reply record = ada.app().graphql(RecordsOps.CREATE, Ops.input(Map.of("details",
                Map.of("bursary", Map.of("name", "16 to 19 Bursary", "amountPence", 120000)))));
        assertTrue(Ops.<String>at(record, "createRecord", "record", "id") != null, record.body());
        String adaThread = MessagingOps.threadOf(ada);
        String benThread = MessagingOps.threadOf(ben);
        ada.app().graphql(MessagingOps.SEND, MessagingOps.send(adaThread, "Can you come to my review?"));
        platform.as("advocate").graphql(MessagingOps.SEND, MessagingOps.send(adaThread, "Yes, I will be there."));
        ben.app().graphql(MessagingOps.SEND, MessagingOps.send(benThread, "I feel unsafe at home"));
        http.graphql("query ZzInventedByAClient { __typename }");
        hitTheInviteLimit();
        SERVER.server().app().push().runOnce();
        assertEquals(1, FCM.deliveredTo(token).size(), "the advocate's reply was pushed");

        CLOCK.advance(Duration.ofDays(4));
        SERVER.server().app().storeGauges().refresh();
        try (GraphqlSocket socket = MessagingOps.appSocket(SERVER.server().baseUrl(), ada.app())) {
            MessagingOps.subscribe(socket, "m", MessagingOps.MESSAGE_ADDED, MessagingOps.vars("threadId", adaThread));
            Scrape scrape = new Scrape(http.get("/observe/metrics", "text/plain").body());
            write(Path.of("target", "operator-metrics-scrape.txt"), scrape.text());
            assertEveryFamily(scrape);
            assertAlertsReadWhatIsScraped(scrape);
            assertEquals(1, scrape.sum("graphql_ws_subscriptions"), "the open subscription");
            assertTrue(scrape.sum("graphql_ws_connections") >= 1, "the open socket");
            assertBoundedAndAnonymous(scrape, Set.of(ada.id(), ben.id(), ada.app().uid(), token,
                    TestServer.ADMIN_EMAIL, "advocate@example.test", Platform.PASSWORD));
        }
    }

    private void hitTheInviteLimit() {
        YoungPersonApp guesser = YoungPersonApp.signUp(http);
        for (int i = 0; i < 11; i++) {
            guesser.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", "NOPE-NOPE-" + i)));
        }
    }

    private static void assertEveryFamily(Scrape scrape) {
        for (String histogram : List.of("http_server_requests_seconds", "graphql_operation_seconds",
                "mongodb_driver_commands_seconds", "fcm_send_seconds")) {
            assertEquals("histogram", scrape.type(histogram), histogram + " is a histogram");
            assertTrue(scrape.sum(histogram + "_count") > 0, histogram + " has observations");
            assertTrue(scrape.samples(histogram + "_bucket").stream().anyMatch(s -> "+Inf".equals(s.labels()
                    .get("le"))), histogram + " has buckets");
        }
        assertTrue(scrape.sum("http_server_requests_seconds_count", where("route", "/auth/login")) > 0);
        assertTrue(scrape.sum("http_server_requests_seconds_count", labels -> "/graphql".equals(labels.get("route"))
                && "200".equals(labels.get("status"))) > 0);
        assertTrue(scrape.sum("graphql_operation_seconds_count", labels -> "SendMessage".equals(
                labels.get("operation")) && "ok".equals(labels.get("outcome"))) >= 3, "SendMessage by name");
        assertTrue(scrape.sum("graphql_operation_seconds_count", where("operation", "CreateRecord")) >= 1);
        assertTrue(scrape.sum("mongodb_driver_commands_seconds_count", where("collection", "messages")) > 0);
        assertTrue(scrape.sum("mongodb_driver_pool_size") > 0, "the driver's pool");
        assertTrue(scrape.sum("push_queue_depth", where("state", "SENT")) >= 1, "the sent push");
        assertEquals(Set.of("PENDING", "SENT", "FAILED", "DROPPED"), scrape.samples("push_queue_depth").stream()
                .map(s -> s.labels().get("state")).collect(Collectors.toSet()));
        assertEquals(4, scrape.samples("push_queue_oldest_age_seconds").size());
        assertTrue(scrape.sum("fcm_responses_total", where("result", "SENT")) >= 1);
        assertTrue(scrape.sum("push_outcomes_total", where("outcome", "sent")) >= 1);
        assertTrue(scrape.sum("rate_limit_refusals_total", where("limit", "redeem-invite")) >= 1);
        assertTrue(scrape.sum("jvm_memory_used_bytes") > 0);
        assertTrue(scrape.sum("jvm_threads_live_threads") > 0);
        assertTrue(scrape.sum("process_uptime_seconds") > 0);
        assertEquals("gauge", scrape.type("process_cpu_usage"));
        assertEquals(1, scrape.sum("alongside_replies_overdue"), "Ben waited four days for a reply");
        assertEquals(1, scrape.sum("alongside_urgent_unanswered"), "Ben's urgent message is unanswered");
        assertTrue(scrape.sum("alongside_allocations_overdue") >= 2, "nobody allocated a named advocate");
        assertTrue(scrape.all().stream().noneMatch(s -> s.labels().containsKey("quantile")), "no summaries");
    }

    /** Every series the alert rules use is one this server publishes (a renamed meter would silence an alert). */
    private static void assertAlertsReadWhatIsScraped(Scrape scrape) {
        String rules = read(Path.of("..", "ops", "prometheus", "alerts.yml"));
        java.util.regex.Matcher names = java.util.regex.Pattern.compile(
                "\\b((?:alongside|http|graphql|mongodb|push|fcm|rate|jvm|process)_[a-z_]+)\\b").matcher(rules);
        int checked = 0;
        while (names.find()) {
            assertFalse(scrape.samples(names.group(1)).isEmpty(), "alerts.yml reads " + names.group(1));
            checked++;
        }
        assertTrue(checked >= 10, "the rules name the series they read");
    }

    /** Keeps the scrape for a reader of the build (a sample for the operations guide). */
    private static void write(Path file, String text) {
        try {
            java.nio.file.Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertBoundedAndAnonymous(Scrape scrape, Set<String> personal) {
        Set<String> operations = scrape.samples("graphql_operation_seconds_count").stream()
                .map(s -> s.labels().get("operation")).collect(Collectors.toSet());
        assertTrue(operations.contains("other"), "an invented name counts as other: " + operations);
        assertFalse(operations.contains("ZzInventedByAClient"), "a client cannot add a label value");
        assertFalse(scrape.text().contains("ZzInventedByAClient"));
        for (String value : personal) {
            assertFalse(scrape.text().contains(value), "the scrape shows personal data: " + value);
        }
        Set<String> routes = scrape.samples("http_server_requests_seconds_count").stream()
                .map(s -> s.labels().get("route")).collect(Collectors.toSet());
        assertTrue(Set.of("/graphql", "/auth/login", "/auth/logout", "/auth/session", "/auth", "/console",
                "/observe", "/observe/health", "/observe/health/ready", "/observe/health/live", "/observe/metrics",
                "/", "other").containsAll(routes), "routes come from a fixed list: " + routes);
    }
}
