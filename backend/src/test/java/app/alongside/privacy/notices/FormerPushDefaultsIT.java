package app.alongside.privacy.notices;

import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.PushOps;
import app.alongside.fixtures.PushOps.Person;
import app.alongside.fixtures.ServerExtension;
import app.alongside.platform.store.Migration;
import app.alongside.push.PreferencesRepository;
import com.mongodb.client.model.Filters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Upgrading to every push off for young people takes nothing away from those already using the app: the migration
 * writes the former defaults as their own choice, keeps what they chose, and leaves staff and people who have no
 * app account yet to the new defaults. Run here by hand on the live store, as start-up runs it on an old one.
 */
class FormerPushDefaultsIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    private static final Map<String, Boolean> FORMER = Map.of("NEW_MESSAGE", true, "URGENT", true,
            "REMINDERS", true, "OPPORTUNITIES", false, "GOAL_NUDGES", false, "ALLOCATION", true,
            "ENTITLEMENT_GAPS", false);

    @Test
    void youngPeopleWithAnAccountKeepTheFormerDefaultsAndTheirOwnChoices() {
        Platform platform = SERVER.platform();
        Person never = PushOps.youngPerson(platform, SERVER.http(), "Hal");
        Person chose = PushOps.youngPerson(platform, SERVER.http(), "Isa");
        Reply changed = chose.app().graphql(PushOps.UPDATE_PREFERENCES, Ops.input(Map.of("categories", List.of(
                Map.of("category", "OPPORTUNITIES", "enabled", true)), "lockScreen", "DATA_ONLY")));
        assertEquals(List.of(), Ops.userErrorCodes(changed, "updateNotificationPreferences"), changed.body());
        var db = SERVER.server().app().store().db();
        db.getCollection(PreferencesRepository.COLLECTION).updateOne(Filters.eq("_id", chose.key()),
                new org.bson.Document("$unset", new org.bson.Document("categories.NEW_MESSAGE", "")));
        String[] invitedOnly = platform.invite("Jay");

        Migration migration = PreferencesRepository.migrations(Clock.systemUTC()).getFirst();
        migration.apply().accept(db);
        migration.apply().accept(db);

        assertEquals(FORMER, categories(never.app().graphql(PushOps.PREFERENCES)), "the former defaults, kept");
        Reply own = chose.app().graphql(PushOps.PREFERENCES);
        Map<String, Boolean> expected = new HashMap<>(FORMER);
        expected.putAll(Map.of("OPPORTUNITIES", true, "NEW_MESSAGE", true, "URGENT", false, "REMINDERS", false,
                "ALLOCATION", false));
        assertEquals(expected, categories(own), "their choices kept; only the category missing gets its old default");
        assertEquals("DATA_ONLY", Ops.at(own, "notificationPreferences", "lockScreen"));
        assertEquals(0, db.getCollection(PreferencesRepository.COLLECTION).countDocuments(
                Filters.eq("_id", "yp:" + app.alongside.platform.core.GlobalIds.decode(invitedOnly[0])
                        .orElseThrow().id())), "no account yet: the new defaults will apply");
        assertEquals(true, categories(platform.as("advocate").graphql(PushOps.PREFERENCES)).get("NEW_MESSAGE"),
                "staff keep theirs");
    }

    private static Map<String, Boolean> categories(Reply reply) {
        List<Map<String, Object>> list = Ops.at(reply, "notificationPreferences", "categories");
        Map<String, Boolean> map = new HashMap<>();
        list.forEach(entry -> map.put((String) entry.get("category"), (Boolean) entry.get("enabled")));
        return map;
    }
}
