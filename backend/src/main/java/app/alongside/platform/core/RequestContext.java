package app.alongside.platform.core;

import app.alongside.kernel.Principal;

/**
 * What a resolver knows about the request it serves: its id (for logs and audit), who is asking, and the
 * client's address (for rate limits). It lives in the {@code GraphQLContext} under this class.
 */
public record RequestContext(String requestId, Principal principal, String clientAddress) {
    public static RequestContext of(graphql.GraphQLContext context) {
        return context.get(RequestContext.class);
    }

    public static RequestContext of(graphql.schema.DataFetchingEnvironment env) {
        return of(env.getGraphQlContext());
    }
}
