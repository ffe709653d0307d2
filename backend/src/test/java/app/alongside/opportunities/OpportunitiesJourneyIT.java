package app.alongside.opportunities;

import app.alongside.fixtures.Console;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.MutableClock;
import app.alongside.fixtures.OpportunityOps;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.YoungPersonApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A corporate parent posts, an admin approves, an eligible young person finds it by search (an ineligible one
 * cannot, even by id), expresses interest sharing only first name and email, and the poster sees exactly that,
 * with the view in the young person's access log.
 */
class OpportunitiesJourneyIT {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform(CLOCK);
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();

    static YoungPersonApp youngPerson(Http http, Console worker, String name, String dateOfBirth) {
        Reply invite = worker.graphql(Ops.CREATE_INVITE, Ops.input(Map.of("firstName", name,
                "dateOfBirth", dateOfBirth, "legalStatus", "FORMER_RELEVANT")));
        String code = Ops.at(invite, "createInvite", "invite", "code");
        YoungPersonApp app = YoungPersonApp.signUp(http);
        Reply redeemed = app.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", code)));
        assertEquals(List.of(), Ops.userErrorCodes(redeemed, "redeemInvite"), redeemed.body());
        return app;
    }

    static String postAndApprove(Platform platform, Map<String, Object> input) {
        Reply created = platform.as("corporate").graphql(OpportunityOps.CREATE, Ops.input(input));
        String id = Ops.at(created, "createOpportunity", "opportunity", "id");
        assertEquals("DRAFT", Ops.at(created, "createOpportunity", "opportunity", "status"), created.body());
        Reply submitted = platform.as("corporate").graphql(OpportunityOps.action("submitOpportunity"),
                Ops.input(Map.of("id", id)));
        assertEquals("SUBMITTED", Ops.at(submitted, "submitOpportunity", "opportunity", "status"), submitted.body());
        Reply approved = platform.admin.graphql(OpportunityOps.action("approveOpportunity"),
                Ops.input(Map.of("id", id)));
        assertEquals("APPROVED", Ops.at(approved, "approveOpportunity", "opportunity", "status"), approved.body());
        return id;
    }

    @Test
    void postApproveFindAndShareInterestWithConsent() {
        YoungPersonApp eligible = youngPerson(http, platform.as("laWorkerA"), "Pia", "2006-03-01");
        YoungPersonApp tooYoung = youngPerson(http, platform.as("laWorkerA"), "Rio", "2009-09-01");
        Map<String, Object> input = new HashMap<>(OpportunityOps.job("Healthcare apprentice", "2027-01-31"));
        input.put("description", "Join our **ward** team <script>alert(1)</script>.");
        String id = postAndApprove(platform, input);

        Reply found = eligible.graphql(OpportunityOps.SEARCH, Map.of("filter", Map.of("text", "ward apprentice",
                "mission", "WORK", "area", "leeds")));
        List<Map<String, Map<String, Object>>> edges = Ops.at(found, "opportunities", "edges");
        assertEquals(List.of(id), edges.stream().map(e -> e.get("node").get("id")).toList(), found.body());
        String html = (String) edges.getFirst().get("node").get("descriptionHtml");
        assertTrue(html.contains("<strong>ward</strong>") && html.contains("&lt;script&gt;")
                && !html.contains("<script>"), html);
        assertNull(edges.getFirst().get("node").get("interestCount"), "young people see no counts");

        assertEquals(List.of(), Ops.at(tooYoung.graphql(OpportunityOps.SEARCH, Map.of()), "opportunities", "edges"));
        assertNull(Ops.at(tooYoung.graphql(OpportunityOps.NODE, Map.of("id", id)), "node"),
                "an ineligible young person cannot see it even by id");

        Reply interest = eligible.graphql(OpportunityOps.INTEREST, Ops.input(Map.of("opportunityId", id,
                "share", List.of("FIRST_NAME", "EMAIL"), "email", "pia@example.test",
                "message", "I would love to apply")));
        assertEquals(List.of(), Ops.userErrorCodes(interest, "expressInterest"), interest.body());

        Reply received = platform.as("corporate").graphql(OpportunityOps.RECEIVED, Map.of("id", id));
        Map<String, Object> shown = Ops.<List<Map<String, Map<String, Object>>>>at(received, "interestReceived",
                "edges").getFirst().get("node");
        assertEquals("Pia", shown.get("firstName"), received.body());
        assertEquals("pia@example.test", shown.get("email"));
        assertEquals(List.of("FIRST_NAME", "EMAIL"), shown.get("shared"));
        assertNull(shown.get("phone"));
        assertNull(shown.get("ageBand"));
        assertNull(shown.get("councilName"));

        Reply log = eligible.graphql("{ myAccessLog(first: 50) { edges { node { action what organisationName } } } }");
        List<Map<String, Map<String, Object>>> entries = Ops.at(log, "myAccessLog", "edges");
        assertTrue(entries.stream().anyMatch(e -> "READ".equals(e.get("node").get("action"))
                && "interest".equals(e.get("node").get("what"))
                && "Northshire NHS Trust".equals(e.get("node").get("organisationName"))), log.body());

        Reply count = platform.as("corporate").graphql(OpportunityOps.NODE, Map.of("id", id));
        assertEquals("fewer than 5", Ops.at(count, "node", "interestCount", "display"));
        assertNull(Ops.at(count, "node", "interestCount", "value"), "small counts are suppressed");
    }

