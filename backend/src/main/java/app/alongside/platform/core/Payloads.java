package app.alongside.platform.core;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a mutation so that problems with its input come back as the payload's {@code userErrors} (nothing
 * changed), while access failures stay top-level errors.
 */
public final class Payloads {
    private static final Set<ErrorCode> USER_ERRORS = Set.of(ErrorCode.BAD_USER_INPUT, ErrorCode.CONFLICT,
            ErrorCode.NOT_FOUND);

    private Payloads() {
    }

    public static <T> T run(Supplier<T> mutation, Function<List<Connections.UserError>, T> failed) {
        try {
            return mutation.get();
        } catch (ApiException e) {
            if (USER_ERRORS.contains(e.code())) {
                return failed.apply(List.of(Connections.UserError.of(e)));
            }
            throw e;
        }
    }
}
