package app.alongside.platform.graphql;

import app.alongside.platform.core.RequestContext;

/**
 * Decides, before a top-level field of a query, mutation or subscription runs, whether the caller may run it at
 * all: for a state of the caller's account that holds back everything but a few fields (a password to change
 * first). A refusal throws the typed {@link app.alongside.platform.core.ApiException}, which becomes that field's
 * error; nested fields are not asked.
 */
@FunctionalInterface
public interface FieldGate {
    /** Lets everything through. */
    FieldGate OPEN = (context, field) -> {
    };

    /** Throws when {@code context}'s caller may not run the top-level {@code field} now. */
    void check(RequestContext context, String field);
}
