package app.alongside.privacy.corrections;

import app.alongside.fixtures.Ops;

import java.util.List;

/** The corrections and disputes operations the tests send, and records of what they select. */
final class CorrectionsOps {
    static final String REQUEST = """
            mutation RequestCorrection($input: RequestCorrectionInput!) {
              requestCorrection(input: $input) {
                correctionRequest { id field proposedValue reason state requestedAt answerBy }
                userErrors { field message code }
              }
            }""";
    static final String MINE = """
            query MyCorrectionRequests($first: Int, $after: String) {
              myCorrectionRequests(first: $first, after: $after) {
                edges { node { id field proposedValue reason state answerBy decidedAt decisionReason previousValue
                  nextSteps dispute { id statement response } } }
                pageInfo { hasNextPage endCursor }
              }
            }""";
    static final String WITHDRAW = """
            mutation WithdrawCorrectionRequest($input: WithdrawCorrectionRequestInput!) {
              withdrawCorrectionRequest(input: $input) {
                correctionRequest { id state decidedAt }
                userErrors { field message code }
              }
            }""";
    static final String LIST = """
            query CorrectionRequests($state: CorrectionState) {
              correctionRequests(state: $state, first: 50) {
                edges { node { id field proposedValue state youngPerson { id firstName }
                  dispute { id statement response } } }
              }
            }""";
    static final String DECIDE = """
            mutation DecideCorrectionRequest($input: DecideCorrectionRequestInput!) {
              decideCorrectionRequest(input: $input) {
                correctionRequest { id state decisionReason previousValue nextSteps }
                userErrors { field message code }
              }
            }""";
    static final String DISPUTE = """
            mutation DisputeStaffEntry($input: DisputeStaffEntryInput!) {
              disputeStaffEntry(input: $input) {
                dispute { id entryId statement createdAt response entry { id } }
                userErrors { field message code }
              }
            }""";
    static final String MY_DISPUTES = """
            query MyDisputes($first: Int, $after: String) {
              myDisputes(first: $first, after: $after) {
                edges { node { id entryId statement createdAt response respondedAt } }
                pageInfo { hasNextPage endCursor }
              }
            }""";
    static final String RESPOND = """
            mutation RespondToDispute($input: RespondToDisputeInput!) {
              respondToDispute(input: $input) {
                dispute { id statement response respondedAt }
                userErrors { field message code }
              }
            }""";
    static final String MESSAGES = """
            query Messages($threadId: ID!) {
              messages(threadId: $threadId, first: 50) {
                edges { node { id body author { kind } dispute { id statement response } } }
              }
            }""";
    static final String SEND = """
            mutation($input: SendMessageInput!) {
              sendMessage(input: $input) { message { id } userErrors { field message code } }
            }""";
    static final String CREATE_SHARED_GOAL = """
            mutation($input: CreateGoalInput!) {
              createGoal(input: $input) { goal { id } userErrors { field message code } }
            }""";
    static final String COMMENT = """
            mutation($input: CommentOnGoalInput!) {
              commentOnGoal(input: $input) { goal { comments { id authorKind body } } userErrors { code } }
            }""";
    static final String PROFILE = "{ viewer { ... on YoungPerson { firstName dateOfBirth legalStatus } } }";

    private CorrectionsOps() {
    }

    public record DisputeView(String id, String entryId, String statement, String response, String respondedAt) {
    }

    public record Request(String id, String field, String proposedValue, String reason, String state,
                          String answerBy, String decidedAt, String decisionReason, String previousValue,
                          String nextSteps, DisputeView dispute, Person youngPerson) {
    }

    public record Person(String id, String firstName) {
    }

    public record RequestPayload(Request correctionRequest, List<Ops.UserError> userErrors)
            implements Ops.WithUserErrors {
    }

    public record DisputePayload(DisputeView dispute, List<Ops.UserError> userErrors)
            implements Ops.WithUserErrors {
    }

    public record RequestEdge(Request node) {
    }

    public record Requests(List<RequestEdge> edges) {
        public List<Request> nodes() {
            return edges.stream().map(RequestEdge::node).toList();
        }
    }

    public record DisputeEdge(DisputeView node) {
    }

    public record Disputes(List<DisputeEdge> edges) {
        public List<DisputeView> nodes() {
            return edges.stream().map(DisputeEdge::node).toList();
        }
    }
}
