package app.alongside.contracts;

import app.alongside.contracts.fixtures.Answers;
import app.alongside.contracts.fixtures.Operation;
import app.alongside.fixtures.ServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

/**
 * The real server runs every published operation sent as text, with its example variables: subscriptions over
 * WebSocket, everything else over HTTP.
 */
class OperationsLiveIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.plain();

    static List<Operation> operations() {
        return Operation.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void serverRunsTheOperation(Operation operation) {
        if (operation.subscription()) {
            java.util.Map<String, Object> payload = new java.util.HashMap<>();
            payload.put("query", operation.document());
            payload.put("variables", operation.exampleVariables());
            Answers.assertRanOverWebSocket(operation, SERVER.server().baseUrl(), payload);
            return;
        }
        Answers.assertRan(operation, SERVER.http().graphql(operation.document(), operation.exampleVariables()));
    }
}
