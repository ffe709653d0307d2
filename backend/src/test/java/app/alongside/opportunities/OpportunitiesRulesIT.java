package app.alongside.opportunities;

import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.MutableClock;
import app.alongside.fixtures.OpportunityOps;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.YoungPersonApp;
import app.alongside.platform.core.GlobalIds;
import com.mongodb.client.model.Filters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Who may do what with opportunities, and every kind of bad input: typed errors, nothing changed. */
class OpportunitiesRulesIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform(
            new MutableClock(Instant.parse("2026-11-23T12:00:00Z")));
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();

    private Map<String, Object> with(String key, Object value) {
        Map<String, Object> input = new HashMap<>(OpportunityOps.job("Nurse", "2027-01-31"));
        input.put(key, value);
        return input;
    }

    private List<Object> rejectedAt(Map<String, Object> input) {
        Reply reply = platform.as("corporate").graphql(OpportunityOps.CREATE, Ops.input(input));
        List<Map<String, Object>> errors = Ops.at(reply, "createOpportunity", "userErrors");
        assertEquals(1, errors.size(), reply.body());
        assertEquals("BAD_USER_INPUT", errors.getFirst().get("code"), reply.body());
        return List.copyOf((List<?>) errors.getFirst().get("field"));
    }

    @Test
    void badPostsAreRefusedAtTheirField() {
        assertEquals(List.of("input", "eligibility", "minAge"), rejectedAt(with("eligibility",
                Map.of("minAge", 14, "maxAge", 25, "delivery", "REMOTE"))));
        assertEquals(List.of("input", "eligibility", "maxAge"), rejectedAt(with("eligibility",
                Map.of("minAge", 21, "maxAge", 18, "delivery", "REMOTE"))));
        assertEquals(List.of("input", "closingDate"), rejectedAt(with("closingDate", "2026-11-01")));
        assertEquals(List.of("input", "postcodeDistrict"), rejectedAt(with("postcodeDistrict", "LS1 4AB")));
        assertEquals(List.of("input", "eligibility", "councilIds"), rejectedAt(with("eligibility",
                Map.of("minAge", 16, "maxAge", 25, "delivery", "REMOTE",
                        "councilIds", List.of(platform.corporateParent)))));
        assertEquals(List.of("input", "missions"), rejectedAt(with("missions", List.of())));
        Reply unknownRegion = platform.as("corporate").graphql(OpportunityOps.CREATE, Ops.input(with("eligibility",
                Map.of("minAge", 16, "maxAge", 25, "delivery", "REMOTE", "regions", List.of("WALES")))));
        assertEquals(List.of("BAD_USER_INPUT"), unknownRegion.errorCodes(), unknownRegion.body());
        Reply posted = platform.as("corporate").graphql(
                "{ postedOpportunities(first: 100) { edges { node { title } } } }");
        assertEquals(List.of(), Ops.<List<Map<String, Map<String, Object>>>>at(posted, "postedOpportunities", "edges")
                .stream().filter(e -> "Nurse".equals(e.get("node").get("title"))).toList(), "nothing was created");
    }

    @Test
    void onlyCorporateParentsPostAndOnlyTheirOwn() {
        for (String role : List.of("laWorkerA", "advocate", "manager")) {
            Reply reply = platform.as(role).graphql(OpportunityOps.CREATE, Ops.input(OpportunityOps.job("x",
                    "2027-01-31")));
            assertEquals(List.of("FORBIDDEN"), reply.errorCodes(), role);
        }
        String id = OpportunitiesJourneyIT.postAndApprove(platform, OpportunityOps.job("Their own", "2027-01-31"));
        platform.admin.graphql(Ops.CREATE_STAFF, Ops.input(Map.of("organisationId", otherCorporateParent(),
                "name", "Other poster", "email", "other.poster@example.test", "role", "CORPORATE_PARENT_STAFF",
                "password", Platform.PASSWORD)));
        var other = app.alongside.fixtures.Console.firstSignIn(http, "other.poster@example.test", Platform.PASSWORD,
                "the poster's own passphrase");
        Reply edit = other.graphql("mutation($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { "
                + "userErrors { code } } }", Ops.input(Map.of("id", id, "version", 3, "title", "Hijacked")));
        assertEquals(List.of("NOT_FOUND"), Ops.userErrorCodes(edit, "updateOpportunity"), edit.body());
        assertNull(Ops.at(other.graphql(OpportunityOps.NODE, Map.of("id", id)), "node"));
        Reply received = other.graphql(OpportunityOps.RECEIVED, Map.of("id", id));
        assertEquals(List.of("NOT_FOUND"), received.errorCodes());
        Reply approve = platform.as("corporate").graphql(OpportunityOps.action("approveOpportunity"),
                Ops.input(Map.of("id", id)));
        assertEquals(List.of("FORBIDDEN"), approve.errorCodes(), "posters never approve their own");
    }

    @Test
    void aCouncilModeratesOnlyWhatIsLimitedToIt() {
        Map<String, Object> local = new HashMap<>(OpportunityOps.job("Local flat", "2027-01-31"));
        local.put("eligibility", Map.of("minAge", 18, "maxAge", 25, "delivery", "IN_PERSON",
                "councilIds", List.of(platform.councilA)));
        String localId = Ops.at(platform.as("corporate").graphql(OpportunityOps.CREATE, Ops.input(local)),
                "createOpportunity", "opportunity", "id");
        String anywhere = Ops.at(platform.as("corporate").graphql(OpportunityOps.CREATE, Ops.input(
                OpportunityOps.job("Anywhere", "2027-01-31"))), "createOpportunity", "opportunity", "id");
        for (String id : List.of(localId, anywhere)) {
            platform.as("corporate").graphql(OpportunityOps.action("submitOpportunity"), Ops.input(Map.of("id", id)));
        }
        Reply queue = platform.as("laWorkerA").graphql("{ moderationQueue { edges { node { id } } } }");
        assertEquals(List.of(localId), Ops.<List<Map<String, Map<String, Object>>>>at(queue, "moderationQueue",
                "edges").stream().map(e -> e.get("node").get("id")).toList(), queue.body());
        assertEquals(List.of("FORBIDDEN"), platform.as("laWorkerA").graphql(
                OpportunityOps.action("approveOpportunity"), Ops.input(Map.of("id", anywhere))).errorCodes());
        assertEquals(List.of("FORBIDDEN"), platform.as("laWorkerB").graphql(
                OpportunityOps.action("approveOpportunity"), Ops.input(Map.of("id", localId))).errorCodes());
        Reply rejected = platform.as("laWorkerA").graphql(OpportunityOps.action("rejectOpportunity"),
                Ops.input(Map.of("id", localId, "reason", "Please add the rent.")));
        assertEquals("REJECTED", Ops.at(rejected, "rejectOpportunity", "opportunity", "status"), rejected.body());
        assertEquals("Please add the rent.", Ops.at(rejected, "rejectOpportunity", "opportunity", "rejectionReason"));
        Reply again = platform.admin.graphql(OpportunityOps.action("approveOpportunity"),
                Ops.input(Map.of("id", localId)));
        assertEquals(List.of("CONFLICT"), Ops.userErrorCodes(again, "approveOpportunity"), "a rejected post is "
                + "changed and submitted again first");
    }

    private static final String SET_REGION = "mutation($input: UpdateOrganisationInput!) { updateOrganisation("
            + "input: $input) { organisation { region } userErrors { field code } } }";

    @Test
    void aRegionReachesTheYoungPeopleOfItsCouncilsAndNobodyElse() throws InterruptedException {
        Reply set = platform.admin.graphql(SET_REGION, Ops.input(Map.of("organisationId", platform.councilA,
                "region", "YORKSHIRE_AND_THE_HUMBER")));
        assertEquals("YORKSHIRE_AND_THE_HUMBER", Ops.at(set, "updateOrganisation", "organisation", "region"),
                set.body());
        Reply notACouncil = platform.admin.graphql(SET_REGION, Ops.input(Map.of(
                "organisationId", platform.corporateParent, "region", "LONDON")));
        assertEquals(List.of(Map.of("field", List.of("input", "region"), "code", "BAD_USER_INPUT")),
                Ops.at(notACouncil, "updateOrganisation", "userErrors"), notACouncil.body());
        Reply corporate = platform.admin.graphql("query($id: ID!) { node(id: $id) { ... on Organisation { region } } }",
                Map.of("id", platform.corporateParent));
        assertNull(Ops.at(corporate, "node", "region"), "nothing changed");

        YoungPersonApp inRegion = OpportunitiesJourneyIT.youngPerson(http, platform.as("laWorkerA"), "Ria",
                "2005-01-01");
        YoungPersonApp elsewhere = OpportunitiesJourneyIT.youngPerson(http, platform.as("laWorkerB"), "Eli",
                "2005-01-01");
        Map<String, Object> regional = new HashMap<>(OpportunityOps.job("Regional mentoring", "2027-01-31"));
        regional.put("eligibility", Map.of("minAge", 16, "maxAge", 25, "delivery", "BOTH",
                "regions", List.of("YORKSHIRE_AND_THE_HUMBER")));
        Reply created = platform.as("corporate").graphql(OpportunityOps.CREATE, Ops.input(regional));
        String id = Ops.at(created, "createOpportunity", "opportunity", "id");
        platform.as("corporate").graphql(OpportunityOps.action("submitOpportunity"), Ops.input(Map.of("id", id)));
        assertEquals(List.of("FORBIDDEN"), platform.as("laWorkerA").graphql(OpportunityOps.action(
                "approveOpportunity"), Ops.input(Map.of("id", id))).errorCodes(), "a region is not one council's");
        assertEquals("APPROVED", Ops.at(platform.admin.graphql(OpportunityOps.action("approveOpportunity"),
                Ops.input(Map.of("id", id))), "approveOpportunity", "opportunity", "status"));

        Map<String, Object> search = Map.of("filter", Map.of("text", "regional mentoring"));
        assertEquals(1, Ops.<List<?>>at(inRegion.graphql(OpportunityOps.SEARCH, search), "opportunities", "edges")
                .size());
        assertEquals(List.of(), Ops.at(elsewhere.graphql(OpportunityOps.SEARCH, search), "opportunities", "edges"));
        assertNull(Ops.at(elsewhere.graphql(OpportunityOps.NODE, Map.of("id", id)), "node"), "not even by id");
        assertEquals(List.of("YORKSHIRE_AND_THE_HUMBER"), Ops.at(inRegion.graphql(OpportunityOps.NODE,
                Map.of("id", id)), "node", "eligibility", "regions"));

        // The approval's notification goes to the young people of the region's councils only.
        var running = SERVER.server().app();
        String stored = GlobalIds.decode(id).orElseThrow().id();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (!"QUEUED".equals(running.store().db().getCollection(OpportunityRepository.COLLECTION)
                .find(Filters.eq("_id", stored)).first().getEmbedded(List.of("push", "state"), String.class))) {
            running.push().expandDue(); // the background dispatcher may hold it: its lease ends, or it finishes
            assertEquals(true, System.nanoTime() < deadline, "the approval's push need was expanded");
            Thread.sleep(100);
        }
        List<String> recipients = running.store().db().getCollection("notifications")
                .find(Filters.eq("sourceId", stored))
                .map(d -> d.getString("recipient")).into(new java.util.ArrayList<>());
        assertEquals(true, recipients.contains("yp:" + storedId(inRegion)), recipients.toString());
        assertEquals(false, recipients.contains("yp:" + storedId(elsewhere)), recipients.toString());
    }

    private static String storedId(YoungPersonApp app) {
        String id = Ops.at(app.graphql("{ viewer { ... on YoungPerson { id } } }"), "viewer", "id");
        return GlobalIds.decode(id).orElseThrow().id();
    }

    @Test
    void interestSharesOnlyRealFieldsAndOnlyWhatWasGiven() {
        YoungPersonApp app = OpportunitiesJourneyIT.youngPerson(http, platform.as("laWorkerA"), "Vic", "2005-05-05");
        String id = OpportunitiesJourneyIT.postAndApprove(platform, OpportunityOps.job("Clerk", "2027-01-31"));
        Reply noEmail = app.graphql(OpportunityOps.INTEREST, Ops.input(Map.of("opportunityId", id,
                "share", List.of("EMAIL"))));
        assertEquals(List.of("BAD_USER_INPUT"), Ops.userErrorCodes(noEmail, "expressInterest"), noEmail.body());
        Reply unshared = app.graphql(OpportunityOps.INTEREST, Ops.input(Map.of("opportunityId", id,
                "share", List.of("FIRST_NAME"), "phone", "07700 900123")));
        assertEquals(List.of("BAD_USER_INPUT"), Ops.userErrorCodes(unshared, "expressInterest"));
        Reply unknownField = app.graphql(OpportunityOps.INTEREST, Ops.input(Map.of("opportunityId", id,
                "share", List.of("RECORDS"))));
        assertEquals(List.of("BAD_USER_INPUT"), unknownField.errorCodes(), unknownField.body());
        Reply staff = platform.as("advocate").graphql(OpportunityOps.INTEREST, Ops.input(Map.of("opportunityId", id,
                "share", List.of())));
        assertEquals(List.of("FORBIDDEN"), staff.errorCodes());
        Reply received = platform.as("corporate").graphql(OpportunityOps.RECEIVED, Map.of("id", id));
        assertEquals(List.of(), Ops.at(received, "interestReceived", "edges"), "nothing was recorded");
    }

    private String otherCorporateParent() {
        Reply reply = platform.admin.graphql(Ops.CREATE_ORGANISATION, Ops.input(Map.of("name", "Westfield University",
                "kind", "CORPORATE_PARENT", "sector", "UNIVERSITY", "servesLocalAuthorityIds", List.of())));
        return Ops.at(reply, "createOrganisation", "organisation", "id");
    }
}
