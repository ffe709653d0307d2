package app.alongside.audit;

import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.YoungPersonApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admins' audit log in words: who, what and about what, never an id or a young person's name. */
class AuditLogWordsIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    private static final String LOG = """
            query Log($filter: AuditLogFilter) {
              auditLog(filter: $filter, first: 100) { edges { node {
                action actorName actorRoleName actionText subjectText detail } } }
            }""";
    private final Platform platform = SERVER.platform();

    @Test
    void eachEventSaysWhoDidWhatToWhatInWords() {
        String adminName = Ops.at(platform.admin.graphql(Ops.VIEWER), "viewer", "name");
        Reply made = platform.admin.graphql(Ops.CREATE_STAFF, Ops.input(Map.of("organisationId",
                platform.corporateParent, "name", "Dee Poster", "email", "dee@example.test",
                "role", "CORPORATE_PARENT_STAFF", "password", Platform.FIRST_PASSWORD)));
        String target = Ops.at(made, "createStaffMember", "staffMember", "id");
        platform.admin.graphql("mutation($id: ID!) { deactivateStaffMember(input: {staffMemberId: $id}) "
                + "{ userErrors { code } } }", Map.of("id", target));
        platform.admin.graphql("mutation($id: ID!) { reactivateStaffMember(input: {staffMemberId: $id}) "
                + "{ userErrors { code } } }", Map.of("id", target));
        List<Map<String, Object>> deleted = events(Map.of("action", "DELETE", "targetId", target));
        assertEquals(List.of(Map.of("action", "DELETE", "actorName", adminName, "actorRoleName", "Admin",
                "actionText", "Deactivated a staff account", "subjectText", "Dee Poster (staff account)",
                "detail", "deactivated")), deleted);

        List<Map<String, Object>> created = events(Map.of("action", "CREATE",
                "targetId", platform.advocacyService));
        assertEquals("Created an organisation", created.getFirst().get("actionText"));
        assertEquals("North Advocacy", created.getFirst().get("subjectText"));

        platform.invite("Yara");
        platform.as("laWorkerA").graphql("{ youngPeople(first: 10) { edges { node { firstName } } } }");
        List<Map<String, Object>> reads = events(Map.of("action", "READ",
                "actorId", platform.staffIds.get("laWorkerA")));
        assertFalse(reads.isEmpty());
        assertEquals("laWorkerA", reads.getFirst().get("actorName"));
        assertEquals("Council worker", reads.getFirst().get("actorRoleName"));
        assertEquals("Read a young person's profile", reads.getFirst().get("actionText"));
        assertEquals("A young person's profile", reads.getFirst().get("subjectText"));
    }

    @Test
    void youngPeoplesNamesAndIdsNeverShow() {
        platform.invite("Zephyrine");
        Reply all = platform.admin.graphql(LOG, Map.of());
        assertFalse(all.body().contains("Zephyrine"), "admins do not see young people's names");
        List<Map<String, Map<String, Object>>> edges = Ops.at(all, "auditLog", "edges");
        for (var edge : edges) {
            String words = edge.get("node").get("actionText") + " " + edge.get("node").get("subjectText");
            assertFalse(words.matches(".*[A-Z_]{5,}.*|.*[A-Za-z0-9+/]{20,}.*"), "no enum or id: " + words);
        }
    }

    @Test
    void onlyAdminsReadTheLogAndBadFiltersAreTypedErrors() {
        for (String role : List.of("laWorkerA", "advocate", "manager", "corporate")) {
            assertEquals(List.of("FORBIDDEN"), platform.as(role).graphql(LOG, Map.of()).errorCodes(), role);
        }
        YoungPersonApp app = YoungPersonApp.signUp(SERVER.http());
        assertTrue(List.of("FORBIDDEN", "UNAUTHENTICATED").containsAll(app.graphql(LOG, Map.of()).errorCodes()));
        Reply action = platform.admin.graphql(LOG, Map.of("filter", Map.of("action", "READ_EVERYTHING")));
        assertEquals(List.of("BAD_USER_INPUT"), action.errorCodes(), action.body());
        Reply actor = platform.admin.graphql(LOG, Map.of("filter", Map.of("actorId", "Sam Patel")));
        assertEquals(List.of("BAD_USER_INPUT"), actor.errorCodes());
        assertEquals(List.of("filter", "actorId"), ((Map<?, ?>) actor.errors().getFirst().get("extensions"))
                .get("field"));
    }

    private List<Map<String, Object>> events(Map<String, Object> filter) {
        Reply reply = platform.admin.graphql(LOG, Map.of("filter", filter));
        List<Map<String, Map<String, Object>>> edges = Ops.at(reply, "auditLog", "edges");
        return edges.stream().map(e -> e.get("node")).toList();
    }
}