    @Test
    void withdrawnInterestDisappearsForThePoster() {
        YoungPersonApp app = youngPerson(http, platform.as("laWorkerA"), "Sol", "2005-01-01");
        String id = postAndApprove(platform, OpportunityOps.job("Porter", "2027-02-28"));
        Reply interest = app.graphql(OpportunityOps.INTEREST, Ops.input(Map.of("opportunityId", id,
                "share", List.of("AGE_BAND", "COUNCIL"))));
        String interestId = Ops.at(interest, "expressInterest", "interest", "id");
        Reply mine = app.graphql("query($id: ID!) { node(id: $id) { ... on Opportunity { myInterest { id "
                + "shared } } } }", Map.of("id", id));
        assertEquals(interestId, Ops.at(mine, "node", "myInterest", "id"), mine.body());
        assertNull(Ops.at(platform.as("corporate").graphql("query($id: ID!) { node(id: $id) { ... on Opportunity "
                + "{ myInterest { id } } } }", Map.of("id", id)), "node", "myInterest"), "staff have no interest");
        assertEquals("21-25", Ops.at(interest, "expressInterest", "interest", "ageBand"), interest.body());
        assertEquals("Northshire County Council", Ops.at(interest, "expressInterest", "interest", "councilName"));
        app.graphql("mutation($input: WithdrawInterestInput!) { withdrawInterest(input: $input) { interest { "
                + "withdrawn } } }", Ops.input(Map.of("interestId", interestId)));
        Reply received = platform.as("corporate").graphql(OpportunityOps.RECEIVED, Map.of("id", id));
        assertEquals(List.of(), Ops.at(received, "interestReceived", "edges"));
    }

    @Test
    void editsToAnApprovedPostGoBackToReviewAndClosingDatesClose() {
        YoungPersonApp app = youngPerson(http, platform.as("laWorkerA"), "Tam", "2006-06-06");
        String id = postAndApprove(platform, OpportunityOps.job("Cook", "2026-12-01"));
        Reply edited = platform.as("corporate").graphql("mutation($input: UpdateOpportunityInput!) { "
                + "updateOpportunity(input: $input) { opportunity { status version } userErrors { code } } }",
                Ops.input(Map.of("id", id, "version", 3, "title", "Head cook")));
        assertEquals("SUBMITTED", Ops.at(edited, "updateOpportunity", "opportunity", "status"), edited.body());
        assertNull(Ops.at(app.graphql(OpportunityOps.NODE, Map.of("id", id)), "node"), "hidden until approved again");
        platform.admin.graphql(OpportunityOps.action("approveOpportunity"), Ops.input(Map.of("id", id)));
        assertEquals("Head cook", Ops.at(app.graphql(OpportunityOps.NODE, Map.of("id", id)), "node", "title"));
        CLOCK.advance(Duration.ofDays(9));
        try {
            assertEquals(List.of(), Ops.at(app.graphql(OpportunityOps.SEARCH, Map.of("filter",
                    Map.of("text", "head cook"))), "opportunities", "edges"), "past its closing date it is gone");
            Reply late = app.graphql(OpportunityOps.INTEREST, Ops.input(Map.of("opportunityId", id,
                    "share", List.of())));
            assertEquals(List.of("CONFLICT"), Ops.userErrorCodes(late, "expressInterest"), late.body());
        } finally {
            CLOCK.advance(Duration.ofDays(-9));
        }
    }

    @Test
    void searchPagesSoonestClosingFirstAndSavesForLater() {
        YoungPersonApp app = youngPerson(http, platform.as("laWorkerA"), "Uma", "2004-04-04");
        String later = postAndApprove(platform, OpportunityOps.job("Gardener zz", "2027-05-01"));
        String sooner = postAndApprove(platform, OpportunityOps.job("Baker zz", "2027-04-01"));
        Reply first = app.graphql(OpportunityOps.SEARCH, Map.of("filter", Map.of("text", "zz"), "first", 1));
        assertEquals(sooner, Ops.<List<Map<String, Map<String, Object>>>>at(first, "opportunities", "edges")
                .getFirst().get("node").get("id"), first.body());
        Reply second = app.graphql(OpportunityOps.SEARCH, Map.of("filter", Map.of("text", "zz"), "first", 1,
                "after", Ops.at(first, "opportunities", "pageInfo", "endCursor")));
        assertEquals(later, Ops.<List<Map<String, Map<String, Object>>>>at(second, "opportunities", "edges")
                .getFirst().get("node").get("id"));
        Reply saved = app.graphql("mutation($input: SaveOpportunityInput!) { saveOpportunity(input: $input) { "
                + "opportunity { id saved } userErrors { code } } }", Ops.input(Map.of("opportunityId", later)));
        assertEquals(true, Ops.at(saved, "saveOpportunity", "opportunity", "saved"), saved.body());
        Reply list = app.graphql("{ savedOpportunities { edges { node { id saved } } } }");
        assertEquals(List.of(later), Ops.<List<Map<String, Map<String, Object>>>>at(list, "savedOpportunities",
                "edges").stream().map(e -> e.get("node").get("id")).toList());
        assertFalse(Ops.<List<?>>at(list, "savedOpportunities", "edges").isEmpty());
    }
}
