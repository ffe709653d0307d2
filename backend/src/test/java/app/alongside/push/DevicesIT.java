package app.alongside.push;

import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.MutableClock;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.PushOps.Person;
import app.alongside.fixtures.PushOps;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.YoungPersonApp;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registering and unregistering devices over GraphQL: who may, the 10-device limit, re-binding, bad input. */
class DevicesIT {
    private static final MutableClock CLOCK = new MutableClock(Instant.now());

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform(CLOCK);
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();

    private MongoCollection<Document> devices() {
        return SERVER.server().app().store().db().getCollection(DeviceRepository.COLLECTION);
    }

    private long devicesOf(Person person) {
        return devices().countDocuments(Filters.eq("owner", person.key()));
    }

    @Test
    void youngPersonRegistersAndUnregistersADevice() {
        Person sam = PushOps.youngPerson(platform, http, "Sam");
        Reply registered = sam.app().graphql(PushOps.REGISTER_DEVICE, PushOps.device(PushOps.token("sam"), "IOS",
                Map.of("clientMutationId", "r1", "locale", "cy")));
        assertEquals(List.of(), Ops.userErrorCodes(registered, "registerDevice"), registered.body());
        Map<String, Object> device = Ops.at(registered, "registerDevice", "device");
        assertEquals("IOS", device.get("platform"));
        assertEquals("cy", device.get("locale"));
        assertEquals("r1", Ops.at(registered, "registerDevice", "clientMutationId"));
        assertFalse(registered.body().contains(PushOps.token("sam")), "the token is never shown back");
        assertEquals(1, devicesOf(sam));

        Reply again = sam.app().graphql(PushOps.REGISTER_DEVICE, PushOps.device(PushOps.token("sam"), "IOS"));
        assertEquals(device.get("id"), Ops.at(again, "registerDevice", "device", "id"), "a refresh, not a new one");
        assertEquals(1, devicesOf(sam));

        Reply removed = sam.app().graphql(PushOps.UNREGISTER_DEVICE, Ops.input(Map.of("token", PushOps.token("sam"))));
        assertEquals(Boolean.TRUE, Ops.at(removed, "unregisterDevice", "removed"), removed.body());
        assertEquals(0, devicesOf(sam));
        String samId = app.alongside.platform.core.GlobalIds.decode(sam.id()).orElseThrow().id();
        assertEquals(3, SERVER.server().app().store().db().getCollection("audit").countDocuments(Filters.and(
                Filters.eq("subjectId", samId), Filters.eq("targetType", Device.TYPE))), "every change is audited");
    }

    @Test
    void anotherPersonsTokenCannotBeUnregistered() {
        Person owner = PushOps.youngPerson(platform, http, "Ola");
        Person other = PushOps.youngPerson(platform, http, "Kit");
        owner.app().graphql(PushOps.REGISTER_DEVICE, PushOps.device(PushOps.token("ola"), "ANDROID"));
        Reply refused = other.app().graphql(PushOps.UNREGISTER_DEVICE, Ops.input(Map.of("token",
                PushOps.token("ola"))));
        assertEquals(List.of("NOT_FOUND"), Ops.userErrorCodes(refused, "unregisterDevice"));
        assertEquals(Boolean.FALSE, Ops.at(refused, "unregisterDevice", "removed"));
        Reply staffRefused = platform.as("advocate").graphql(PushOps.UNREGISTER_DEVICE,
                Ops.input(Map.of("token", PushOps.token("ola"))));
        assertEquals(List.of("NOT_FOUND"), Ops.userErrorCodes(staffRefused, "unregisterDevice"));
        assertEquals(1, devicesOf(owner), "nothing changed");
    }

    @Test
    void aTokenMovesToTheAccountThatRegistersItLast() {
        Person first = PushOps.youngPerson(platform, http, "Ari");
        Person second = PushOps.youngPerson(platform, http, "Bo");
        String token = PushOps.token("shared-phone");
        first.app().graphql(PushOps.REGISTER_DEVICE, PushOps.device(token, "ANDROID"));
        second.app().graphql(PushOps.REGISTER_DEVICE, PushOps.device(token, "ANDROID"));
        assertEquals(0, devicesOf(first), "re-bound, never shared");
        assertEquals(1, devicesOf(second));
        assertEquals(1, devices().countDocuments(Filters.eq("token", token)));
        Reply stale = first.app().graphql(PushOps.UNREGISTER_DEVICE, Ops.input(Map.of("token", token)));
        assertEquals(List.of("NOT_FOUND"), Ops.userErrorCodes(stale, "unregisterDevice"));
        assertEquals(1, devicesOf(second));
    }

    @Test
    void anEleventhDeviceDropsTheOldest() {
        Person many = PushOps.youngPerson(platform, http, "Max");
        for (int i = 1; i <= 11; i++) {
            CLOCK.advance(Duration.ofSeconds(1));
            Reply reply = many.app().graphql(PushOps.REGISTER_DEVICE, PushOps.device(PushOps.token("max" + i), "WEB"));
            assertEquals(List.of(), Ops.userErrorCodes(reply, "registerDevice"), reply.body());
        }
        assertEquals(PushService.MAX_DEVICES, devicesOf(many));
        assertEquals(0, devices().countDocuments(Filters.eq("token", PushOps.token("max1"))), "the oldest went");
        assertEquals(1, devices().countDocuments(Filters.eq("token", PushOps.token("max11"))));
    }

