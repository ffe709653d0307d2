package app.alongside.entitlements;

import app.alongside.fixtures.Console;
import app.alongside.fixtures.EntitlementOps;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.MutableClock;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.PushOps;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.YoungPersonApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who must not change a council's offer, read a young person's claims and gaps, or see a council's figures: every
 * other role, over GraphQL over HTTP. Each refusal leaves the data as it was, and the refused reads are audited.
 */
class EntitlementsAccessIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform(Map.of("AUTH_INVITE_ATTEMPTS_PER_HOUR",
            "1000"), new MutableClock(Instant.parse("2026-11-23T12:00:00Z")));
    private static final List<String> NOT_COUNCIL_A_STAFF = List.of("laWorkerB", "advocate", "manager",
            "otherAdvocate", "corporate");
    private static String localId;
    private static PushOps.Person ada;
    private static String allowanceId;
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();

    /** Council A's local entitlement; Ada of council A, whose allowance was below the minimum, shared the gap. */
    @BeforeAll
    static void anOfferAndAYoungPersonWithAPrivateClaimAndASharedGap() {
        Platform platform = SERVER.platform();
        Reply published = platform.as("laWorkerA").graphql(EntitlementOps.PUBLISH,
                Ops.input(EntitlementOps.local(Map.of())));
        localId = Ops.at(published, "publishLocalEntitlement", "entitlement", "id");
        ada = EntitlementOps.youngPerson(SERVER.http(), "laworkera@example.test", "Ada", "2004-03-01",
                "FORMER_RELEVANT", "U");
        allowanceId = (String) ((Map<?, ?>) EntitlementOps.entry(ada.app().graphql(EntitlementOps.MINE),
                "setting-up-home-allowance").get("entitlement")).get("id");
        Reply tracked = ada.app().graphql(EntitlementOps.TRACK, Ops.input(Map.of("entitlementId", allowanceId,
                "state", "RECEIVED", "amountPence", 250_000, "on", "2024-05-01")));
        assertEquals("PRIVATE", Ops.at(tracked, "trackEntitlement", "claim", "visibility"), tracked.body());
        Reply shared = ada.app().graphql(EntitlementOps.SHARE_GAP, Ops.input(Map.of("kind",
                "ALLOWANCE_BELOW_MINIMUM", "with", List.of("ADVOCATE"))));
        assertEquals(List.of("ADVOCATE"), Ops.at(shared, "shareEntitlementGap", "gap", "sharedWith"), shared.body());
    }

    @Test
    void onlyTheCouncilsOwnWorkersAndAdminsChangeItsOffer() {
        Map<String, Object> revise = Map.of("entitlementId", localId, "expectedVersion", 1);
        Map<String, Object> withdraw = Map.of("entitlementId", localId, "expectedVersion", 1,
                "lastDay", "2026-12-31", "reason", "Not ours to withdraw");
        for (String role : NOT_COUNCIL_A_STAFF) {
            // Another council's worker is told nothing exists, as for an unknown id; other roles may not publish.
            List<String> expected = List.of(role.equals("laWorkerB") ? "NOT_FOUND" : "FORBIDDEN");
            Console staff = platform.as(role);
            Reply changed = staff.graphql(EntitlementOps.REVISE, Ops.input(EntitlementOps.local(revise)));
            assertEquals(expected, changed.errorCodes(), role + ": " + changed.body());
            Reply withdrawn = staff.graphql(EntitlementOps.WITHDRAW, Ops.input(withdraw));
            assertEquals(expected, withdrawn.errorCodes(), role + ": " + withdrawn.body());
        }
        Reply byYoungPersonToo = ada.app().graphql(EntitlementOps.WITHDRAW, Ops.input(withdraw));
        assertEquals(List.of("FORBIDDEN"), byYoungPersonToo.errorCodes(), byYoungPersonToo.body());
        Reply intoAnother = platform.as("laWorkerB").graphql(EntitlementOps.PUBLISH, Ops.input(EntitlementOps.local(
                Map.of("councilId", platform.councilA, "title", "Slipped into another council's offer"))));
        assertEquals(List.of("FORBIDDEN"), intoAnother.errorCodes(), intoAnother.body());
        Reply byYoungPerson = ada.app().graphql(EntitlementOps.PUBLISH, Ops.input(EntitlementOps.local(Map.of())));
        assertEquals(List.of("FORBIDDEN"), byYoungPerson.errorCodes(), byYoungPerson.body());
        Reply anonymous = http.graphql(EntitlementOps.PUBLISH, Ops.input(EntitlementOps.local(Map.of())));
        assertEquals(List.of("UNAUTHENTICATED"), anonymous.errorCodes(), anonymous.body());

        Reply offer = http.graphql(EntitlementOps.LOCAL_OFFER, Map.of("councilId", platform.councilA));
        List<Map<String, Object>> local = Ops.at(offer, "localOffer", "local");
        assertEquals(1, local.size(), "nothing was slipped in: " + offer.body());
        assertEquals(1, ((Number) local.getFirst().get("version")).intValue(), "nor changed: " + offer.body());
        assertEquals(false, local.getFirst().get("withdrawn"), offer.body());
        Reply offerB = http.graphql(EntitlementOps.LOCAL_OFFER, Map.of("councilId", platform.councilB));
        assertEquals(List.of(), Ops.at(offerB, "localOffer", "local"), offerB.body());
    }

    @Test
    void onlyAdvocatesOfTheirServiceReadWhatTheyShared() {
        for (String role : List.of("laWorkerA", "laWorkerB", "otherAdvocate", "corporate")) {
            Reply reply = platform.as(role).graphql(EntitlementOps.SHARED, Map.of("id", ada.id()));
            assertEquals(List.of("FORBIDDEN"), reply.errorCodes(), role + ": " + reply.body());
        }
        Reply admin = platform.admin.graphql(EntitlementOps.SHARED, Map.of("id", ada.id()));
        assertEquals(List.of("FORBIDDEN"), admin.errorCodes(), "admins run the platform: " + admin.body());
        PushOps.Person ben = EntitlementOps.youngPerson(http, "laworkera@example.test", "Ben", "2004-06-01",
                "FORMER_RELEVANT", null);
        Reply peek = ben.app().graphql(EntitlementOps.SHARED, Map.of("id", ada.id()));
        assertEquals(List.of("FORBIDDEN"), peek.errorCodes(), peek.body());
        assertEquals(List.of("UNAUTHENTICATED"), http.graphql(EntitlementOps.SHARED, Map.of("id", ada.id()))
                .errorCodes());

        for (String role : List.of("advocate", "manager")) {
            Reply reply = platform.as(role).graphql(EntitlementOps.SHARED, Map.of("id", ada.id()));
            List<Map<String, Object>> gaps = Ops.at(reply, "sharedEntitlements", "gaps");
            assertEquals(List.of("ALLOWANCE_BELOW_MINIMUM"), EntitlementOps.gapKinds(gaps), role + ": "
                    + reply.body());
            assertEquals(List.of(), Ops.at(reply, "sharedEntitlements", "claims"), "her claim stays private");
        }
        Reply audit = platform.admin.graphql("query($id: ID!) { auditLog(filter: {targetId: $id}) { edges { node { "
                + "action actorRole } } } }", Map.of("id", ada.id()));
        List<Map<String, Map<String, Object>>> events = Ops.at(audit, "auditLog", "edges");
        assertTrue(events.stream().anyMatch(e -> "ACCESS_DENIED".equals(e.get("node").get("action"))
                && "ADVOCATE".equals(e.get("node").get("actorRole"))), "the other advocate's try: "
                + audit.body());
    }

    @Test
    void nobodyButTheYoungPersonChangesAPrivateClaim() {
        Map<String, Object> change = Map.of("entitlementId", allowanceId, "state", "REFUSED", "on", "2024-06-01",
                "expectedVersion", 1, "youngPersonId", ada.id());
        Reply advocate = platform.as("advocate").graphql(EntitlementOps.TRACK, Ops.input(change));
        assertEquals(List.of("FORBIDDEN"), advocate.errorCodes(), "a claim she did not share: " + advocate.body());
        Reply otherAdvocate = platform.as("otherAdvocate").graphql(EntitlementOps.TRACK, Ops.input(change));
        assertEquals(List.of("FORBIDDEN"), otherAdvocate.errorCodes(), otherAdvocate.body());
        Reply council = platform.as("laWorkerA").graphql(EntitlementOps.TRACK, Ops.input(change));
        assertEquals(List.of("FORBIDDEN"), council.errorCodes(), council.body());

        YoungPersonApp stranger = YoungPersonApp.signUp(http);
        Reply notJoined = stranger.graphql(EntitlementOps.MINE);
        assertEquals(List.of("FORBIDDEN"), notJoined.errorCodes(), "an app account without an invite: "
                + notJoined.body());
        Reply staffMine = platform.as("advocate").graphql(EntitlementOps.MINE);
        assertEquals(List.of("FORBIDDEN"), staffMine.errorCodes(), staffMine.body());
        assertEquals(List.of("UNAUTHENTICATED"), http.graphql(EntitlementOps.MINE).errorCodes());

        Map<String, Object> claim = EntitlementOps.entry(ada.app().graphql(EntitlementOps.MINE),
                "setting-up-home-allowance");
        Map<?, ?> unchanged = (Map<?, ?>) claim.get("claim");
        assertEquals("RECEIVED", unchanged.get("state"), "her claim is as she left it");
        assertEquals(1, ((Number) unchanged.get("version")).intValue());
    }

    @Test
    void aCouncilsFiguresAreForItsOwnWorkersAndAdminsAndNameNobodyWhoDidNotShareWithIt() {
        Reply own = platform.as("laWorkerA").graphql(EntitlementOps.FIGURES, Map.of());
        assertEquals(platform.councilA, Ops.at(own, "entitlementGapFigures", "council", "id"), own.body());
        assertEquals(List.of(), Ops.at(own, "entitlementGapFigures", "shared"), "Ada shared with her advocate only");
        assertFalse(own.body().contains(ada.id()), own.body());

        Reply another = platform.as("laWorkerA").graphql(EntitlementOps.FIGURES, Map.of("councilId",
                platform.councilB));
        assertEquals(List.of("FORBIDDEN"), another.errorCodes(), another.body());
        Reply fromB = platform.as("laWorkerB").graphql(EntitlementOps.FIGURES, Map.of("councilId", platform.councilA));
        assertEquals(List.of("FORBIDDEN"), fromB.errorCodes(), fromB.body());
        for (String role : List.of("advocate", "manager", "corporate")) {
            Reply reply = platform.as(role).graphql(EntitlementOps.FIGURES, Map.of("councilId", platform.councilA));
            assertEquals(List.of("FORBIDDEN"), reply.errorCodes(), role + ": " + reply.body());
        }
        Reply young = ada.app().graphql(EntitlementOps.FIGURES, Map.of("councilId", platform.councilA));
        assertEquals(List.of("FORBIDDEN"), young.errorCodes(), young.body());

        Reply admin = platform.admin.graphql(EntitlementOps.FIGURES, Map.of("councilId", platform.councilA));
        assertEquals(platform.councilA, Ops.at(admin, "entitlementGapFigures", "council", "id"), admin.body());
        Reply adminWithout = platform.admin.graphql(EntitlementOps.FIGURES, Map.of());
        assertEquals(List.of("BAD_USER_INPUT"), adminWithout.errorCodes(), adminWithout.body());
    }
}
