package app.alongside.identity;

import app.alongside.fixtures.Console;
import app.alongside.fixtures.Http;
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
import static org.junit.jupiter.api.Assertions.assertNull;

/** Deactivating and reactivating staff: who may, never oneself, and what signing in can do after each. */
class StaffLifecycleIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    private static final String DEACTIVATE = "mutation($id: ID!) { deactivateStaffMember(input: {staffMemberId: $id})"
            + " { staffMember { active } userErrors { field code message } } }";
    private static final String REACTIVATE = "mutation($id: ID!) { reactivateStaffMember(input: {staffMemberId: $id})"
            + " { staffMember { id active } userErrors { field code message } } }";
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();

    @Test
    void aReactivatedAccountSignsInAgainButItsOldSessionsStayEnded() {
        String id = newAdvocate("Rae", "rae@example.test");
        Console rae = Console.firstSignIn(http, "rae@example.test", Platform.FIRST_PASSWORD, Platform.PASSWORD);
        Reply off = platform.admin.graphql(DEACTIVATE, Map.of("id", id));
        assertEquals(false, Ops.at(off, "deactivateStaffMember", "staffMember", "active"), off.body());
        assertEquals(401, Console.login(http, "rae@example.test", Platform.PASSWORD).status());

        Reply on = platform.admin.graphql(REACTIVATE, Map.of("id", id));
        assertEquals(true, Ops.at(on, "reactivateStaffMember", "staffMember", "active"), on.body());
        assertEquals(List.of("UNAUTHENTICATED"), rae.graphql(Ops.VIEWER).errorCodes(), "old sessions stay ended");
        Console again = Console.signIn(http, "rae@example.test", Platform.PASSWORD);
        assertEquals("Rae", Ops.at(again.graphql(Ops.VIEWER), "viewer", "name"));
        Reply audit = platform.admin.graphql("query($id: ID!) { auditLog(filter: {targetId: $id}) { edges { node {"
                + " detail } } } }", Map.of("id", id));
        assertEquals(true, audit.body().contains("\"reactivated\""), audit.body());
    }

    @Test
    void aManagerReactivatesTheirOwnServicesAdvocateOnly() {
        String id = newAdvocate("Mo", "mo@example.test");
        Console manager = platform.as("manager");
        manager.graphql(DEACTIVATE, Map.of("id", id));
        Reply on = manager.graphql(REACTIVATE, Map.of("id", id));
        assertEquals(true, Ops.at(on, "reactivateStaffMember", "staffMember", "active"), on.body());

        String other = platform.staffIds.get("otherAdvocate");
        platform.admin.graphql(DEACTIVATE, Map.of("id", other));
        try {
            for (String who : List.of("manager", "laWorkerA", "advocate", "corporate")) {
                Reply refused = platform.as(who).graphql(REACTIVATE, Map.of("id", other));
                assertEquals(List.of("NOT_FOUND"), Ops.userErrorCodes(refused, "reactivateStaffMember"), who);
                assertNull(Ops.at(refused, "reactivateStaffMember", "staffMember"));
            }
            Reply app = YoungPersonApp.signUp(http).graphql(REACTIVATE, Map.of("id", other));
            assertNull(Ops.at(app, "reactivateStaffMember", "staffMember"), app.body());
            assertEquals(401, Console.login(http, "otheradvocate@example.test", Platform.PASSWORD).status(),
                    "still deactivated");
        } finally {
            platform.admin.graphql(REACTIVATE, Map.of("id", other));
        }
    }

    @Test
    void badInputIsATypedErrorAtTheField() {
        Reply active = platform.admin.graphql(REACTIVATE, Map.of("id", platform.staffIds.get("advocate")));
        assertEquals(List.of("CONFLICT"), Ops.userErrorCodes(active, "reactivateStaffMember"));
        Reply notAnId = platform.admin.graphql(REACTIVATE, Map.of("id", "not an id"));
        assertEquals(List.of("input", "staffMemberId"),
                Ops.payload(notAnId, "reactivateStaffMember", Ops.UserErrorsPayload.class).userErrors().getFirst()
                        .field());
    }

    @Test
    void nobodyDeactivatesThemself() {
        String me = Ops.at(platform.admin.graphql(Ops.VIEWER), "viewer", "id");
        Reply self = platform.admin.graphql(DEACTIVATE, Map.of("id", me));
        var error = Ops.payload(self, "deactivateStaffMember", Ops.UserErrorsPayload.class).userErrors().getFirst();
        assertEquals("BAD_USER_INPUT", error.code());
        assertEquals(List.of("input", "staffMemberId"), error.field());
        assertEquals("You cannot deactivate your own account.", error.message());
        assertEquals("StaffMember", Ops.at(platform.admin.graphql(Ops.VIEWER), "viewer", "__typename"));
    }

    private String newAdvocate(String name, String email) {
        Reply created = platform.admin.graphql(Ops.CREATE_STAFF, Ops.input(Map.of("organisationId",
                platform.advocacyService, "name", name, "email", email, "role", "ADVOCATE",
                "password", Platform.FIRST_PASSWORD)));
        return Ops.at(created, "createStaffMember", "staffMember", "id");
    }
}
