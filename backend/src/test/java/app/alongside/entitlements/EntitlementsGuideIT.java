package app.alongside.entitlements;

import app.alongside.fixtures.Console;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.YoungPersonApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The entitlements journey through the real server, written into {@code docs/entitlements-guide.md} with the real
 * requests and answers: a council publishes a local entitlement, a young person reads what they are entitled to,
 * records the Setting Up Home Allowance received under the national minimum, gets the gap and its draft, shares
 * it; their advocate reads it and the council reads its figures. {@code -Dguide.update=true} writes the guide;
 * otherwise the test fails when the guide is not what the journey answers.
 */
class EntitlementsGuideIT {
    /** A fixed clock, so ages, dates and timestamps in the guide are the same on every run. */
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform(
            Clock.fixed(Instant.parse("2027-03-01T10:00:00Z"), ZoneOffset.UTC));
    private static final Path GUIDE = Path.of("../docs/entitlements-guide.md");
    private static final String SUHA = "setting-up-home-allowance";
    static final String PUBLISH = """
            mutation PublishLocalEntitlement($input: PublishLocalEntitlementInput!) {
              publishLocalEntitlement(input: $input) {
                entitlement { id key scope version title amountPence level effectiveFrom
                  eligibility { legalStatuses minAge maxAge circumstances summary } }
              }
            }""";
    static final String SHARED = """
            query SharedEntitlements($youngPersonId: ID!) {
              sharedEntitlements(youngPersonId: $youngPersonId) {
                youngPerson { id firstName }
                claims { id state amountPence on entitlement { id title } }
                gaps { kind title since draft { kind subject body } }
              }
            }""";
    static final String FIGURES = """
            query EntitlementGapFigures {
              entitlementGapFigures {
                council { id name }
                asOf
                youngPeople { count suppressed display }
                gaps { kind count suppressed display }
                shared { youngPerson { id firstName } gap { kind title } }
              }
            }""";

    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();
    private final GuideWriter guide = new GuideWriter();

    @Test
    void theGuideShowsTheJourneyAsTheServerAnswersIt() throws IOException {
        intro();
        Console council = platform.as("laWorkerA");
        Map<String, Object> publish = Ops.input(localEntitlement());
        Reply published = council.graphql(PUBLISH, publish);
        assertEquals(1, ((Number) Ops.at(published, "publishLocalEntitlement", "entitlement", "version")).intValue(),
                published.body());
        guide.text("""
                ## 1. The council publishes a local entitlement

                An LA worker publishes, in the console, an entitlement of their own council's Local Offer; it is
                version 1, and later changes keep the earlier versions in `history`.""")
                .step("An LA worker (console session)", PUBLISH, publish, published);

        YoungPersonApp app = youngPerson();
        Reply national = app.graphql(GuideWriter.document("NationalEntitlements"));
        String suha = idOf(Ops.at(national, "nationalEntitlements"), SUHA);
        guide.text("""
                ## 2. The national catalogue and the council's offer

                Anyone may read them; an app shows the offer of `viewer.localAuthority`.""")
                .step("The app", GuideWriter.file("NationalEntitlements"), null, national,
                        Set.of("nationalEntitlements"));
        Map<String, Object> offerOf = Map.of("councilId", platform.councilA);
        guide.step("The app", GuideWriter.file("LocalOffer"), offerOf,
                app.graphql(GuideWriter.document("LocalOffer"), offerOf), Set.of("national"));

        Reply mine = app.graphql(GuideWriter.document("MyEntitlements"));
        assertTrue(mine.body().contains("Council tax exemption"), mine.body());
        guide.text("""
                ## 3. What the young person is entitled to

                Computed from what they recorded (here: a former relevant care leaver aged 19), each with the
                reasons in plain words; `MIGHT_APPLY` says in `toCheck` what would settle it.""")
                .step("The young person's app", GuideWriter.file("MyEntitlements"), null, mine);

        Map<String, Object> track = Ops.input(Map.of("entitlementId", suha, "state", "RECEIVED",
                "amountPence", 200000, "on", "2027-02-15", "note", "Paid into my bank account",
                "visibility", "SHARED_WITH_ADVOCATE"));
        Reply tracked = app.graphql(GuideWriter.document("TrackEntitlement"), track);
        List<Map<String, Object>> gaps = Ops.at(tracked, "trackEntitlement", "gaps");
        assertTrue(gaps.stream().anyMatch(g -> "ALLOWANCE_BELOW_MINIMUM".equals(g.get("kind"))), tracked.body());
        guide.text("""
                ## 4. They record the Setting Up Home Allowance, paid under the minimum

                £2,000 received where the national minimum is £3,000: the answer's gaps now include
                `ALLOWANCE_BELOW_MINIMUM`, with a draft request to the council in their words.""")
                .step("The young person's app", GuideWriter.file("TrackEntitlement"), track, tracked);

        Map<String, Object> share = Ops.input(Map.of("kind", "ALLOWANCE_BELOW_MINIMUM",
                "with", List.of("ADVOCATE", "COUNCIL")));
        Reply shared = app.graphql(GuideWriter.document("ShareEntitlementGap"), share);
        assertEquals(List.of("ADVOCATE", "COUNCIL"), Ops.at(shared, "shareEntitlementGap", "gap", "sharedWith"),
                shared.body());
        guide.text("""
                ## 5. They share the gap with their advocate and their council

                Nothing is shared until they say so; `with: []` stops sharing.""")
                .step("The young person's app", GuideWriter.file("ShareEntitlementGap"), share, shared);

        staffSteps(youngPersonId(app));
        compare(guide.markdown());
    }