    @Test
    void staffRegisterDevicesToo() {
        Reply reply = platform.as("advocate").graphql(PushOps.REGISTER_DEVICE,
                PushOps.device(PushOps.token("on-call"), "ANDROID"));
        assertEquals(List.of(), Ops.userErrorCodes(reply, "registerDevice"), reply.body());
        assertEquals(1, devices().countDocuments(Filters.eq("owner", "staff:"
                + app.alongside.platform.core.GlobalIds.decode(platform.staffIds.get("advocate")).orElseThrow().id())));
    }

    @Test
    void badDevicesAreRefusedWithTheFieldAndStoreNothing() {
        Person bad = PushOps.youngPerson(platform, http, "Lee");
        assertField(bad, PushOps.device("", "IOS"), "token");
        assertField(bad, PushOps.device("a".repeat(PushService.MAX_TOKEN_LENGTH + 1), "IOS"), "token");
        assertField(bad, PushOps.device("<script>alert(1)</script>", "IOS"), "token");
        assertField(bad, PushOps.device("{\"$gt\": \"\"}", "IOS"), "token");
        assertField(bad, PushOps.device(PushOps.token("lee"), "IOS", Map.of("locale", "not a locale")), "locale");
        assertField(bad, PushOps.device(PushOps.token("lee"), "IOS", Map.of("locale", "")), "locale");
        assertField(bad, PushOps.device(PushOps.token("lee"), "IOS", Map.of("appId", "../../etc")), "appId");
        assertField(bad, PushOps.device(PushOps.token("lee"), "IOS", Map.of("appVersion", "x".repeat(51))),
                "appVersion");
        Reply platformUnknown = bad.app().graphql(PushOps.REGISTER_DEVICE, PushOps.device(PushOps.token("lee"),
                "BLACKBERRY"));
        assertEquals(List.of("BAD_USER_INPUT"), platformUnknown.errorCodes(), platformUnknown.body());
        assertEquals(0, devicesOf(bad));
    }

    private static void assertField(Person person, Map<String, Object> variables, String field) {
        Reply reply = person.app().graphql(PushOps.REGISTER_DEVICE, variables);
        List<Map<String, Object>> errors = Ops.at(reply, "registerDevice", "userErrors");
        assertEquals(1, errors.size(), reply.body());
        assertEquals(List.of("input", field), errors.getFirst().get("field"), reply.body());
        assertEquals("BAD_USER_INPUT", errors.getFirst().get("code"));
        assertNull(Ops.at(reply, "registerDevice", "device"));
    }

    @Test
    void onlySignedInPeopleHaveDevices() {
        Reply anonymous = http.graphql(PushOps.REGISTER_DEVICE, PushOps.device(PushOps.token("anon"), "IOS"));
        assertEquals(List.of("UNAUTHENTICATED"), anonymous.errorCodes(), anonymous.body());
        YoungPersonApp unlinked = YoungPersonApp.signUp(http);
        Reply forbidden = unlinked.graphql(PushOps.REGISTER_DEVICE, PushOps.device(PushOps.token("unlinked"), "IOS"));
        assertEquals(List.of("FORBIDDEN"), forbidden.errorCodes(), forbidden.body());
        assertEquals(0, devices().countDocuments(Filters.in("token", List.of(PushOps.token("anon"),
                PushOps.token("unlinked")))));
    }

    @Test
    void onlyAdminsSeePushNotifications() {
        Person person = PushOps.youngPerson(platform, http, "Ivy");
        assertEquals(List.of("FORBIDDEN"), person.app().graphql(PushOps.PUSH_NOTIFICATIONS).errorCodes());
        assertEquals(List.of("FORBIDDEN"), platform.as("advocate").graphql(PushOps.PUSH_NOTIFICATIONS).errorCodes());
        assertEquals(List.of("UNAUTHENTICATED"), http.graphql(PushOps.PUSH_NOTIFICATIONS).errorCodes());
        Reply admin = platform.admin.graphql(PushOps.PUSH_NOTIFICATIONS);
        assertNotNull(PushOps.edges(admin), admin.body());
        Reply badFilter = platform.admin.graphql(PushOps.PUSH_NOTIFICATIONS, Map.of("filter",
                Map.of("recipientId", platform.councilA)));
        assertEquals(List.of("BAD_USER_INPUT"), badFilter.errorCodes());
    }

    @Test
    void readinessReportsPushAsDegradedWithoutFirebaseCredentials() {
        Reply health = http.get("/observe/health/ready", "application/json");
        assertEquals(200, health.status(), health.body());
        assertTrue(health.body().contains("\"push\""), health.body());
        assertTrue(health.body().contains("\"degraded\":true"), health.body());
    }
}
