package app.alongside.identity;

import app.alongside.fixtures.Console;
import app.alongside.fixtures.Engine;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import app.alongside.fixtures.YoungPersonApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static app.alongside.fixtures.Ops.InvitePayload;
import static app.alongside.fixtures.Ops.OrganisationPayload;
import static app.alongside.fixtures.Ops.RedeemPayload;
import static app.alongside.fixtures.Ops.StaffMemberPayload;
import static app.alongside.fixtures.Ops.StaffViewer;
import static app.alongside.fixtures.Ops.UserErrorsPayload;
import static app.alongside.identity.IdentityOps.OrganisationName;
import static app.alongside.identity.IdentityOps.YoungPeople;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Bad input to identity operations: a typed error with the field path, and nothing stored changes. The staff sign
 * in and the app signs up over HTTP as they would; the rules are then run on the GraphQL engine as them
 * ({@link Engine}), with no transport in between. Checks of the sign-in endpoint stay on HTTP.
 */
class IdentityBadInputIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    private static final String OPERATOR = "{\"$gt\": \"\"}";
    private static Engine engine;
    private static Engine.Asker admin;
    private static Engine.Asker worker;
    private static Platform platform;

    @BeforeAll
    static void setUp() {
        platform = SERVER.platform();
        engine = Engine.of(SERVER.server().app());
        Reply viewer = platform.admin.graphql(Ops.VIEWER);
        admin = engine.staff(Ops.payload(viewer, "viewer", StaffViewer.class).id());
        worker = engine.staff(platform.staffIds.get("laWorkerA"));
    }

    @Test
    void badInvitesAreRefusedWithTheFieldAndCreateNobody() {
        long before = youngPeopleCount(worker);
        assertField(invite(Map.of("firstName", OPERATOR)), "firstName");
        assertField(invite(Map.of("firstName", "A".repeat(51))), "firstName");
        assertField(invite(Map.of("firstName", "")), "firstName");
        assertField(invite(Map.of("dateOfBirth", "1990-01-01")), "dateOfBirth");
        assertField(invite(Map.of("dateOfBirth", "2099-01-01")), "dateOfBirth");
        assertField(invite(Map.of("dateOfBirth", LocalDate.now(ZoneId.of("Europe/London")).minusYears(16).plusDays(1)
                .toString())), "dateOfBirth");
        Reply wrongType = invite(Map.of("firstName", Map.of("$gt", "")));
        assertEquals(List.of("BAD_USER_INPUT"), wrongType.errorCodes(), "an object is not a string");
        Reply badDate = invite(Map.of("dateOfBirth", "31/12/2008"));
        assertEquals(List.of("BAD_USER_INPUT"), badDate.errorCodes());
        Reply otherCouncil = invite(Map.of("localAuthorityId", platform.councilB));
        assertEquals(List.of("FORBIDDEN"), otherCouncil.errorCodes());
        assertEquals(before, youngPeopleCount(worker));
    }

    @Test
    void operatorShapedCodesAndEmailsMatchNothing() {
        Engine.Asker app = engine.appUser(YoungPersonApp.signUp(SERVER.http()).uid());
        for (String code : List.of(OPERATOR, "' OR 1=1 --", "A".repeat(41))) {
            Reply reply = app.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", code)));
            List<String> codes = Ops.payload(reply, "redeemInvite", RedeemPayload.class).errorCodes();
            assertEquals(1, codes.size(), reply.body());
        }
        // Signing in is the sign-in endpoint's (POST /auth/login), not GraphQL's: this stays on HTTP.
        assertEquals(401, Console.login(SERVER.http(), OPERATOR, OPERATOR).status());
    }

    @Test
    void badOrganisationsAndStaffAreRefusedWithTheField() {
        assertOrganisationField(Map.of("name", "X".repeat(121), "kind", "LOCAL_AUTHORITY"), "name");
        assertOrganisationField(Map.of("name", "Some Employer", "kind", "CORPORATE_PARENT"), "sector");
        assertOrganisationField(Map.of("name", "Northshire County Council", "kind", "LOCAL_AUTHORITY"), "name");
        assertOrganisationField(Map.of("name", "Bad Service", "kind", "ADVOCACY_SERVICE",
                "servesLocalAuthorityIds", List.of(platform.corporateParent)), "servesLocalAuthorityIds");
        Reply rename = admin.graphql("""
                mutation U($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) {
                  organisation { name } userErrors { field message code } } }""", Ops.input(Map.of(
                "organisationId", platform.councilB, "name", "northshire county council")));
        UserErrorsPayload renamed = Ops.payload(rename, "updateOrganisation", UserErrorsPayload.class);
        assertOnlyErrorAt(rename, renamed, "name");
        assertEquals(List.of("CONFLICT"), renamed.errorCodes(), rename.body());
        Reply councilB = admin.graphql(IdentityOps.ORGANISATION_NAME, Map.of("id", platform.councilB));
        assertEquals("Southvale Borough Council", Ops.payload(councilB, "node", OrganisationName.class).name(),
                "a taken name changes nothing");
        Map<String, Object> staff = new HashMap<>(Map.of("organisationId", platform.councilA, "name", "Dee",
                "email", "dee@example.test", "role", "ADVOCATE", "password", Platform.PASSWORD));
        assertStaffField(staff, "role");
        staff.put("role", "LA_WORKER");
        staff.put("email", "not-an-email");
        assertStaffField(staff, "email");
        staff.put("email", "laworkera@example.test");
        assertStaffField(staff, "email");
        staff.put("email", "dee@example.test");
        staff.put("password", "password1234");
        assertStaffField(staff, "password");
        staff.put("password", Platform.PASSWORD);
        staff.put("organisationId", "bm90LWFuLWlk");
        assertStaffField(staff, "organisationId");
        // Whether an account exists is seen by signing in, which is the sign-in endpoint's: this stays on HTTP.
        assertEquals(401, Console.login(SERVER.http(), "dee@example.test", Platform.PASSWORD).status(),
                "no account was made");
    }

    @Test
    void createRetriedWithTheSameClientMutationIdMakesOneOrganisation() {
        Map<String, Object> input = Map.of("name", "Retry Council", "kind", "LOCAL_AUTHORITY",
                "clientMutationId", "retry-1");
        OrganisationPayload first = createOrganisation(input);
        OrganisationPayload again = createOrganisation(input);
        String id = first.organisation().id();
        assertEquals(id, again.organisation().id());
        assertEquals("retry-1", again.clientMutationId());
    }

    @Test
    void aRetriedInviteShowsNoSecondCodeAndOnlyWhileTheWorkerMaySeeThePerson() {
        Map<String, Object> input = Map.of("firstName", "Gus", "dateOfBirth", "2007-03-04",
                "legalStatus", "RELEVANT", "clientMutationId", "invite-gus");
        InvitePayload first = invitePayload(worker.graphql(Ops.CREATE_INVITE, Ops.input(input)));
        String id = first.youngPerson().id();
        InvitePayload retry = invitePayload(worker.graphql(Ops.CREATE_INVITE, Ops.input(input)));
        assertEquals(id, retry.youngPerson().id());
        assertNull(retry.invite(), "the code is shown once");
        Map<String, Object> other = new HashMap<>(input);
        other.put("firstName", "Gustav");
        assertEquals(List.of("CONFLICT"), invitePayload(worker.graphql(Ops.CREATE_INVITE, Ops.input(other)))
                .errorCodes());
        worker.graphql("mutation($id: ID!, $to: ID!) { transferYoungPerson(input: {youngPersonId: $id, "
                + "toLocalAuthorityId: $to}) { userErrors { code } } }", Map.of("id", id, "to", platform.councilB));
        Reply afterMove = worker.graphql(Ops.CREATE_INVITE, Ops.input(input));
        assertEquals(List.of("NOT_FOUND"), invitePayload(afterMove).errorCodes(), afterMove.body());
    }

    private static Reply invite(Map<String, Object> overrides) {
        Map<String, Object> input = new HashMap<>(Map.of("firstName", "Eve", "dateOfBirth", "2008-02-03",
                "legalStatus", "ELIGIBLE"));
        input.putAll(overrides);
        return worker.graphql(Ops.CREATE_INVITE, Ops.input(input));
    }

    private static InvitePayload invitePayload(Reply reply) {
        return Ops.payload(reply, "createInvite", InvitePayload.class);
    }

    private static OrganisationPayload createOrganisation(Map<String, Object> input) {
        return Ops.payload(admin.graphql(Ops.CREATE_ORGANISATION, Ops.input(input)), "createOrganisation",
                OrganisationPayload.class);
    }

    private static void assertField(Reply reply, String field) {
        assertOnlyErrorAt(reply, invitePayload(reply), field);
    }

    private static void assertOrganisationField(Map<String, Object> input, String field) {
        Reply reply = admin.graphql(Ops.CREATE_ORGANISATION, Ops.input(input));
        assertOnlyErrorAt(reply, Ops.payload(reply, "createOrganisation", OrganisationPayload.class), field);
    }

    private static void assertStaffField(Map<String, Object> input, String field) {
        Reply reply = admin.graphql(Ops.CREATE_STAFF, Ops.input(Map.copyOf(input)));
        assertOnlyErrorAt(reply, Ops.payload(reply, "createStaffMember", StaffMemberPayload.class), field);
    }

    private static void assertOnlyErrorAt(Reply reply, Ops.WithUserErrors payload, String field) {
        assertEquals(1, payload.userErrors().size(), reply.body());
        assertEquals(List.of("input", field), payload.userErrors().getFirst().field(), reply.body());
    }

    private static long youngPeopleCount(Engine.Asker staff) {
        return Ops.payload(staff.graphql(IdentityOps.YOUNG_PEOPLE, Map.of()), "youngPeople", YoungPeople.class)
                .edges().size();
    }
}