    private void staffSteps(String youngPersonId) {
        Map<String, Object> whose = Map.of("youngPersonId", youngPersonId);
        Reply advocate = platform.as("advocate").graphql(SHARED, whose);
        assertTrue(advocate.body().contains("ALLOWANCE_BELOW_MINIMUM"), advocate.body());
        guide.text("""
                ## 6. Their advocate reads what was shared

                Only claims and gaps the young person shared; the read goes to their access log.""")
                .step("Their advocate (console session)", SHARED, whose, advocate);
        Reply figures = platform.as("laWorkerA").graphql(FIGURES);
        assertEquals("fewer than 5", Ops.at(figures, "entitlementGapFigures", "youngPeople", "display"),
                figures.body());
        guide.text("""
                ## 7. The council reads its figures

                Counts of each kind of gap across the council's young people, fewer than 5 never shown as a number;
                names only for the gaps young people shared with the council.""")
                .step("An LA worker (console session)", FIGURES, null, figures);
    }

    private void intro() {
        guide.text("""
                # Entitlements: the Local Offer journey, with real output

                Generated by `EntitlementsGuideIT` from a real server (with the clock fixed at
                2027-03-01T10:00:00Z); regenerate it with `-Dguide.update=true`. Ids change from run to run, so each
                is shown as `<id N>` (the same id keeps its number throughout), and so is a local entitlement's
                generated key, as `local-<key N>`; long lists of the national catalogue keep their first two entries.
                The operations are the files in
                [`mobile-contracts/src/main/graphql/entitlements/`](../mobile-contracts/src/main/graphql/entitlements),
                sent with the fragments they spread; the staff steps are what the console sends.""")
                .text("The fragments the operations spread:")
                .text("```graphql\n" + GuideWriter.file("EntitlementFields") + "\n\n"
                        + GuideWriter.file("EntitlementClaimFields") + "\n\n" + GuideWriter.file("EntitlementGapFields")
                        + "\n```");
    }

    private static Map<String, Object> localEntitlement() {
        return Map.of("title", "Council tax exemption", "summary", "You do not pay council tax on your home in "
                        + "Northshire until you are 25.", "mission", "HOME",
                "eligibility", Map.of("legalStatuses", List.of("RELEVANT", "FORMER_RELEVANT"), "minAge", 18,
                        "maxAge", 25, "summary", "Care leavers aged 18 to 24 living in Northshire"),
                "level", "No council tax to pay", "howToClaim", "Tell your personal adviser; they tell the council "
                        + "tax team for you.", "source", "Northshire Local Offer 2026, section 4",
                "sourceUrl", "https://www.northshire.example/local-offer", "effectiveFrom", "2026-04-01");
    }

    private YoungPersonApp youngPerson() {
        String[] invite = platform.invite("Jordan");
        YoungPersonApp app = YoungPersonApp.signUp(http);
        Reply redeemed = app.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", invite[1])));
        assertEquals(invite[0], Ops.at(redeemed, "redeemInvite", "youngPerson", "id"), redeemed.body());
        return app;
    }

    private static String youngPersonId(YoungPersonApp app) {
        return Ops.at(app.graphql(Ops.VIEWER), "viewer", "id");
    }

    private static String idOf(List<Map<String, Object>> entitlements, String key) {
        return entitlements.stream().filter(e -> key.equals(e.get("key"))).map(e -> (String) e.get("id"))
                .findFirst().orElseThrow(() -> new AssertionError("no " + key + " in " + entitlements));
    }

    private static void compare(String generated) throws IOException {
        if (Boolean.getBoolean("guide.update")) {
            Files.writeString(GUIDE, generated);
            return;
        }
        String current = Files.exists(GUIDE) ? Files.readString(GUIDE) : "";
        assertEquals(generated, current, GUIDE + " is not what the journey answers: run EntitlementsGuideIT with "
                + "-Dguide.update=true and commit the result");
    }
}
