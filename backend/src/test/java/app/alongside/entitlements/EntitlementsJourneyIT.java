package app.alongside.entitlements;

import app.alongside.fixtures.EntitlementOps;
import app.alongside.fixtures.FakeFcm;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.MutableClock;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.PushOps;
import app.alongside.fixtures.ServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20's "done when", through GraphQL over HTTP and the real push pipeline to a fake FCM: a council publishes
 * a local entitlement; a young person whose records make them eligible sees it with the reason, records a Setting
 * Up Home Allowance below the minimum, gets the gap (in myEntitlements and as a push, having turned the category
 * on) with a draft, and shares it with their advocate, who then sees it; an ineligible young person and another
 * council's young person do not see the local entitlement; another council's staff see neither; the council's
 * figures are suppressed.
 */
class EntitlementsJourneyIT {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    static final FakeFcm FCM = FakeFcm.start();
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPush(CLOCK, Map.of("FCM_ENDPOINT", FCM.endpoint(),
            "PUSH_DISPATCHER_ENABLED", "false", "AUTH_INVITE_ATTEMPTS_PER_HOUR", "1000"), List.of());
    private final Http http = SERVER.http();

    @AfterAll
    static void stopFcm() {
        FCM.close();
    }

    @Test
    void aCouncilsOfferReachesTheRightYoungPeopleAndAnAllowanceBelowTheMinimumBecomesAGap() {
        Platform platform = SERVER.platform();
        Reply published = platform.as("laWorkerA").graphql(EntitlementOps.PUBLISH,
                Ops.input(EntitlementOps.local(Map.of())));
        String localKey = Ops.at(published, "publishLocalEntitlement", "entitlement", "key");
        assertEquals("LOCAL", Ops.at(published, "publishLocalEntitlement", "entitlement", "scope"), published.body());
        assertEquals(platform.councilA, Ops.at(published, "publishLocalEntitlement", "entitlement", "council", "id"));

        PushOps.Person ada = EntitlementOps.youngPerson(http, "laworkera@example.test", "Ada", "2004-03-01",
                "FORMER_RELEVANT", "U");
        Reply device = ada.app().graphql(PushOps.REGISTER_DEVICE, PushOps.device(PushOps.token("Ada"), "ANDROID"));
        assertEquals(List.of(), Ops.userErrorCodes(device, "registerDevice"), device.body());
        PushOps.turnOn(ada.app(), "ENTITLEMENT_GAPS");

        Reply mine = ada.app().graphql(EntitlementOps.MINE);
        Map<String, Object> local = EntitlementOps.entry(mine, localKey);
        assertEquals("APPLIES", local.get("applies"), mine.body());
        assertTrue(((List<?>) local.get("reasons")).contains("You told us you live on your own."), mine.body());
        assertTrue(((List<?>) local.get("reasons")).contains("You are 22."), mine.body());
        assertEquals("MIGHT_APPLY", EntitlementOps.entry(mine, "higher-education-bursary").get("applies"));
        assertEquals(List.of("Add what you are doing now, in Work."),
                EntitlementOps.entry(mine, "higher-education-bursary").get("toCheck"));
        assertNull(EntitlementOps.entry(mine, "staying-put"), "she lives on her own, not with foster carers");
        Map<?, ?> allowance = (Map<?, ?>) EntitlementOps.entry(mine, "setting-up-home-allowance").get("entitlement");

        Reply tracked = ada.app().graphql(EntitlementOps.TRACK, Ops.input(Map.of("entitlementId", allowance.get("id"),
                "state", "RECEIVED", "amountPence", 250_000, "on", "2024-05-01")));
        assertEquals("PRIVATE", Ops.at(tracked, "trackEntitlement", "claim", "visibility"), tracked.body());
        List<Map<String, Object>> gaps = Ops.at(tracked, "trackEntitlement", "gaps");
        Map<String, Object> below = gaps.stream().filter(g -> "ALLOWANCE_BELOW_MINIMUM".equals(g.get("kind")))
                .findFirst().orElseThrow(() -> new AssertionError(tracked.body()));
        Map<?, ?> draft = (Map<?, ?>) below.get("draft");
        assertEquals("COMPLAINT", draft.get("kind"));
        String body = (String) draft.get("body");
        assertTrue(body.contains("£2,500") && body.contains("£3,000") && body.contains("£500")
                && body.contains("2024-05-01") && body.contains("section 26"), body);
        assertFalse(body.contains("Ada"), "nothing personal beyond the facts");
        assertTrue(EntitlementOps.gapKinds(Ops.at(ada.app().graphql(EntitlementOps.MINE), "myEntitlements", "gaps"))
                .contains("ALLOWANCE_BELOW_MINIMUM"));

        SERVER.server().app().push().runOnce();
        List<FakeFcm.Received> pushes = FCM.deliveredTo(PushOps.token("Ada"));
        assertTrue(pushes.stream().anyMatch(p -> "entitlement.gap".equals(p.data().get("kind"))
                && "ALLOWANCE_BELOW_MINIMUM".equals(p.data().get("gap"))), pushes.toString());
        pushes.forEach(p -> assertEquals(Map.of("body", "You have an update"), p.message().get("notification")));
        int sent = pushes.size();
        Reply again = ada.app().graphql(EntitlementOps.TRACK, Ops.input(Map.of("entitlementId", allowance.get("id"),
                "state", "RECEIVED", "amountPence", 250_000, "on", "2024-05-02", "expectedVersion", 1)));
        assertEquals(2, Ops.<Number>at(again, "trackEntitlement", "claim", "version").intValue(), again.body());
        SERVER.server().app().push().runOnce();
        assertEquals(sent, FCM.deliveredTo(PushOps.token("Ada")).size(), "an alert is sent once, when it opens");

        Reply unshared = platform.as("advocate").graphql(EntitlementOps.SHARED, Map.of("id", ada.id()));
        assertEquals(List.of(), Ops.at(unshared, "sharedEntitlements", "gaps"), unshared.body());
        Reply share = ada.app().graphql(EntitlementOps.SHARE_GAP, Ops.input(Map.of("kind", "ALLOWANCE_BELOW_MINIMUM",
                "with", List.of("ADVOCATE"))));
        assertEquals(List.of("ADVOCATE"), Ops.at(share, "shareEntitlementGap", "gap", "sharedWith"), share.body());
        Reply shared = platform.as("advocate").graphql(EntitlementOps.SHARED, Map.of("id", ada.id()));
        List<Map<String, Object>> sharedGaps = Ops.at(shared, "sharedEntitlements", "gaps");
        assertEquals(List.of("ALLOWANCE_BELOW_MINIMUM"), EntitlementOps.gapKinds(sharedGaps), shared.body());
        assertEquals(body.replace("2024-05-01", "2024-05-02"), ((Map<?, ?>) sharedGaps.getFirst().get("draft"))
                .get("body"), "the draft follows her claim as she last tracked it");
        assertEquals(List.of(), Ops.at(shared, "sharedEntitlements", "claims"), "her claim stays private");

        PushOps.Person ben = EntitlementOps.youngPerson(http, "laworkera@example.test", "Ben", "2004-06-01",
                "FORMER_RELEVANT", "Z");
        assertFalse(EntitlementOps.keys(ben.app().graphql(EntitlementOps.MINE)).contains(localKey),
                "he lives with former foster carers");
        PushOps.Person cat = EntitlementOps.youngPerson(http, "laworkerb@example.test", "Cat", "2004-06-01",
                "FORMER_RELEVANT", "U");
        List<String> catSees = EntitlementOps.keys(cat.app().graphql(EntitlementOps.MINE));
        assertFalse(catSees.contains(localKey), "another council's offer");
        assertTrue(catSees.contains("setting-up-home-allowance"));

        Reply otherStaff = platform.as("laWorkerB").graphql(EntitlementOps.FIGURES,
                Map.of("councilId", platform.councilA));
        assertEquals(List.of("FORBIDDEN"), otherStaff.errorCodes(), otherStaff.body());
        Reply otherAdvocate = platform.as("otherAdvocate").graphql(EntitlementOps.SHARED, Map.of("id", ada.id()));
        assertEquals(List.of("FORBIDDEN"), otherAdvocate.errorCodes(), otherAdvocate.body());

        ada.app().graphql(EntitlementOps.SHARE_GAP, Ops.input(Map.of("kind", "ALLOWANCE_BELOW_MINIMUM",
                "with", List.of("ADVOCATE", "COUNCIL"))));
        Reply figures = platform.as("laWorkerA").graphql(EntitlementOps.FIGURES, Map.of());
        List<Map<String, Object>> counts = new java.util.ArrayList<>(Ops.at(figures, "entitlementGapFigures", "gaps"));
        assertEquals(5, counts.size(), figures.body());
        counts.add(Ops.at(figures, "entitlementGapFigures", "youngPeople"));
        counts.forEach(c -> {
            assertNull(c.get("count"));
            assertEquals(true, c.get("suppressed"));
            assertEquals("fewer than 5", c.get("display"));
        });
        List<Map<String, Object>> toCouncil = Ops.at(figures, "entitlementGapFigures", "shared");
        assertEquals(1, toCouncil.size(), figures.body());
        assertEquals(ada.id(), ((Map<?, ?>) toCouncil.getFirst().get("youngPerson")).get("id"));
        Reply catFigures = platform.as("laWorkerB").graphql(EntitlementOps.FIGURES, Map.of());
        assertEquals(List.of(), Ops.at(catFigures, "entitlementGapFigures", "shared"), "only their own council's");
    }
}
