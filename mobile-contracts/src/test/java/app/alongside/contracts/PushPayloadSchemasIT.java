package app.alongside.contracts;

import app.alongside.fixtures.FakeFcm;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.MutableClock;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.PushOps.Person;
import app.alongside.fixtures.PushOps;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.TestPushSource;
import app.alongside.platform.core.GlobalIds;
import app.alongside.push.PushCategory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every push payload kind has a JSON Schema in {@code src/main/push-schemas}, and the payloads the real dispatcher
 * sends (through the real Admin SDK, captured at a fake FCM) match them, with and without lock-screen text.
 */
class PushPayloadSchemasIT {
    private static final Path SCHEMAS = Path.of("src/main/push-schemas");
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    private static final FakeFcm FCM = FakeFcm.start();

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPush(CLOCK, Map.of("FCM_ENDPOINT", FCM.endpoint(),
            "PUSH_DISPATCHER_ENABLED", "false", "AUTH_INVITE_ATTEMPTS_PER_HOUR", "1000"),
            List.of(new TestPushSource()));
    private final Http http = SERVER.http();

    @AfterAll
    static void stopFcm() {
        FCM.close();
    }

    /**
     * The data of each kind exactly as its domain's push source writes it (see {@code MessagingPushSource},
     * {@code ThreadEscalationPushSource}, {@code AllocationEscalationPushSource}, {@code RecordsPushSource},
     * {@code OpportunitiesPushSource}): global ids, dates and fixed words only.
     */
    private static final Map<String, Map<String, String>> EXAMPLES = Map.of(
            "message.added", Map.of("threadId", GlobalIds.encode("Thread", "th1"),
                    "messageId", GlobalIds.encode("Message", "me1")),
            "thread.overdue", Map.of("threadId", GlobalIds.encode("Thread", "th1")),
            "allocation.overdue", Map.of("advocacyId", GlobalIds.encode("Advocacy", "yp1")),
            "reminder.due", Map.of("reminder", "APPOINTMENT", "recordId", GlobalIds.encode("Record", "rec1")),
            "opportunity.match", Map.of("opportunityId", GlobalIds.encode("Opportunity", "o1")),
            "opportunity.closing", Map.of("opportunityId", GlobalIds.encode("Opportunity", "o1"),
                    "closingDate", "2027-01-31"),
            "goal.nudge", Map.of("goalId", GlobalIds.encode("Goal", "g1"), "targetDate", "2026-12-01"),
            "entitlement.gap", Map.of("gap", "ALLOWANCE_BELOW_MINIMUM"));
    private static final Map<String, PushCategory> CATEGORIES = Map.of("message.added", PushCategory.URGENT,
            "thread.overdue", PushCategory.URGENT, "allocation.overdue", PushCategory.ALLOCATION,
            "reminder.due", PushCategory.REMINDERS, "opportunity.match", PushCategory.OPPORTUNITIES,
            "opportunity.closing", PushCategory.REMINDERS, "goal.nudge", PushCategory.GOAL_NUDGES,
            "entitlement.gap", PushCategory.ENTITLEMENT_GAPS);

    @Test
    void everyPayloadTheDispatcherSendsMatchesItsKindsSchema() throws IOException {
        Map<String, Schema> schemas = schemas();
        assertEquals(new TreeSet<>(schemas.keySet()), new TreeSet<>(EXAMPLES.keySet()), "a schema per kind");
        Person generic = personWithEverythingOn("Uma", "ANDROID", "GENERIC");
        Person dataOnly = personWithEverythingOn("Vic", "IOS", "DATA_ONLY");
        long sequence = 100;
        for (String kind : EXAMPLES.keySet()) {
            for (Person person : List.of(generic, dataOnly)) {
                TestPushSource.need(SERVER.server().app().store().db(), CLOCK.instant(), TestPushSource.intent(
                        person.key(), CATEGORIES.get(kind), kind, EXAMPLES.get(kind), kind + "-1", sequence++));
            }
        }
        SERVER.server().app().push().runOnce();

        List<FakeFcm.Received> received = FCM.received();
        assertEquals(EXAMPLES.size() * 2, received.size());
        Set<String> seen = new TreeSet<>();
        for (FakeFcm.Received push : received) {
            String payload = payload(push);
            String kind = push.data().get("kind");
            var errors = schemas.get(kind).validate(payload, InputFormat.JSON);
            assertEquals(List.of(), errors, kind + " payload " + payload);
            assertTrue(payload.getBytes(StandardCharsets.UTF_8).length < 4096);
            seen.add(kind + (push.message().containsKey("notification") ? "+text" : ""));
        }
        assertEquals(EXAMPLES.size() * 2, seen.size(), "each kind with and without text: " + seen);
    }

    @Test
    void theSchemasRefuseContentNamesAndMissingIds() throws IOException {
        Schema message = schemas().get("message.added");
        String named = "{\"data\":{\"kind\":\"message.added\",\"notificationId\":\"n1\",\"sequence\":\"3\","
                + "\"category\":\"NEW_MESSAGE\",\"threadId\":\"t\",\"messageId\":\"m\"},"
                + "\"notification\":{\"body\":\"Sam: are you free on Tuesday?\"}}";
        assertFalse(message.validate(named, InputFormat.JSON).isEmpty(), "content on the lock screen");
        String extra = "{\"data\":{\"kind\":\"message.added\",\"notificationId\":\"n1\",\"sequence\":\"3\","
                + "\"category\":\"NEW_MESSAGE\",\"threadId\":\"t\",\"messageId\":\"m\",\"text\":\"hello\"}}";
        assertFalse(message.validate(extra, InputFormat.JSON).isEmpty(), "content in the data");
        String missing = "{\"data\":{\"kind\":\"message.added\",\"notificationId\":\"n1\",\"sequence\":\"3\","
                + "\"category\":\"NEW_MESSAGE\",\"threadId\":\"t\"}}";
        assertFalse(message.validate(missing, InputFormat.JSON).isEmpty(), "messageId is required");
    }

    private Person personWithEverythingOn(String name, String platform, String lockScreen) {
        Person person = PushOps.youngPersonNow(http, name);
        var categories = Stream.of(PushCategory.values())
                .map(c -> Map.<String, Object>of("category", c.name(), "enabled", true)).toList();
        var updated = person.app().graphql(PushOps.UPDATE_PREFERENCES, Ops.input(Map.of("categories", categories,
                "lockScreen", lockScreen)));
        assertEquals(List.of(), Ops.userErrorCodes(updated, "updateNotificationPreferences"), updated.body());
        var registered = person.app().graphql(PushOps.REGISTER_DEVICE, PushOps.device(PushOps.token(name), platform));
        assertEquals(List.of(), Ops.userErrorCodes(registered, "registerDevice"), registered.body());
        return person;
    }

    /** The payload as the app receives it: the data message and, when present, the notification block. */
    private static String payload(FakeFcm.Received push) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("data", new TreeMap<>(push.data()));
        if (push.message().get("notification") != null) {
            payload.put("notification", push.message().get("notification"));
        }
        return new Document(payload).toJson();
    }

    private static Map<String, Schema> schemas() throws IOException {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            return files.filter(f -> f.toString().endsWith(".json")).collect(Collectors.toMap(
                    f -> f.getFileName().toString().replaceAll("\\.json$", ""), f -> read(registry, f)));
        }
    }

    private static Schema read(SchemaRegistry registry, Path file) {
        try {
            return registry.getSchema(Files.readString(file), InputFormat.JSON);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
