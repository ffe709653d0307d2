package app.alongside.entitlements;

import app.alongside.fixtures.Console;
import app.alongside.fixtures.EntitlementOps;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.MutableClock;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.PushOps;
import app.alongside.fixtures.ServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every kind of bad entitlement input answers one typed error (`extensions.code`, and for a bad field its path in
 * `extensions.field`), over GraphQL over HTTP, and writes nothing: the offer and the claim are read back unchanged.
 */
class EntitlementsBadInputIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform(Map.of("AUTH_INVITE_ATTEMPTS_PER_HOUR",
            "1000"), new MutableClock(Instant.parse("2026-11-23T12:00:00Z")));
    private static String localId;
    private static PushOps.Person ada;
    private static String allowanceId;
    private final Platform platform = SERVER.platform();

    @BeforeAll
    static void anOfferAndAClaim() {
        Platform platform = SERVER.platform();
        localId = Ops.at(platform.as("laWorkerA").graphql(EntitlementOps.PUBLISH, Ops.input(EntitlementOps.local(
                Map.of()))), "publishLocalEntitlement", "entitlement", "id");
        ada = EntitlementOps.youngPerson(SERVER.http(), "laworkera@example.test", "Ada", "2004-03-01",
                "FORMER_RELEVANT", "U");
        allowanceId = (String) ((Map<?, ?>) EntitlementOps.entry(ada.app().graphql(EntitlementOps.MINE),
                "setting-up-home-allowance").get("entitlement")).get("id");
        Reply tracked = ada.app().graphql(EntitlementOps.TRACK, Ops.input(Map.of("entitlementId", allowanceId,
                "state", "ASKED_FOR", "on", "2024-04-01")));
        assertEquals(1, Ops.<Number>at(tracked, "trackEntitlement", "claim", "version").intValue(), tracked.body());
    }

    @Test
    void aLocalEntitlementWithABadFieldIsRefusedAtThatField() {
        Console worker = platform.as("laWorkerA");
        assertRefusedAt(worker, Map.of("title", ""), "input", "title");
        assertRefusedAt(worker, Map.of("title", "x".repeat(121)), "input", "title");
        assertRefusedAt(worker, Map.of("summary", "x".repeat(2001)), "input", "summary");
        assertRefusedAt(worker, Map.of("howToClaim", " "), "input", "howToClaim");
        assertRefusedAt(worker, Map.of("amountPence", -1), "input", "amountPence");
        assertRefusedAt(worker, Map.of("amountPence", 10_000_001), "input", "amountPence");
        Map<String, Object> neither = EntitlementOps.local(Map.of());
        neither.remove("level");
        Reply noWorth = worker.graphql(EntitlementOps.PUBLISH, Ops.input(neither));
        assertEquals(List.of("input", "amountPence"), field(noWorth, "BAD_USER_INPUT"), "an amount or a level");
        assertRefusedAt(worker, Map.of("sourceUrl", "http://northshire.example/offer"), "input", "sourceUrl");
        assertRefusedAt(worker, Map.of("effectiveFrom", "1999-12-31"), "input", "effectiveFrom");
        assertRefusedAt(worker, Map.of("effectiveFrom", "2026-04-01", "effectiveTo", "2026-03-31"), "input",
                "effectiveTo");
        assertRefusedAt(worker, Map.of("eligibility", Map.of("minAge", 15, "summary", "Young ones")), "input",
                "eligibility", "minAge");
        assertRefusedAt(worker, Map.of("eligibility", Map.of("minAge", 21, "maxAge", 18, "summary", "Backwards")),
                "input", "eligibility", "maxAge");
        Reply notADate = worker.graphql(EntitlementOps.PUBLISH, Ops.input(EntitlementOps.local(Map.of(
                "effectiveFrom", "2026-02-30"))));
        assertEquals(List.of("BAD_USER_INPUT"), notADate.errorCodes(), notADate.body());
        Reply notAMission = worker.graphql(EntitlementOps.PUBLISH, Ops.input(EntitlementOps.local(Map.of(
                "mission", "MONEY"))));
        assertEquals(List.of("BAD_USER_INPUT"), notAMission.errorCodes(), notAMission.body());

        Reply noCouncil = platform.admin.graphql(EntitlementOps.PUBLISH, Ops.input(EntitlementOps.local(Map.of())));
        assertEquals(List.of("input", "councilId"), field(noCouncil, "BAD_USER_INPUT"), "an admin names the council");
        Reply unknown = platform.admin.graphql(EntitlementOps.PUBLISH, Ops.input(EntitlementOps.local(Map.of(
                "councilId", "T3JnYW5pc2F0aW9uOm5vbmU"))));
        assertEquals("NOT_FOUND", unknown.errorCodes().getFirst(), unknown.body());

        assertOfferUnchanged();
    }

    @Test
    void aStaleOrRepeatedChangeIsAConflictThatSaysWhichVersionIsCurrent() {
        Console worker = platform.as("laWorkerA");
        Reply stale = worker.graphql(EntitlementOps.REVISE, Ops.input(EntitlementOps.local(Map.of(
                "entitlementId", localId, "expectedVersion", 7, "title", "A stale change"))));
        assertEquals(List.of("CONFLICT"), stale.errorCodes(), stale.body());
        Map<?, ?> extensions = (Map<?, ?>) stale.errors().getFirst().get("extensions");
        assertEquals("STALE_VERSION", extensions.get("reason"), stale.body());
        assertEquals(1, ((Number) extensions.get("currentVersion")).intValue(), stale.body());
        Reply unknown = worker.graphql(EntitlementOps.REVISE, Ops.input(EntitlementOps.local(Map.of(
                "entitlementId", "RW50aXRsZW1lbnQ6bm9uZQ", "expectedVersion", 1))));
        assertEquals(List.of("NOT_FOUND"), unknown.errorCodes(), unknown.body());
        Reply national = worker.graphql(EntitlementOps.REVISE, Ops.input(EntitlementOps.local(Map.of(
                "entitlementId", allowanceId, "expectedVersion", 1))));
        assertEquals(List.of("NOT_FOUND"), national.errorCodes(), "the national catalogue is not the council's: "
                + national.body());

        Map<String, Object> withdraw = new HashMap<>(Map.of("entitlementId", localId, "expectedVersion", 1,
                "lastDay", "2040-01-01", "reason", "Too far ahead"));
        Reply tooFar = worker.graphql(EntitlementOps.WITHDRAW, Ops.input(withdraw));
        assertEquals(List.of("input", "lastDay"), field(tooFar, "BAD_USER_INPUT"));
        withdraw.putAll(Map.of("lastDay", "2026-12-31", "reason", ""));
        Reply noReason = worker.graphql(EntitlementOps.WITHDRAW, Ops.input(withdraw));
        assertEquals(List.of("input", "reason"), field(noReason, "BAD_USER_INPUT"));

        assertOfferUnchanged();
    }

    @Test
    void aClaimWithABadFieldIsRefusedAtThatFieldAndStaysAsItWas() {
        Map<String, Object> change = new HashMap<>(Map.of("entitlementId", allowanceId, "state", "RECEIVED",
                "amountPence", 300_000, "on", "2026-11-24", "expectedVersion", 1));
        assertEquals(List.of("input", "on"), field(track(change), "BAD_USER_INPUT"), "not in the future");
        change.put("on", "1999-12-31");
        assertEquals(List.of("input", "on"), field(track(change), "BAD_USER_INPUT"), "nor before 2000");
        change.put("on", "2024-05-01");
        change.remove("amountPence");
        assertEquals(List.of("input", "amountPence"), field(track(change), "BAD_USER_INPUT"),
                "received needs the amount");
        change.put("amountPence", -5);
        assertEquals(List.of("input", "amountPence"), field(track(change), "BAD_USER_INPUT"));
        change.put("amountPence", 300_000);
        change.remove("expectedVersion");
        Reply noVersion = track(change);
        assertEquals(List.of("CONFLICT"), noVersion.errorCodes(), "a claim exists: " + noVersion.body());
        change.put("expectedVersion", 1);
        change.put("entitlementId", "RW50aXRsZW1lbnQ6bm9uZQ");
        assertEquals(List.of("NOT_FOUND"), track(change).errorCodes());

        Reply notMine = ada.app().graphql(EntitlementOps.SHARE_GAP, Ops.input(Map.of("kind", "STAYING_PUT_ENDING",
                "with", List.of("ADVOCATE"))));
        assertEquals(List.of("input", "kind"), field(notMine, "BAD_USER_INPUT"), "a gap she does not have");
        Reply badKind = ada.app().graphql(EntitlementOps.SHARE_GAP, Ops.input(Map.of("kind", "EVERYTHING",
                "with", List.of())));
        assertEquals(List.of("BAD_USER_INPUT"), badKind.errorCodes(), badKind.body());

        Map<?, ?> claim = (Map<?, ?>) EntitlementOps.entry(ada.app().graphql(EntitlementOps.MINE),
                "setting-up-home-allowance").get("claim");
        assertEquals("ASKED_FOR", claim.get("state"), "her claim is as she left it");
        assertEquals(1, ((Number) claim.get("version")).intValue());
    }

    private static Reply track(Map<String, Object> input) {
        return ada.app().graphql(EntitlementOps.TRACK, Ops.input(input));
    }

    private static void assertRefusedAt(Console worker, Map<String, Object> overrides, String... path) {
        Map<String, Object> input = EntitlementOps.local(Map.of());
        overrides.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, Object> inner = new HashMap<>((Map<String, Object>) input.get(key));
                nested.forEach((k, v) -> inner.put((String) k, v));
                input.put(key, inner);
            } else {
                input.put(key, value);
            }
        });
        Reply reply = worker.graphql(EntitlementOps.PUBLISH, Ops.input(input));
        assertEquals(List.of(path), field(reply, "BAD_USER_INPUT"), overrides + ": " + reply.body());
    }

    /** The only error's {@code extensions.field}, having checked its code. */
    private static List<?> field(Reply reply, String code) {
        assertEquals(List.of(code), reply.errorCodes(), reply.body());
        return (List<?>) ((Map<?, ?>) reply.errors().getFirst().get("extensions")).get("field");
    }

    private void assertOfferUnchanged() {
        Reply offer = SERVER.http().graphql(EntitlementOps.LOCAL_OFFER, Map.of("councilId", platform.councilA));
        List<Map<String, Object>> local = Ops.at(offer, "localOffer", "local");
        assertEquals(1, local.size(), "nothing new was published: " + offer.body());
        assertEquals(localId, local.getFirst().get("id"));
        assertEquals(1, ((Number) local.getFirst().get("version")).intValue(), "nor changed: " + offer.body());
        assertEquals("No council tax until you are 25", local.getFirst().get("title"));
    }
}
