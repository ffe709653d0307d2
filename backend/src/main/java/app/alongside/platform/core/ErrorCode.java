package app.alongside.platform.core;

/**
 * The error catalogue third-party apps switch on. Each constant's name is its stable wire string, in
 * {@code errors[].extensions.code} and {@code UserError.code}; the schema's {@code ErrorCode} enum mirrors it
 * (a test keeps the two equal). Add codes; never rename or remove one.
 */
public enum ErrorCode {
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    BAD_USER_INPUT,
    CONFLICT,
    RATE_LIMITED,
    BAD_REQUEST,
    GRAPHQL_PARSE_FAILED,
    GRAPHQL_VALIDATION_FAILED,
    QUERY_TOO_COMPLEX,
    PERSISTED_QUERY_NOT_FOUND,
    PERSISTED_QUERY_NOT_ALLOWED,
    METHOD_NOT_ALLOWED,
    PAYLOAD_TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    SERVICE_UNAVAILABLE,
    PASSWORD_CHANGE_REQUIRED,
    INTERNAL
}
