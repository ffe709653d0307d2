package app.alongside.messaging;

import app.alongside.fixtures.GraphqlSocket;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.Console;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.YoungPersonApp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The messaging operations the tests send, and a young person onboarded by invite for each test. */
final class MessagingOps {
    static final String MY_ADVOCACY = """
            query MyAdvocacy {
              myAdvocacy {
                id status allocationDueAt allocationOverdue
                service { id organisationId name about confidentiality }
                advocate { id name }
                thread { id kind urgent lastSequence }
                choices { choice reason at }
              }
            }""";
    static final String SEND = """
            mutation SendMessage($input: SendMessageInput!) {
              sendMessage(input: $input) {
                message { id threadId sequence body deleted clientMessageId author { kind name isMe } }
                thread { id urgent lastSequence awaitingReplySince replyDueAt overdue unreadCount }
                urgentHelp { text }
                userErrors { field message code }
              }
            }""";
    static final String MESSAGES = """
            query Messages($threadId: ID!, $first: Int, $after: String, $last: Int, $before: String) {
              messages(threadId: $threadId, first: $first, after: $after, last: $last, before: $before) {
                edges { cursor node { id sequence body deleted editedAt editHistory { body replacedAt }
                  author { kind name isMe } } }
                pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
              }
            }""";
    static final String EDIT = """
            mutation EditMessage($input: EditMessageInput!) {
              editMessage(input: $input) {
                message { id body editedAt editHistory { body } }
                urgentHelp { text }
                userErrors { field message code }
              }
            }""";
    static final String DELETE = """
            mutation DeleteMessage($input: DeleteMessageInput!) {
              deleteMessage(input: $input) {
                message { id sequence body deleted editHistory { body } }
                userErrors { field message code }
              }
            }""";
    static final String MARK_READ = """
            mutation MarkThreadRead($input: MarkThreadReadInput!) {
              markThreadRead(input: $input) {
                thread { id unreadCount readReceipts { readerKind readerName lastReadSequence } }
                userErrors { field message code }
              }
            }""";
    static final String INBOX = """
            query Inbox($filter: InboxFilter) {
              advocacyInbox(filter: $filter, first: 50) {
                edges { node { id urgent overdue replyDueAt youngPerson { id firstName }
                  assignedAdvocate { id name } } }
              }
            }""";
    static final String ASSIGN = """
            mutation AssignThread($input: AssignThreadInput!) {
              assignThread(input: $input) {
                thread { id assignedAdvocate { id name } }
                userErrors { field message code }
              }
            }""";
    static final String SET_CHOICE = """
            mutation SetAdvocacyChoice($input: SetAdvocacyChoiceInput!) {
              setAdvocacyChoice(input: $input) {
                advocacy { status advocate { id } allocationDueAt choices { choice reason at } }
                userErrors { field message code }
              }
            }""";
    static final String ALLOCATE = """
            mutation AllocateAdvocate($input: AllocateAdvocateInput!) {
              allocateAdvocate(input: $input) {
                advocacy { status advocate { id name } thread { assignedAdvocate { id staffMemberId } } }
                userErrors { field message code }
              }
            }""";
    static final String ALLOCATIONS = """
            query Allocations($overdueOnly: Boolean) {
              advocacyAllocations(overdueOnly: $overdueOnly) {
                edges { node { id status allocationDueAt allocationOverdue youngPerson { id } } }
              }
            }""";
    static final String FIGURES = """
            query Figures($since: DateTime) {
              advocacyFigures(since: $since) {
                respondedCount firstResponseMedianMinutes firstResponseP90Minutes unansweredCount overdueCount
                pendingAllocationCount overdueAllocationCount
              }
            }""";
    static final String MESSAGE_ADDED = """
            subscription MessageAdded($threadId: ID!) {
              messageAdded(threadId: $threadId) { id sequence body author { kind name isMe } }
            }""";
    static final String INBOX_CHANGED = """
            subscription { inboxChanged { kind thread { id urgent } message { id sequence } } }""";

    private MessagingOps() {
    }

    /** A message as {@link #SEND}, {@link #EDIT}, {@link #DELETE} and {@link #MESSAGES} select it. */
    public record Message(String id, String threadId, Integer sequence, String body, Boolean deleted, String clientMessageId,
                   String editedAt, Author author) {
    }

    public record Author(String kind, String name, Boolean isMe) {
    }

    /** A thread as the mutations select it. */
    public record ThreadView(String id, Boolean urgent, Integer lastSequence, Integer unreadCount,
                  List<ReadReceipt> readReceipts) {
    }

    public record ReadReceipt(String readerKind, String readerName, Integer lastReadSequence) {
    }

    /** The payload of {@code sendMessage}, {@code editMessage} and {@code deleteMessage}. */
    public record MessagePayload(Message message, ThreadView thread, List<Ops.UserError> userErrors)
            implements Ops.WithUserErrors {
    }

    /** The payload of {@code markThreadRead}. */
    public record ThreadPayload(ThreadView thread, List<Ops.UserError> userErrors) implements Ops.WithUserErrors {
    }

    /** A page of {@link #MESSAGES}. */
    public record Messages(List<Edge> edges, PageInfo pageInfo) {
        public List<Integer> sequences() {
            return edges.stream().map(edge -> edge.node().sequence()).toList();
        }
    }

    public record Edge(String cursor, Message node) {
    }

    public record PageInfo(Boolean hasNextPage, Boolean hasPreviousPage, String startCursor, String endCursor) {
    }

    /** A young person of council A, invited and signed in to the app with their code redeemed. */
    record Person(String id, YoungPersonApp app) {
    }

    static Person onboard(Http http, Platform platform, String name) {
        String[] invite = platform.invite(name);
        YoungPersonApp app = YoungPersonApp.signUp(http);
        Reply redeemed = app.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", invite[1])));
        if (!invite[0].equals(Ops.at(redeemed, "redeemInvite", "youngPerson", "id"))) {
            throw new AssertionError("redeem failed: " + redeemed.body());
        }
        return new Person(invite[0], app);
    }

    static String threadOf(Person person) {
        return Ops.at(person.app().graphql(MY_ADVOCACY), "myAdvocacy", "thread", "id");
    }

    static Map<String, Object> send(String threadId, String body) {
        return send(threadId, body, UUID.randomUUID().toString());
    }

    static Map<String, Object> send(String threadId, String body, String clientMessageId) {
        return Ops.input(Map.of("threadId", threadId, "body", body, "clientMessageId", clientMessageId));
    }

    static Map<String, Object> vars(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** The codes of the top-level errors of a reply. */
    @SuppressWarnings("unchecked")
    static List<String> errorCodes(Reply reply) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) reply.json().get("errors");
        return errors == null ? List.of() : errors.stream()
                .map(e -> (String) ((Map<String, Object>) e.get("extensions")).get("code")).toList();
    }

    static GraphqlSocket staffSocket(String baseUrl, Console console) {
        return GraphqlSocket.open(baseUrl, Map.of("Cookie", console.cookie()))
                .init(Map.of("csrfToken", console.csrf()));
    }

    static GraphqlSocket appSocket(String baseUrl, YoungPersonApp app) {
        return GraphqlSocket.open(baseUrl).init(Map.of("authorization", "Bearer " + app.idToken()));
    }

    /** Subscribes and waits a moment, so that the subscription is listening before the test acts. */
    static void subscribe(GraphqlSocket socket, String id, String query, Map<String, Object> variables) {
        socket.send(Map.of("id", id, "type", "subscribe", "payload", Map.of("query", query,
                "variables", variables)));
        try {
            Thread.sleep(400);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
