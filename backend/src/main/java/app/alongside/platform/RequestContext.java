package app.alongside.platform;

/**
 * What a resolver knows about the request it serves: its id (for logs and audit). It lives in the
 * {@code GraphQLContext} under this class; identity adds who is asking.
 */
public record RequestContext(String requestId) {
    public static RequestContext of(graphql.GraphQLContext context) {
        return context.get(RequestContext.class);
    }
}
