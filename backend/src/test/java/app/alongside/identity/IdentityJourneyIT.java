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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole onboarding journey over HTTP: the bootstrap admin builds the organisations and staff, an LA worker
 * invites a young person, who redeems the code from an app with a real emulator token, sees themself as the
 * viewer, and sees in their access log that the council read their record.
 */
class IdentityJourneyIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();

    @Test
    void youngPersonJoinsByInviteAndSeesWhoReadTheirRecord() {
        String[] invite = platform.invite("Amara");
        YoungPersonApp app = YoungPersonApp.signUp(http);
        assertNull(Ops.at(app.graphql(Ops.VIEWER), "viewer"), "not linked yet: no viewer");

        Reply redeemed = app.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", invite[1].toLowerCase())));
        assertEquals(invite[0], Ops.at(redeemed, "redeemInvite", "youngPerson", "id"), redeemed.body());
        assertEquals(true, Ops.at(redeemed, "redeemInvite", "youngPerson", "hasAppAccount"));

        Reply viewer = app.graphql(Ops.VIEWER);
        assertEquals("YoungPerson", Ops.at(viewer, "viewer", "__typename"));
        assertEquals("Amara", Ops.at(viewer, "viewer", "firstName"));
        assertEquals("Northshire County Council", Ops.at(viewer, "viewer", "localAuthority", "name"));

        Reply read = platform.as("laWorkerA").graphql("query($id: ID!) { node(id: $id) { ... on YoungPerson { id } } }",
                Map.of("id", invite[0]));
        assertEquals(invite[0], Ops.at(read, "node", "id"));

        Reply log = app.graphql("{ myAccessLog(first: 50) { edges { node { action what organisationName role } } } }");
        List<Map<String, Object>> edges = Ops.at(log, "myAccessLog", "edges");
        assertTrue(edges.stream().map(e -> (Map<?, ?>) e.get("node")).anyMatch(n -> "READ".equals(n.get("action"))
                && "Northshire County Council".equals(n.get("organisationName")) && "LA_WORKER".equals(n.get("role"))),
                log.body());
    }

    @Test
    void staffViewerShowsRoleAndOrganisation() {
        Reply viewer = platform.as("advocate").graphql(Ops.VIEWER);
        assertEquals("StaffMember", Ops.at(viewer, "viewer", "__typename"));
        assertEquals("ADVOCATE", Ops.at(viewer, "viewer", "role"));
        assertEquals("North Advocacy", Ops.at(viewer, "viewer", "organisation", "name"));
    }

    @Test
    void aCodeWorksOnceAndAnAccountLinksOnce() {
        String[] first = platform.invite("Bea");
        String[] second = platform.invite("Cal");
        YoungPersonApp bea = YoungPersonApp.signUp(http);
        assertTrue(Ops.userErrorCodes(bea.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", first[1]))),
                "redeemInvite").isEmpty());
        YoungPersonApp someoneElse = YoungPersonApp.signUp(http);
        assertEquals(List.of("CONFLICT"), Ops.userErrorCodes(someoneElse.graphql(Ops.REDEEM_INVITE,
                Ops.input(Map.of("code", first[1]))), "redeemInvite"));
        assertEquals(List.of("CONFLICT"), Ops.userErrorCodes(bea.graphql(Ops.REDEEM_INVITE,
                Ops.input(Map.of("code", second[1]))), "redeemInvite"), "Bea is linked already");
        assertEquals(List.of("NOT_FOUND"), Ops.userErrorCodes(someoneElse.graphql(Ops.REDEEM_INVITE,
                Ops.input(Map.of("code", "AAAA-BBBB-CCCC"))), "redeemInvite"));
        assertFalse(Ops.<Boolean>at(platform.as("laWorkerA").graphql(
                "query($id: ID!) { node(id: $id) { ... on YoungPerson { hasAppAccount } } }",
                Map.of("id", second[0])), "node", "hasAppAccount"));
    }
}
