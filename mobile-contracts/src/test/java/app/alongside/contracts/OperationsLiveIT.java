package app.alongside.contracts;

import app.alongside.contracts.fixtures.Answers;
import app.alongside.contracts.fixtures.Operation;
import app.alongside.fixtures.ServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

/** The real server runs every published operation sent as text, with its example variables. */
class OperationsLiveIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.plain();

    static List<Operation> operations() {
        return Operation.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void serverRunsTheOperation(Operation operation) {
        Answers.assertRan(operation, SERVER.http().graphql(operation.document(), operation.exampleVariables()));
    }
}
