package app.alongside.identity;

import app.alongside.fixtures.Console;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.TestServer;
import app.alongside.fixtures.YoungPersonApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Bad input to identity operations: a typed error with the field path, and nothing stored changes. */
class IdentityBadInputIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();
    private static final String OPERATOR = "{\"$gt\": \"\"}";

    @Test
    void badInvitesAreRefusedWithTheFieldAndCreateNobody() {
        Console worker = platform.as("laWorkerA");
        long before = youngPeopleCount(worker);
        assertField(invite(worker, Map.of("firstName", OPERATOR)), "firstName");
        assertField(invite(worker, Map.of("firstName", "A".repeat(51))), "firstName");
        assertField(invite(worker, Map.of("firstName", "")), "firstName");
        assertField(invite(worker, Map.of("dateOfBirth", "1990-01-01")), "dateOfBirth");
        assertField(invite(worker, Map.of("dateOfBirth", "2099-01-01")), "dateOfBirth");
        Reply wrongType = invite(worker, Map.of("firstName", Map.of("$gt", "")));
        assertEquals(List.of("BAD_USER_INPUT"), wrongType.errorCodes(), "an object is not a string");
        Reply badDate = invite(worker, Map.of("dateOfBirth", "31/12/2008"));
        assertEquals(List.of("BAD_USER_INPUT"), badDate.errorCodes());
        Reply otherCouncil = invite(worker, Map.of("localAuthorityId", platform.councilB));
        assertEquals(List.of("FORBIDDEN"), otherCouncil.errorCodes());
        assertEquals(before, youngPeopleCount(worker));
    }

    @Test
    void operatorShapedCodesAndEmailsMatchNothing() {
        YoungPersonApp app = YoungPersonApp.signUp(http);
        for (String code : List.of(OPERATOR, "' OR 1=1 --", "A".repeat(41))) {
            Reply reply = app.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", code)));
            List<String> codes = Ops.userErrorCodes(reply, "redeemInvite");
            assertEquals(1, codes.size(), reply.body());
        }
        assertEquals(401, Console.login(http, OPERATOR, OPERATOR).status());
    }

    @Test
    void badOrganisationsAndStaffAreRefusedWithTheField() {
        Console admin = platform.admin;
        assertPayloadField(admin.graphql(Ops.CREATE_ORGANISATION, Ops.input(Map.of("name", "X".repeat(121),
                "kind", "LOCAL_AUTHORITY"))), "createOrganisation", "name");
        assertPayloadField(admin.graphql(Ops.CREATE_ORGANISATION, Ops.input(Map.of("name", "Some Employer",
                "kind", "CORPORATE_PARENT"))), "createOrganisation", "sector");
        assertPayloadField(admin.graphql(Ops.CREATE_ORGANISATION, Ops.input(Map.of("name", "Northshire County Council",
                "kind", "LOCAL_AUTHORITY"))), "createOrganisation", "name");
        assertPayloadField(admin.graphql(Ops.CREATE_ORGANISATION, Ops.input(Map.of("name", "Bad Service",
                "kind", "ADVOCACY_SERVICE", "servesLocalAuthorityIds", List.of(platform.corporateParent)))),
                "createOrganisation", "servesLocalAuthorityIds");
        Reply rename = admin.graphql("""
                mutation U($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) {
                  organisation { name } userErrors { field message code } } }""", Ops.input(Map.of(
                "organisationId", platform.councilB, "name", "northshire county council")));
        assertPayloadField(rename, "updateOrganisation", "name");
        assertEquals(List.of("CONFLICT"), Ops.userErrorCodes(rename, "updateOrganisation"), rename.body());
        Reply councilB = admin.graphql("query O($id: ID!) { node(id: $id) { ... on Organisation { name } } }",
                Map.of("id", platform.councilB));
        assertEquals("Southvale Borough Council", Ops.at(councilB, "node", "name"), "a taken name changes nothing");
        Map<String, Object> staff = new HashMap<>(Map.of("organisationId", platform.councilA, "name", "Dee",
                "email", "dee@example.test", "role", "ADVOCATE", "password", Platform.PASSWORD));
        assertPayloadField(admin.graphql(Ops.CREATE_STAFF, Ops.input(staff)), "createStaffMember", "role");
        staff.put("role", "LA_WORKER");
        staff.put("email", "not-an-email");
        assertPayloadField(admin.graphql(Ops.CREATE_STAFF, Ops.input(staff)), "createStaffMember", "email");
        staff.put("email", "laworkera@example.test");
        assertPayloadField(admin.graphql(Ops.CREATE_STAFF, Ops.input(staff)), "createStaffMember", "email");
        staff.put("email", "dee@example.test");
        staff.put("password", "password1234");
        assertPayloadField(admin.graphql(Ops.CREATE_STAFF, Ops.input(staff)), "createStaffMember", "password");
        staff.put("password", Platform.PASSWORD);
        staff.put("organisationId", "bm90LWFuLWlk");
        assertPayloadField(admin.graphql(Ops.CREATE_STAFF, Ops.input(staff)), "createStaffMember", "organisationId");
        assertEquals(401, Console.login(http, "dee@example.test", Platform.PASSWORD).status(), "no account was made");
    }

    @Test
    void createRetriedWithTheSameClientMutationIdMakesOneOrganisation() {
        Map<String, Object> input = Map.of("name", "Retry Council", "kind", "LOCAL_AUTHORITY",
                "clientMutationId", "retry-1");
        Reply first = platform.admin.graphql(Ops.CREATE_ORGANISATION, Ops.input(input));
        Reply again = platform.admin.graphql(Ops.CREATE_ORGANISATION, Ops.input(input));
        String id = Ops.at(first, "createOrganisation", "organisation", "id");
        assertEquals(id, Ops.at(again, "createOrganisation", "organisation", "id"));
        assertEquals("retry-1", Ops.at(again, "createOrganisation", "clientMutationId"));
    }

    @Test
    void aRetriedInviteShowsNoSecondCodeAndOnlyWhileTheWorkerMaySeeThePerson() {
        Console worker = platform.as("laWorkerA");
        Map<String, Object> input = Map.of("firstName", "Gus", "dateOfBirth", "2007-03-04",
                "legalStatus", "RELEVANT", "clientMutationId", "invite-gus");
        Reply first = worker.graphql(Ops.CREATE_INVITE, Ops.input(input));
        String id = Ops.at(first, "createInvite", "youngPerson", "id");
        Reply retry = worker.graphql(Ops.CREATE_INVITE, Ops.input(input));
        assertEquals(id, Ops.at(retry, "createInvite", "youngPerson", "id"));
        assertNull(Ops.at(retry, "createInvite", "invite"), "the code is shown once");
        Map<String, Object> other = new HashMap<>(input);
        other.put("firstName", "Gustav");
        assertEquals(List.of("CONFLICT"), Ops.userErrorCodes(worker.graphql(Ops.CREATE_INVITE, Ops.input(other)),
                "createInvite"));
        worker.graphql("mutation($id: ID!, $to: ID!) { transferYoungPerson(input: {youngPersonId: $id, "
                + "toLocalAuthorityId: $to}) { userErrors { code } } }", Map.of("id", id, "to", platform.councilB));
        Reply afterMove = worker.graphql(Ops.CREATE_INVITE, Ops.input(input));
        assertEquals(List.of("NOT_FOUND"), Ops.userErrorCodes(afterMove, "createInvite"), afterMove.body());
    }

    private static Reply invite(Console worker, Map<String, Object> overrides) {
        Map<String, Object> input = new HashMap<>(Map.of("firstName", "Eve", "dateOfBirth", "2008-02-03",
                "legalStatus", "ELIGIBLE"));
        input.putAll(overrides);
        return worker.graphql(Ops.CREATE_INVITE, Ops.input(input));
    }

    private static void assertField(Reply reply, String field) {
        assertPayloadField(reply, "createInvite", field);
    }

    private static void assertPayloadField(Reply reply, String mutation, String field) {
        List<Map<String, Object>> errors = Ops.at(reply, mutation, "userErrors");
        assertEquals(1, errors.size(), reply.body());
        assertEquals(List.of("input", field), errors.getFirst().get("field"), reply.body());
    }

    private static long youngPeopleCount(Console worker) {
        List<?> edges = Ops.at(worker.graphql("{ youngPeople(first: 100) { edges { node { id } } } }"),
                "youngPeople", "edges");
        return edges.size();
    }
}
