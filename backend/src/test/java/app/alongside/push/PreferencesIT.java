package app.alongside.push;

import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.PushOps;
import app.alongside.fixtures.PushOps.Person;
import app.alongside.fixtures.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Notification preferences over GraphQL: privacy-first defaults, partial updates, impossible values refused. */
class PreferencesIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();

    @Test
    void defaultsAreNoNudgesQuietNightsAndGenericText() {
        Person person = PushOps.youngPerson(platform, http, "Dee");
        Reply reply = person.app().graphql(PushOps.PREFERENCES);
        assertEquals(Map.of("NEW_MESSAGE", false, "URGENT", false, "REMINDERS", false, "OPPORTUNITIES", false,
                "GOAL_NUDGES", false, "ALLOCATION", false, "ENTITLEMENT_GAPS", false),
                categories(reply, "notificationPreferences"),
                "a young person turns on what they want");
        assertEquals(Map.of("enabled", true, "start", "22:00", "end", "07:00", "timeZone", "Europe/London"),
                Ops.at(reply, "notificationPreferences", "quietHours"));
        assertEquals("GENERIC", Ops.at(reply, "notificationPreferences", "lockScreen"));
    }

    @Test
    void changesApplyToTheFieldsGivenAndLast() {
        Person person = PushOps.youngPerson(platform, http, "Eli");
        Reply updated = person.app().graphql(PushOps.UPDATE_PREFERENCES, Ops.input(Map.of(
                "categories", List.of(Map.of("category", "OPPORTUNITIES", "enabled", true),
                        Map.of("category", "REMINDERS", "enabled", false)),
                "quietHours", Map.of("enabled", true, "start", "21:30", "end", "08:15",
                        "timeZone", "Europe/Dublin"))));
        assertEquals(List.of(), Ops.userErrorCodes(updated, "updateNotificationPreferences"), updated.body());
        Reply read = person.app().graphql(PushOps.PREFERENCES);
        Map<String, Boolean> categories = categories(read, "notificationPreferences");
        assertEquals(true, categories.get("OPPORTUNITIES"));
        assertEquals(false, categories.get("REMINDERS"));
        assertEquals(false, categories.get("NEW_MESSAGE"), "not listed, unchanged");
        assertEquals("21:30", Ops.at(read, "notificationPreferences", "quietHours", "start"));
        assertEquals("Europe/Dublin", Ops.at(read, "notificationPreferences", "quietHours", "timeZone"));
        Reply lock = person.app().graphql(PushOps.UPDATE_PREFERENCES, Ops.input(Map.of("lockScreen", "DATA_ONLY")));
        assertEquals("DATA_ONLY", Ops.at(lock, "updateNotificationPreferences", "notificationPreferences",
                "lockScreen"));
        assertEquals("21:30", Ops.at(lock, "updateNotificationPreferences", "notificationPreferences", "quietHours",
                "start"), "quiet hours kept");
    }

    @Test
    void staffHaveTheirOwnPreferences() {
        Reply defaults = platform.as("manager").graphql(PushOps.PREFERENCES);
        assertEquals(Map.of("NEW_MESSAGE", true, "URGENT", true, "REMINDERS", true, "OPPORTUNITIES", false,
                "GOAL_NUDGES", false, "ALLOCATION", true, "ENTITLEMENT_GAPS", false),
                categories(defaults, "notificationPreferences"),
                "staff hear of the messages and allocations their work needs");
        Reply reply = platform.as("advocate").graphql(PushOps.UPDATE_PREFERENCES, Ops.input(Map.of("quietHours",
                Map.of("enabled", false, "start", "22:00", "end", "07:00", "timeZone", "Europe/London"))));
        assertEquals(false, Ops.at(reply, "updateNotificationPreferences", "notificationPreferences", "quietHours",
                "enabled"));
        assertEquals(List.of("UNAUTHENTICATED"), http.graphql(PushOps.PREFERENCES).errorCodes());
    }

    @Test
    void impossibleValuesAreRefusedAndChangeNothing() {
        Person person = PushOps.youngPerson(platform, http, "Fin");
        assertRefused(person, Map.of("quietHours", quiet("22:00", "22:00", "Europe/London")), "quietHours", "end");
        assertRefused(person, Map.of("quietHours", quiet("25:00", "07:00", "Europe/London")), "quietHours", "start");
        assertRefused(person, Map.of("quietHours", quiet("22:00", "7am", "Europe/London")), "quietHours", "end");
        assertRefused(person, Map.of("quietHours", quiet("22:00", "07:00", "Mars/Olympus_Mons")), "quietHours",
                "timeZone");
        assertRefused(person, Map.of("lockScreen", "GENERIC", "categories", List.of(
                Map.of("category", "URGENT", "enabled", false), Map.of("category", "URGENT", "enabled", true))),
                "categories");
        Reply unknown = person.app().graphql(PushOps.UPDATE_PREFERENCES, Ops.input(Map.of("lockScreen", "NAMES")));
        assertEquals(List.of("BAD_USER_INPUT"), unknown.errorCodes());
        Reply read = person.app().graphql(PushOps.PREFERENCES);
        assertEquals("22:00", Ops.at(read, "notificationPreferences", "quietHours", "start"), "nothing changed");
        assertEquals(false, categories(read, "notificationPreferences").get("URGENT"));
    }

    private static Map<String, Object> quiet(String start, String end, String zone) {
        return Map.of("enabled", true, "start", start, "end", end, "timeZone", zone);
    }

    private static void assertRefused(Person person, Map<String, Object> input, String... field) {
        Reply reply = person.app().graphql(PushOps.UPDATE_PREFERENCES, Ops.input(input));
        List<Map<String, Object>> errors = Ops.at(reply, "updateNotificationPreferences", "userErrors");
        assertEquals(1, errors.size(), reply.body());
        List<String> path = new java.util.ArrayList<>(List.of("input"));
        path.addAll(List.of(field));
        assertEquals(path, errors.getFirst().get("field"), reply.body());
        assertNull(Ops.at(reply, "updateNotificationPreferences", "notificationPreferences"));
    }

    private static Map<String, Boolean> categories(Reply reply, String field) {
        List<Map<String, Object>> list = Ops.at(reply, field, "categories");
        Map<String, Boolean> map = new java.util.HashMap<>();
        list.forEach(entry -> map.put((String) entry.get("category"), (Boolean) entry.get("enabled")));
        return map;
    }
}
