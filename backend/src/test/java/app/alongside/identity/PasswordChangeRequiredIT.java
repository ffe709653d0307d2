package app.alongside.identity;

import app.alongside.fixtures.Console;
import app.alongside.fixtures.GraphqlSocket;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A password someone else set must be changed before anything else runs, over HTTP and WebSocket alike. */
class PasswordChangeRequiredIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    private static final String REQUIRED = "{ viewer { ... on StaffMember { passwordChangeRequired } } }";
    private static final String CHANGE = "mutation($c: String!, $n: String!) { changeMyPassword(input: "
            + "{currentPassword: $c, newPassword: $n}) { changed userErrors { field code } } }";
    private static final String STAFF = "{ staff(first: 5) { edges { node { id } } } }";
    private static final String YOUNG_PEOPLE = "{ youngPeople(first: 5) { edges { node { id } } } }";
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();

    @Test
    void aNewStaffMemberCanOnlyReadWhoTheyAreAndChangeTheirPassword() {
        createCouncilWorker("Nia", "nia@example.test");
        Console nia = Console.signIn(http, "nia@example.test", Platform.FIRST_PASSWORD);
        assertEquals(true, Ops.at(nia.graphql(REQUIRED), "viewer", "passwordChangeRequired"));
        Reply read = nia.graphql(YOUNG_PEOPLE);
        assertEquals(List.of("PASSWORD_CHANGE_REQUIRED"), read.errorCodes(), read.body());
        assertEquals(List.of("youngPeople"), read.errors().getFirst().get("path"));
        Reply write = nia.graphql(Ops.CREATE_INVITE, Ops.input(Map.of("firstName", "Ivy",
                "dateOfBirth", "2007-05-01", "legalStatus", "FORMER_RELEVANT")));
        assertEquals(List.of("PASSWORD_CHANGE_REQUIRED"), write.errorCodes(), write.body());
        assertTrue(!platform.as("laWorkerA").graphql("{ youngPeople(first: 100) { edges { node { firstName } } } }")
                .body().contains("Ivy"), "nothing was created");

        Reply same = nia.graphql(CHANGE, Map.of("c", Platform.FIRST_PASSWORD, "n", Platform.FIRST_PASSWORD));
        assertEquals(List.of("BAD_USER_INPUT"), Ops.userErrorCodes(same, "changeMyPassword"), same.body());
        Reply changed = nia.graphql(CHANGE, Map.of("c", Platform.FIRST_PASSWORD, "n", Platform.PASSWORD));
        assertEquals(true, Ops.at(changed, "changeMyPassword", "changed"), changed.body());
        assertEquals(false, Ops.at(nia.graphql(REQUIRED), "viewer", "passwordChangeRequired"));
        assertEquals(List.of(), nia.graphql(YOUNG_PEOPLE).errorCodes());
    }

    @Test
    void aResetByAnAdminMustBeChangedTooAndTheSocketRefusesMeanwhile() {
        String id = createCouncilWorker("Kit", "kit@example.test");
        Console.firstSignIn(http, "kit@example.test", Platform.FIRST_PASSWORD, Platform.PASSWORD);
        platform.admin.graphql("mutation($id: ID!, $p: String!) { resetStaffPassword(input: {staffMemberId: $id,"
                + " newPassword: $p}) { userErrors { code } } }", Map.of("id", id, "p", "an admin's reset password"));
        Console kit = Console.signIn(http, "kit@example.test", "an admin's reset password");
        assertEquals(true, Ops.at(kit.graphql(REQUIRED), "viewer", "passwordChangeRequired"));
        try (GraphqlSocket socket = GraphqlSocket.open(SERVER.server().baseUrl(), Map.of("Cookie", kit.cookie()))
                .init(Map.of("csrfToken", kit.csrf()))) {
            List<Map<String, Object>> refused = socket.execute("1", YOUNG_PEOPLE);
            assertTrue(refused.toString().contains("PASSWORD_CHANGE_REQUIRED"), refused.toString());
            List<Map<String, Object>> viewer = socket.execute("2", REQUIRED);
            assertTrue(viewer.toString().contains("passwordChangeRequired=true"), viewer.toString());
        }
    }

    @Test
    void theBootstrapAdminAndStaffWhoChangedTheirPasswordAreNotHeldBack() {
        Console admin = Console.signIn(http, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        assertEquals(false, Ops.at(admin.graphql(REQUIRED), "viewer", "passwordChangeRequired"));
        assertEquals(List.of(), admin.graphql(STAFF).errorCodes());
        assertEquals(false, Ops.at(platform.as("advocate").graphql(REQUIRED), "viewer", "passwordChangeRequired"));
    }

    private String createCouncilWorker(String name, String email) {
        Reply created = platform.admin.graphql(Ops.CREATE_STAFF, Ops.input(Map.of("organisationId",
                platform.councilA, "name", name, "email", email, "role", "LA_WORKER",
                "password", Platform.FIRST_PASSWORD)));
        return Ops.at(created, "createStaffMember", "staffMember", "id");
    }
}
