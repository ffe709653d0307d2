package app.alongside.records;

import app.alongside.fixtures.FakeFcm;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.MutableClock;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.PushOps;
import app.alongside.fixtures.RecordsOps;
import app.alongside.fixtures.ServerExtension;
import app.alongside.platform.core.GlobalIds;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A goal's nudge, through GraphQL, the real dispatcher and the real Admin SDK to a fake FCM: two days before the
 * target date at 09:00 UK time, only for a young person who turned goal nudges on (off by default), and never for
 * a goal achieved in the meantime.
 */
class GoalNudgePushIT {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    static final FakeFcm FCM = FakeFcm.start();
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPush(CLOCK, Map.of("FCM_ENDPOINT", FCM.endpoint(),
            "PUSH_DISPATCHER_ENABLED", "false", "AUTH_INVITE_ATTEMPTS_PER_HOUR", "1000"), List.of());
    private static final String UPDATE_GOAL = "mutation($input: UpdateGoalInput!) { updateGoal(input: $input) { "
            + "goal { status version } userErrors { field code } } }";
    private final Http http = SERVER.http();

    @AfterAll
    static void stopFcm() {
        FCM.close();
    }

    private PushOps.Person withDevice(String name, boolean nudges) {
        PushOps.Person person = PushOps.youngPersonNow(http, name);
        Reply registered = person.app().graphql(PushOps.REGISTER_DEVICE, PushOps.device(PushOps.token(name),
                "ANDROID"));
        assertEquals(List.of(), Ops.userErrorCodes(registered, "registerDevice"), registered.body());
        if (nudges) {
            Reply on = person.app().graphql(PushOps.UPDATE_PREFERENCES, Ops.input(Map.of("categories",
                    List.of(Map.of("category", "GOAL_NUDGES", "enabled", true)))));
            assertEquals(List.of(), Ops.userErrorCodes(on, "updateNotificationPreferences"), on.body());
        }
        return person;
    }

    private static String goal(PushOps.Person person, String title) {
        Reply created = person.app().graphql(RecordsOps.CREATE_GOAL, Ops.input(Map.of("mission", "WORK",
                "title", title, "targetDate", "2026-12-10")));
        assertEquals(List.of(), Ops.userErrorCodes(created, "createGoal"), created.body());
        return Ops.at(created, "createGoal", "goal", "id");
    }

    private static Document stored(String goalId) {
        return SERVER.server().app().store().db().getCollection(GoalRepository.COLLECTION)
                .find(Filters.eq("_id", GlobalIds.decode(goalId).orElseThrow().id())).first();
    }

    @Test
    void aGoalIsNudgedTwoDaysAheadOnlyWhenAskedForAndOnlyWhileActive() {
        PushOps.Person keen = withDevice("Kai", true);
        PushOps.Person quiet = withDevice("Lou", false);
        String cv = goal(keen, "Finish my CV");
        String done = goal(keen, "Book a careers chat");
        String theirs = goal(quiet, "Open a bank account");
        assertEquals(Instant.parse("2026-12-08T09:00:00Z"), stored(cv).get("push", Document.class).getDate("dueAt")
                .toInstant(), "09:00 UK time two days before the 10th");

        Reply achieved = keen.app().graphql(UPDATE_GOAL, Ops.input(Map.of("id", done, "version", 1,
                "status", "ACHIEVED")));
        assertEquals(List.of(), Ops.userErrorCodes(achieved, "updateGoal"), achieved.body());
        assertNull(stored(done).get("push"), "an achieved goal needs no nudge");

        CLOCK.set(Instant.parse("2026-12-08T08:59:00Z"));
        SERVER.server().app().push().runOnce();
        assertEquals(List.of(), FCM.received(), "not before it is due");

        CLOCK.set(Instant.parse("2026-12-08T09:00:00Z"));
        SERVER.server().app().push().runOnce();
        List<FakeFcm.Received> pushes = FCM.deliveredTo(PushOps.token("Kai"));
        assertEquals(1, pushes.size(), "one nudge: the achieved goal has none");
        assertEquals("goal.nudge", pushes.getFirst().data().get("kind"));
        assertEquals(cv, pushes.getFirst().data().get("goalId"));
        assertEquals("2026-12-10", pushes.getFirst().data().get("targetDate"));
        assertEquals(Map.of("body", "You have an update"), pushes.getFirst().message().get("notification"));
        assertEquals(List.of(), FCM.deliveredTo(PushOps.token("Lou")), "goal nudges are off by default");
        assertEquals("QUEUED", stored(theirs).get("push", Document.class).getString("state"));
    }
}
