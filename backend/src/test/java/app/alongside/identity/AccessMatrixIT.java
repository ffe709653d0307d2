package app.alongside.identity;

import app.alongside.fixtures.Console;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.TestServer;
import app.alongside.fixtures.YoungPersonApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every role against every identity, organisation and audit operation, including other councils', other
 * services' and other young people's ids. Each cell says what the caller must get: {@code ok}, a top-level error
 * code, {@code hidden} (null, as for an id that does not exist) or a userError code.
 */
class AccessMatrixIT {
    private static final List<String> ROLES = List.of("anonymous", "appUser", "youngPersonA", "youngPersonB",
            "admin", "laWorkerA", "laWorkerB", "advocate", "manager", "otherAdvocate", "corporate");
    private static TestServer server;
    private static Http http;
    private static Platform platform;
    private static final Map<String, Function<String, Reply>> CALLERS = new LinkedHashMap<>();
    private static String youngPersonA;
    private static int counter;

    @BeforeAll
    static void start() {
        server = TestServer.start().ready();
        http = server.http();
        platform = new Platform(http);
        String[] inviteA = platform.invite("Ada");
        youngPersonA = inviteA[0];
        Console workerB = platform.as("laWorkerB");
        Reply inviteB = workerB.graphql(Ops.CREATE_INVITE, Ops.input(Map.of("firstName", "Ben",
                "dateOfBirth", "2006-01-02", "legalStatus", "RELEVANT")));
        YoungPersonApp ypA = redeemed(inviteA[1]);
        YoungPersonApp ypB = redeemed(Ops.at(inviteB, "createInvite", "invite", "code"));
        YoungPersonApp appUser = YoungPersonApp.signUp(http);
        CALLERS.put("anonymous", q -> http.graphql(q));
        CALLERS.put("appUser", q -> appUser.graphql(q));
        CALLERS.put("youngPersonA", q -> ypA.graphql(q));
        CALLERS.put("youngPersonB", q -> ypB.graphql(q));
        CALLERS.put("admin", q -> platform.admin.graphql(q));
        for (String name : List.of("laWorkerA", "laWorkerB", "advocate", "manager", "otherAdvocate", "corporate")) {
            CALLERS.put(name, q -> platform.as(name).graphql(q));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static YoungPersonApp redeemed(String code) {
        YoungPersonApp app = YoungPersonApp.signUp(http);
        app.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", code)));
        return app;
    }

    @Test
    void listingOrganisations() {
        check("{ organisations { edges { node { id } } } }", "UNAUTHENTICATED", "FORBIDDEN",
                "FORBIDDEN", "FORBIDDEN", "ok", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN",
                "FORBIDDEN");
        check("{ organisations(kind: LOCAL_AUTHORITY) { edges { node { id } } } }", "UNAUTHENTICATED",
                "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "ok", "ok", "ok", "ok", "ok", "ok", "ok");
    }

    @Test
    void creatingAndChangingOrganisations() {
        check(role -> "mutation { createOrganisation(input: {name: \"Org " + (++counter) + "\", kind: LOCAL_AUTHORITY})"
                + " { organisation { id } userErrors { code } } }", "UNAUTHENTICATED", "FORBIDDEN",
                "FORBIDDEN", "FORBIDDEN", "ok", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN",
                "FORBIDDEN");
        check(role -> "mutation { updateOrganisation(input: {organisationId: \"" + platform.councilB + "\"}) "
                + "{ organisation { id } userErrors { code } } }", "UNAUTHENTICATED", "FORBIDDEN",
                "FORBIDDEN", "FORBIDDEN", "ok", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN",
                "FORBIDDEN");
    }

    @Test
    void managingStaff() {
        check(role -> "mutation { createStaffMember(input: {organisationId: \"" + platform.advocacyService
                + "\", name: \"New\", email: \"new" + (++counter) + "@example.test\", role: ADVOCATE, "
                + "password: \"" + Platform.PASSWORD + "\"}) { staffMember { id } userErrors { code } } }",
                "UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "ok", "FORBIDDEN", "FORBIDDEN",
                "FORBIDDEN", "ok", "FORBIDDEN", "FORBIDDEN");
        check(role -> "mutation { createStaffMember(input: {organisationId: \"" + platform.advocacyService
                + "\", name: \"Boss\", email: \"boss" + (++counter) + "@example.test\", role: ADVOCACY_MANAGER, "
                + "password: \"" + Platform.PASSWORD + "\"}) { staffMember { id } userErrors { code } } }",
                "UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "ok", "FORBIDDEN", "FORBIDDEN",
                "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN");
        check("{ staff(organisationId: \"" + platform.advocacyService + "\") { edges { node { email } } } }",
                "UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "ok", "FORBIDDEN", "FORBIDDEN",
                "FORBIDDEN", "ok", "FORBIDDEN", "FORBIDDEN");
        check("{ node(id: \"" + platform.staffIds.get("advocate") + "\") { id } }", "hidden", "hidden", "hidden",
                "hidden", "ok", "hidden", "hidden", "ok", "ok", "hidden", "hidden");
    }

    @Test
    void seeingYoungPeople() {
        check("{ node(id: \"" + youngPersonA + "\") { id } }", "hidden", "hidden", "ok", "hidden", "hidden", "ok",
                "hidden", "ok", "ok", "hidden", "hidden");
        check("{ youngPeople { edges { node { id } } } }", "UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN",
                "FORBIDDEN", "FORBIDDEN", "ok", "ok", "ok", "ok", "ok", "FORBIDDEN");
        Map<String, Boolean> seesAda = new LinkedHashMap<>();
        for (String role : List.of("laWorkerA", "laWorkerB", "advocate", "manager", "otherAdvocate")) {
            seesAda.put(role, CALLERS.get(role).apply("{ youngPeople(first: 100) { edges { node { id } } } }").body()
                    .contains(youngPersonA));
        }
        assertEquals(Map.of("laWorkerA", true, "laWorkerB", false, "advocate", true, "manager", true,
                "otherAdvocate", false), seesAda);
    }

    @Test
    void invitingAndMovingYoungPeople() {
        check("mutation { createInvite(input: {firstName: \"Zed\", dateOfBirth: \"2008-01-01\", legalStatus: ELIGIBLE})"
                + " { invite { code } userErrors { code } } }", "UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN",
                "FORBIDDEN", "FORBIDDEN", "ok", "ok", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN");
        check("mutation { createInvite(input: {firstName: \"Zed\", dateOfBirth: \"2008-01-01\", legalStatus: ELIGIBLE,"
                + " localAuthorityId: \"" + platform.councilA + "\"}) { invite { code } userErrors { code } } }",
                "UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "ok", "FORBIDDEN",
                "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN");
        check("mutation { transferYoungPerson(input: {youngPersonId: \"" + youngPersonA + "\", toLocalAuthorityId: \""
                + platform.councilA + "\"}) { youngPerson { id } userErrors { code } } }", "UNAUTHENTICATED",
                "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "BAD_USER_INPUT", "NOT_FOUND",
                "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN");
    }

    @Test
    void ownProfileAndLogs() {
        check("mutation { updateMyProfile(input: {pronouns: \"they/them\"}) { youngPerson { id } userErrors { code } } }",
                "UNAUTHENTICATED", "FORBIDDEN", "ok", "ok", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN",
                "FORBIDDEN", "FORBIDDEN", "FORBIDDEN");
        check("{ myAccessLog { edges { node { action } } } }", "UNAUTHENTICATED", "FORBIDDEN", "ok", "ok",
                "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN");
        check("{ auditLog { edges { node { action } } } }", "UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN",
                "FORBIDDEN", "ok", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN");
        check("mutation { redeemInvite(input: {code: \"AAAA-BBBB-CCCC\"}) { youngPerson { id } userErrors { code } } }",
                "UNAUTHENTICATED", "NOT_FOUND", "CONFLICT", "CONFLICT", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN",
                "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN");
    }

    private static void check(String query, String... expected) {
        check(role -> query, expected);
    }

    private static void check(Function<String, String> query, String... expected) {
        Map<String, String> want = new LinkedHashMap<>();
        Map<String, String> got = new LinkedHashMap<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < ROLES.size(); i++) {
            String role = ROLES.get(i);
            Reply reply = CALLERS.get(role).apply(query.apply(role));
            want.put(role, expected[i]);
            got.put(role, outcome(reply));
            bodies.add(role + ": " + reply.body());
        }
        assertEquals(want, got, String.join("\n", bodies));
    }

    @SuppressWarnings("unchecked")
    private static String outcome(Reply reply) {
        if (!reply.errors().isEmpty()) {
            return reply.errorCodes().getFirst();
        }
        Map<String, Object> data = reply.data();
        Object value = data.values().iterator().next();
        if (value == null) {
            return "hidden";
        }
        if (value instanceof Map<?, ?> payload && payload.get("userErrors") instanceof List<?> errors
                && !errors.isEmpty()) {
            return (String) ((Map<String, Object>) errors.getFirst()).get("code");
        }
        return "ok";
    }
}
