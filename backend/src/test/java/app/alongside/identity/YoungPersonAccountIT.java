package app.alongside.identity;

import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.TestServer;
import app.alongside.fixtures.YoungPersonApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A young person's account over time: their profile, a move to another council, and the admin's audit search. */
class YoungPersonAccountIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();
    private static final String PROFILE = """
            mutation UpdateMyProfile($input: UpdateMyProfileInput!) {
              updateMyProfile(input: $input) {
                youngPerson { preferredName pronouns language contactPreferences { inApp email sms } }
                userErrors { field code }
              }
            }""";

    private YoungPersonApp joined(String[] invite) {
        YoungPersonApp app = YoungPersonApp.signUp(http);
        app.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", invite[1])));
        return app;
    }

    @Test
    void profileStartsPrivateAndChangesOnlyAsAsked() {
        YoungPersonApp app = joined(platform.invite("Dev"));
        Reply first = app.graphql("{ viewer { ... on YoungPerson { contactPreferences { inApp email sms } } } }");
        assertEquals(Map.of("inApp", false, "email", false, "sms", false),
                Ops.at(first, "viewer", "contactPreferences"), "everything is off by default");
        Reply updated = app.graphql(PROFILE, Ops.input(Map.of("preferredName", "Devi", "pronouns", "she/her",
                "language", "cy", "contactPreferences", Map.of("inApp", true, "email", false, "sms", false))));
        assertEquals("Devi", Ops.at(updated, "updateMyProfile", "youngPerson", "preferredName"));
        Reply partial = app.graphql(PROFILE, Ops.input(Map.of("pronouns", "they/them")));
        assertEquals("Devi", Ops.at(partial, "updateMyProfile", "youngPerson", "preferredName"));
        assertEquals("cy", Ops.at(partial, "updateMyProfile", "youngPerson", "language"));
        Reply bad = app.graphql(PROFILE, Ops.input(Map.of("language", "not a language!")));
        assertEquals(List.of("BAD_USER_INPUT"), Ops.userErrorCodes(bad, "updateMyProfile"));
        Reply cleared = app.graphql(PROFILE, Ops.input(java.util.Collections.singletonMap("preferredName", null)));
        assertNull(Ops.at(cleared, "updateMyProfile", "youngPerson", "preferredName"));
    }

    @Test
    void movingCouncilKeepsTheLoginAndChangesWhoCanSee() {
        String[] invite = platform.invite("Eli");
        YoungPersonApp app = joined(invite);
        String query = "query($id: ID!) { node(id: $id) { ... on YoungPerson { id } } }";
        Reply moved = platform.as("laWorkerA").graphql("mutation($id: ID!, $to: ID!) { transferYoungPerson(input: "
                + "{youngPersonId: $id, toLocalAuthorityId: $to}) { youngPerson { localAuthority { name } } "
                + "userErrors { code } } }", Map.of("id", invite[0], "to", platform.councilB));
        assertEquals("Southvale Borough Council",
                Ops.at(moved, "transferYoungPerson", "youngPerson", "localAuthority", "name"), moved.body());
        assertEquals("Southvale Borough Council", Ops.at(app.graphql(Ops.VIEWER), "viewer", "localAuthority", "name"));
        assertNull(Ops.at(platform.as("laWorkerA").graphql(query, Map.of("id", invite[0])), "node"));
        assertEquals(invite[0], Ops.at(platform.as("laWorkerB").graphql(query, Map.of("id", invite[0])), "node",
                "id"));
        assertNull(Ops.at(platform.as("advocate").graphql(query, Map.of("id", invite[0])), "node"));
        assertEquals(invite[0], Ops.at(platform.as("otherAdvocate").graphql(query, Map.of("id", invite[0])),
                "node", "id"));
    }

    @Test
    void aCodeIssuedBeforeAMoveStopsWorking() {
        String[] invite = platform.invite("Hal");
        platform.as("laWorkerA").graphql("mutation($id: ID!, $to: ID!) { transferYoungPerson(input: "
                + "{youngPersonId: $id, toLocalAuthorityId: $to}) { userErrors { code } } }",
                Map.of("id", invite[0], "to", platform.councilB));
        YoungPersonApp app = YoungPersonApp.signUp(http);
        assertEquals(List.of("NOT_FOUND"), Ops.userErrorCodes(app.graphql(Ops.REDEEM_INVITE,
                Ops.input(Map.of("code", invite[1]))), "redeemInvite"));
    }

    @Test
    void adminSearchesTheAuditLogByTarget() {
        String[] invite = platform.invite("Fay");
        platform.as("advocate").graphql("query($id: ID!) { node(id: $id) { id } }", Map.of("id", invite[0]));
        Reply log = platform.admin.graphql("query($id: ID!) { auditLog(filter: {targetId: $id}) { edges { node { "
                + "action actorRole actorOrganisationName subjectId requestId } } } }", Map.of("id", invite[0]));
        List<Map<String, Object>> edges = Ops.at(log, "auditLog", "edges");
        List<String> actions = edges.stream().map(e -> (String) ((Map<?, ?>) e.get("node")).get("action")).toList();
        assertTrue(actions.contains("READ") && actions.contains("CREATE"), log.body());
        assertTrue(log.body().contains("North Advocacy"), log.body());
        Reply bad = platform.admin.graphql("{ auditLog(filter: {targetId: \"%%%\"}) { edges { cursor } } }");
        assertEquals(List.of("BAD_USER_INPUT"), bad.errorCodes());
    }
}
