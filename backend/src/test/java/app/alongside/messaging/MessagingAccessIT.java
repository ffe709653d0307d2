package app.alongside.messaging;

import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.ServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import static app.alongside.messaging.MessagingOps.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The role matrix: every messaging operation, asked by each kind of caller about one young person's thread. Only
 * the young person and their service's advocates and manager get through; another young person and another
 * service's advocate find nothing (NOT_FOUND, as if it did not exist); roles that never take part in advocacy are
 * FORBIDDEN; nobody signed in is UNAUTHENTICATED. "OK" means no error of either kind.
 */
class MessagingAccessIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    private static final List<String> ROLES = List.of("owner", "otherYp", "advocate", "manager", "otherAdvocate",
            "laWorkerA", "corporate", "admin", "anonymous");
    private static MessagingOps.Person owner;
    private static MessagingOps.Person otherYp;
    private static String thread;
    private static String message;
    private static Map<String, BiFunction<String, Map<String, Object>, Reply>> callers;

    @BeforeAll
    static void setUp() {
        Http http = SERVER.http();
        Platform platform = SERVER.platform();
        owner = MessagingOps.onboard(http, platform, "Hana");
        otherYp = MessagingOps.onboard(http, platform, "Ivo");
        MessagingOps.threadOf(otherYp);
        thread = MessagingOps.threadOf(owner);
        message = Ops.at(owner.app().graphql(MessagingOps.SEND, MessagingOps.send(thread, "hello")),
                "sendMessage", "message", "id");
        callers = new LinkedHashMap<>();
        callers.put("owner", owner.app()::graphql);
        callers.put("otherYp", otherYp.app()::graphql);
        for (String name : List.of("advocate", "manager", "otherAdvocate", "laWorkerA", "corporate")) {
            callers.put(name, platform.as(name)::graphql);
        }
        callers.put("admin", platform.admin::graphql);
        callers.put("anonymous", (query, variables) -> http.send(http.request("/graphql")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        Http.toJson(Map.of("query", query, "variables", variables))))));
    }

    @Test
    void everyMessagingOperationAgainstEveryRole() {
        List<String> failures = new ArrayList<>();
        String staffOnly = "owner=FORBIDDEN otherYp=FORBIDDEN advocate=OK manager=OK otherAdvocate=NOT_FOUND "
                + "laWorkerA=FORBIDDEN corporate=FORBIDDEN admin=FORBIDDEN anonymous=UNAUTHENTICATED";
        String participants = "owner=OK otherYp=NOT_FOUND advocate=OK manager=OK otherAdvocate=NOT_FOUND "
                + "laWorkerA=FORBIDDEN corporate=FORBIDDEN admin=FORBIDDEN anonymous=UNAUTHENTICATED";
        String managerOnly = "owner=FORBIDDEN otherYp=FORBIDDEN advocate=FORBIDDEN manager=OK otherAdvocate=FORBIDDEN "
                + "laWorkerA=FORBIDDEN corporate=FORBIDDEN admin=FORBIDDEN anonymous=UNAUTHENTICATED";
        String youngPeople = "owner=OK otherYp=OK advocate=FORBIDDEN manager=FORBIDDEN otherAdvocate=FORBIDDEN "
                + "laWorkerA=FORBIDDEN corporate=FORBIDDEN admin=FORBIDDEN anonymous=UNAUTHENTICATED";
        String keepers = "owner=FORBIDDEN otherYp=FORBIDDEN advocate=FORBIDDEN manager=OK otherAdvocate=FORBIDDEN "
                + "laWorkerA=FORBIDDEN corporate=FORBIDDEN admin=OK anonymous=UNAUTHENTICATED";
        String service = SERVER.platform().advocacyService;

        check(failures, "myAdvocacy", MessagingOps.MY_ADVOCACY, Map.of(), null, youngPeople);
        check(failures, "messages", MessagingOps.MESSAGES, vars("threadId", thread), null, participants);
        check(failures, "sendMessage", MessagingOps.SEND, role -> MessagingOps.send(thread, "hi from " + role),
                participants);
        check(failures, "markThreadRead", MessagingOps.MARK_READ, Ops.input(Map.of("threadId", thread)),
                "markThreadRead", participants);
        check(failures, "editMessage", MessagingOps.EDIT, Ops.input(Map.of("messageId", message, "body", "hello!")),
                "editMessage", participants.replace("advocate=OK manager=OK", "advocate=FORBIDDEN manager=FORBIDDEN"));
        check(failures, "deleteMessage", MessagingOps.DELETE, Ops.input(Map.of("messageId", message)),
                "deleteMessage", participants.replace("advocate=OK manager=OK", "advocate=FORBIDDEN "
                        + "manager=FORBIDDEN"));
        check(failures, "assignThread", MessagingOps.ASSIGN, Ops.input(Map.of("threadId", thread)), "assignThread",
                staffOnly);
        check(failures, "openThread", OPEN, role -> Ops.input(Map.of("youngPersonId", owner.id(),
                "subject", "Your review")), staffOnly);
        check(failures, "raiseSafeguardingConcern", RAISE, role -> Ops.input(Map.of("threadId", thread,
                "youngPersonToldFirst", true, "referredTo", "Children's services duty team",
                "referredAt", "2026-01-05T10:00:00Z", "summary", "Disclosed worry about home")), staffOnly);
        check(failures, "safeguardingConcerns", CONCERNS, vars("threadId", thread), null, staffOnly);
        check(failures, "advocacyInbox", MessagingOps.INBOX, Map.of(), null, staffOnly.replace(
                "otherAdvocate=NOT_FOUND", "otherAdvocate=OK"));
        check(failures, "advocacyAllocations", MessagingOps.ALLOCATIONS, Map.of(), null, managerOnly);
        check(failures, "advocacyFigures", MessagingOps.FIGURES, Map.of(), null, managerOnly);
        check(failures, "allocateAdvocate", MessagingOps.ALLOCATE, Ops.input(Map.of("youngPersonId", owner.id(),
                "advocateId", SERVER.platform().staffIds.get("advocate"))), "allocateAdvocate", managerOnly);
        check(failures, "setAdvocacyChoice", MessagingOps.SET_CHOICE, role -> Ops.input(Map.of("choice",
                "OPT_OUT")), youngPeople);
        check(failures, "updateAdvocacyService", UPDATE_SERVICE, Ops.input(Map.of("serviceId", service,
                "about", "We are on your side.")), "updateAdvocacyService", keepers);
        check(failures, "safeguardingPhrases", PHRASES, vars("serviceId", service), null, keepers);
        check(failures, "setSafeguardingPhrases", SET_PHRASES, Ops.input(Map.of("serviceId", service,
                "phrases", SafeguardingPhrases.DEFAULTS)), "setSafeguardingPhrases", keepers);
        assertEquals(List.of(), failures);
    }

    @Test
    void anotherServiceSeesNoTraceOfTheThread() {
        Reply inbox = SERVER.platform().as("otherAdvocate").graphql(MessagingOps.INBOX, Map.of());
        assertFalse(inbox.body().contains(thread), inbox.body());
        String node = "query($id: ID!) { node(id: $id) { id } }";
        for (String role : List.of("otherYp", "otherAdvocate", "laWorkerA", "corporate", "admin")) {
            Reply reply = callers.get(role).apply(node, vars("id", thread));
            assertNull(Ops.at(reply, "node"), role + ": " + reply.body());
            Reply byMessage = callers.get(role).apply(node, vars("id", message));
            assertNull(Ops.at(byMessage, "node"), role + ": " + byMessage.body());
        }
        assertEquals(thread, Ops.at(callers.get("advocate").apply(node, vars("id", thread)), "node", "id"));
        assertEquals(thread, Ops.at(callers.get("owner").apply(node, vars("id", thread)), "node", "id"));
    }

    private void check(List<String> failures, String name, String query, Map<String, Object> variables,
                       String mutation, String expected) {
        check(failures, name, query, role -> variables, expected, mutation);
    }

    private void check(List<String> failures, String name, String query,
                       java.util.function.Function<String, Map<String, Object>> variables, String expected) {
        check(failures, name, query, variables, expected, name);
    }

    private void check(List<String> failures, String name, String query,
                       java.util.function.Function<String, Map<String, Object>> variables, String expected,
                       String mutation) {
        Map<String, String> want = new LinkedHashMap<>();
        for (String pair : expected.split(" ")) {
            String[] parts = pair.split("=");
            want.put(parts[0], parts[1]);
        }
        // The owner goes last: deleting or opting out must not change what the others are asked about.
        List<String> order = new ArrayList<>(ROLES);
        order.remove("owner");
        order.add("owner");
        for (String role : order) {
            Reply reply = callers.get(role).apply(query, variables.apply(role + UUID.randomUUID()));
            String got = outcome(reply, mutation);
            if (!want.get(role).equals(got)) {
                failures.add(name + " as " + role + ": expected " + want.get(role) + ", got " + got + " "
                        + reply.body());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static String outcome(Reply reply, String mutation) {
        List<String> codes = MessagingOps.errorCodes(reply);
        if (!codes.isEmpty()) {
            return codes.getFirst();
        }
        if (mutation != null) {
            List<String> userErrors = Ops.userErrorCodes(reply, mutation);
            if (!userErrors.isEmpty()) {
                return userErrors.getFirst();
            }
        }
        return "OK";
    }

    private static final String OPEN = """
            mutation($input: OpenThreadInput!) { openThread(input: $input) {
              thread { id kind subject } userErrors { field message code } } }""";
    private static final String RAISE = """
            mutation($input: RaiseSafeguardingConcernInput!) { raiseSafeguardingConcern(input: $input) {
              concern { id referredTo } userErrors { field message code } } }""";
    private static final String CONCERNS = """
            query($threadId: ID!) { safeguardingConcerns(threadId: $threadId) { id referredTo raisedBy { name } } }""";
    private static final String UPDATE_SERVICE = """
            mutation($input: UpdateAdvocacyServiceInput!) { updateAdvocacyService(input: $input) {
              service { id about } userErrors { field message code } } }""";
    private static final String PHRASES = """
            query($serviceId: ID) { safeguardingPhrases(serviceId: $serviceId) { serviceId usesDefault phrases } }""";
    private static final String SET_PHRASES = """
            mutation($input: SetSafeguardingPhrasesInput!) { setSafeguardingPhrases(input: $input) {
              list { usesDefault phrases } userErrors { field message code } } }""";
}
