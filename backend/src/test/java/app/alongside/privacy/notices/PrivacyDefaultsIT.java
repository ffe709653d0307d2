package app.alongside.privacy.notices;

import app.alongside.fixtures.Engine;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.OpportunityOps;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.PushOps;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.YoungPersonApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every setting that shares or notifies starts at its most private for a fresh young person (ICO Children's Code,
 * standard 7), read through the API as their app would: if a default changes, this test says which. The one
 * default that is on, opt-out advocacy, is asserted as such, so that changing it is a decision too.
 */
class PrivacyDefaultsIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();

    @Test
    void aFreshYoungPersonSharesNothingAndIsNotifiedOfNothing() {
        Platform platform = SERVER.platform();
        Engine engine = Engine.of(SERVER.server().app());
        String[] invite = platform.invite("Gem");
        YoungPersonApp app = YoungPersonApp.signUp(SERVER.http());
        app.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", invite[1])));
        Engine.Asker gem = engine.youngPerson(invite[0], app.uid());

        Reply profile = gem.graphql("{ viewer { ... on YoungPerson { preferredName pronouns language "
                + "contactPreferences { inApp email sms } } } }", Map.of());
        assertEquals(Map.of("inApp", false, "email", false, "sms", false),
                Ops.at(profile, "viewer", "contactPreferences"), "no contact until they turn it on");
        assertNull(Ops.at(profile, "viewer", "preferredName"), "nothing about them beyond what the council gave");

        Reply missions = gem.graphql("{ missionSummary { missions { mission sharedWithAdvocate } } }", Map.of());
        List<Map<String, Object>> overview = Ops.at(missions, "missionSummary", "missions");
        assertEquals(5, overview.size(), missions.body());
        overview.forEach(m -> assertEquals(false, m.get("sharedWithAdvocate"), m + " is not shared"));

        Reply record = gem.graphql("mutation($input: CreateRecordInput!) { createRecord(input: $input) { "
                + "record { visibility sharedWithAdvocate } userErrors { code } } }", Ops.input(Map.of("details",
                Map.of("importantPerson", Map.of("name", "My nan", "relationship", "GRANDPARENT")))));
        assertEquals(Map.of("visibility", "PRIVATE", "sharedWithAdvocate", false),
                Ops.at(record, "createRecord", "record"), record.body());
        Reply goal = gem.graphql("mutation($input: CreateGoalInput!) { createGoal(input: $input) { "
                + "goal { visibility sharedWithAdvocate } userErrors { code } } }", Ops.input(Map.of(
                "mission", "WORK", "title", "Find a job")));
        assertEquals(Map.of("visibility", "PRIVATE", "sharedWithAdvocate", false),
                Ops.at(goal, "createGoal", "goal"), goal.body());
        Engine.Asker advocate = engine.staff(platform.staffIds.get("advocate"));
        Reply shared = advocate.graphql("query($id: ID!) { sharedRecords(youngPersonId: $id) { edges { cursor } } "
                + "sharedGoals(youngPersonId: $id) { edges { cursor } } }", Map.of("id", invite[0]));
        assertEquals(List.of(), Ops.at(shared, "sharedRecords", "edges"), "their advocate sees nothing unshared");
        assertEquals(List.of(), Ops.at(shared, "sharedGoals", "edges"), shared.body());

        Reply push = gem.graphql(PushOps.PREFERENCES, Map.of());
        List<Map<String, Object>> categories = Ops.at(push, "notificationPreferences", "categories");
        assertEquals(7, categories.size(), push.body());
        categories.forEach(c -> assertEquals(false, c.get("enabled"), c.get("category") + " is off"));
        assertEquals(Map.of("enabled", true, "start", "22:00", "end", "07:00", "timeZone", "Europe/London"),
                Ops.at(push, "notificationPreferences", "quietHours"), "quiet nights");
        assertEquals("GENERIC", Ops.at(push, "notificationPreferences", "lockScreen"), "no content on the lock screen");

        assertInterestSharesOnlyWhatIsListed(platform, gem);

        Reply advocacy = gem.graphql("{ myAdvocacy { status } }", Map.of());
        assertEquals("ALLOCATION_PENDING", Ops.at(advocacy, "myAdvocacy", "status"),
                "the one default that is on: advocacy is opt-out (the deployer's DPIA must justify it)");

        Reply notices = gem.graphql("{ privacyNotices { feature needsAcknowledgement } }", Map.of());
        List<Map<String, Object>> parts = Ops.at(notices, "privacyNotices");
        assertEquals(NoticeFeature.values().length, parts.size(), notices.body());
        parts.forEach(p -> assertEquals(true, p.get("needsAcknowledgement"), p + ": nothing is taken as read"));
    }

    /** Expressing interest has no default share: the young person lists each field, and an empty list shares none. */
    @SuppressWarnings("unchecked")
    private static void assertInterestSharesOnlyWhatIsListed(Platform platform, Engine.Asker gem) {
        Reply input = gem.graphql("{ __type(name: \"ExpressInterestInput\") { inputFields { name defaultValue } } }",
                Map.of());
        List<Map<String, Object>> fields = Ops.at(input, "__type", "inputFields");
        fields.forEach(f -> assertNull(f.get("defaultValue"), f + " has no default"));
        Reply created = platform.as("corporate").graphql(OpportunityOps.CREATE, Ops.input(OpportunityOps.job(
                "Defaults apprenticeship", LocalDate.now().plusMonths(3).toString())));
        String id = Ops.at(created, "createOpportunity", "opportunity", "id");
        assertNotNull(id, created.body());
        platform.as("corporate").graphql(OpportunityOps.action("submitOpportunity"), Ops.input(Map.of("id", id)));
        platform.admin.graphql(OpportunityOps.action("approveOpportunity"), Ops.input(Map.of("id", id)));
        Map<String, Object> interest = new HashMap<>(Map.of("opportunityId", id, "share", List.of()));
        Reply expressed = gem.graphql(OpportunityOps.INTEREST, Ops.input(interest));
        assertEquals(List.of(), Ops.at(expressed, "expressInterest", "interest", "shared"), expressed.body());
        Reply received = platform.as("corporate").graphql(OpportunityOps.RECEIVED, Map.of("id", id));
        List<Map<String, Object>> edges = Ops.at(received, "interestReceived", "edges");
        assertEquals(1, edges.size(), received.body());
        Map<String, Object> seen = (Map<String, Object>) edges.getFirst().get("node");
        for (String field : List.of("firstName", "email", "phone", "ageBand", "councilName")) {
            assertNull(seen.get(field), "the poster sees no " + field);
        }
        assertTrue(((List<?>) seen.get("shared")).isEmpty());
    }
}
