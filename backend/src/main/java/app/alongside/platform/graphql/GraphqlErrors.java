package app.alongside.platform.graphql;

import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.ErrorText;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.execution.NonNullableValueCoercedAsNullException;
import graphql.execution.UnknownOperationException;
import graphql.introspection.IntrospectionDisabledError;
import graphql.schema.CoercingParseValueException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where failures become client errors. {@link ApiException}s keep their code and message; a
 * database that cannot be reached is {@link ErrorCode#SERVICE_UNAVAILABLE}; anything else is
 * {@link ErrorCode#INTERNAL} with a correlation id that is logged with the stack trace and shown to the client
 * instead of any detail.
 */
public final class GraphqlErrors implements DataFetcherExceptionHandler {
    private static final Logger LOG = Logger.getLogger(GraphqlErrors.class.getName());
    private static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile(
            "^(?:Field '[^']*' of variable|Variable) '([A-Za-z_][A-Za-z0-9_]*)'");

    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
            DataFetcherExceptionHandlerParameters params) {
        Throwable failure = unwrap(params.getException());
        Map<String, Object> extensions = extensionsFor(failure);
        String message = failure instanceof ApiException api ? api.getMessage() : messageFor(extensions);
        GraphQLError error = GraphqlErrorBuilder.newError()
                .message(message)
                .path(params.getPath())
                .location(params.getSourceLocation())
                .extensions(extensions)
                .build();
        return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
    }

    /** Extensions for a failure that happened outside a resolver, e.g. while handling the HTTP request. */
    public static Map<String, Object> extensionsFor(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ApiException api) {
            return api.toExtensions();
        }
        if (cause instanceof MongoTimeoutException || cause instanceof MongoSocketException) {
            LOG.log(Level.WARNING, "database unavailable: " + cause.getMessage());
            return Map.of("code", ErrorCode.SERVICE_UNAVAILABLE.name());
        }
        String correlationId = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "internal error, correlationId=" + correlationId, cause);
        return Map.of("code", ErrorCode.INTERNAL.name(), "correlationId", correlationId);
    }

    public static String messageFor(Map<String, Object> extensions) {
        return ErrorCode.SERVICE_UNAVAILABLE.name().equals(extensions.get("code"))
                ? "The service is temporarily unavailable. Try again shortly."
                : "Something went wrong on our side. Quote the correlation id if you contact support.";
    }

    /** A client-facing error for a failure before execution (request shape, parse, limits, persisted queries). */
    public static Map<String, Object> requestError(ApiException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", ErrorText.none().render(e.getMessage(), e.code()));
        error.put("extensions", e.toExtensions());
        return error;
    }

    /**
     * The error as the spec shapes it, always with {@code extensions.code}, its message rendered by {@code text}.
     * A variable that could not be coerced names the variable in {@code extensions.field}.
     */
    public static Map<String, Object> toSpecification(GraphQLError error, ErrorText text) {
        Map<String, Object> spec = new LinkedHashMap<>(error.toSpecification());
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (error.getExtensions() != null) {
            extensions.putAll(error.getExtensions());
        }
        ErrorCode code = extensions.get("code") instanceof String name ? codeNamed(name) : classify(error);
        extensions.putIfAbsent("code", code.name());
        if (code == ErrorCode.BAD_USER_INPUT && !extensions.containsKey("field")) {
            variableOf(error.getMessage()).ifPresent(variable -> extensions.put("field", List.of(variable)));
        }
        spec.put("message", text.render(error.getMessage(), code));
        spec.put("extensions", extensions);
        return spec;
    }

    /** The code for an error graphql-java raised itself. */
    public static ErrorCode classify(GraphQLError error) {
        if (error instanceof CoercingParseValueException || error instanceof NonNullableValueCoercedAsNullException) {
            return ErrorCode.BAD_USER_INPUT;
        }
        if (error instanceof UnknownOperationException || error instanceof IntrospectionDisabledError) {
            return ErrorCode.GRAPHQL_VALIDATION_FAILED;
        }
        if (error.getErrorType() instanceof ErrorType type) {
            return switch (type) {
                case InvalidSyntax -> ErrorCode.GRAPHQL_PARSE_FAILED;
                case ValidationError -> ErrorCode.GRAPHQL_VALIDATION_FAILED;
                case OperationNotSupported -> ErrorCode.BAD_REQUEST;
                case ExecutionAborted -> ErrorCode.QUERY_TOO_COMPLEX;
                default -> ErrorCode.INTERNAL;
            };
        }
        return ErrorCode.INTERNAL;
    }

    public static List<Map<String, Object>> toSpecification(List<GraphQLError> errors, ErrorText text) {
        return errors.stream().map(error -> toSpecification(error, text)).toList();
    }

    private static ErrorCode codeNamed(String name) {
        try {
            return ErrorCode.valueOf(name);
        } catch (IllegalArgumentException e) {
            return ErrorCode.INTERNAL;
        }
    }

    /** graphql-java names the variable it could not coerce at the start of its message. */
    private static java.util.Optional<String> variableOf(String message) {
        java.util.regex.Matcher matcher = VARIABLE.matcher(message == null ? "" : message);
        return matcher.find() ? java.util.Optional.of(matcher.group(1)) : java.util.Optional.empty();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
