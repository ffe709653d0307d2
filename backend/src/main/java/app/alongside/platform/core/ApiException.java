package app.alongside.platform.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure with a code from the catalogue and a message fit for a client. Domain code throws it (through the
 * factories below); the GraphQL exception handler turns it into an error with {@code extensions.code}.
 * Anything else that escapes a resolver is reported as {@link ErrorCode#INTERNAL} with no detail.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final List<String> field;
    private final Map<String, Object> extensions;

    public ApiException(ErrorCode code, String message, List<String> field, Map<String, Object> extensions) {
        super(message, null, false, false);
        this.code = code;
        this.field = field == null ? List.of() : List.copyOf(field);
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public ApiException(ErrorCode code, String message) {
        this(code, message, List.of(), Map.of());
    }

    public static ApiException unauthenticated() {
        return new ApiException(ErrorCode.UNAUTHENTICATED, "Sign in to do this.");
    }

    public static ApiException forbidden() {
        return new ApiException(ErrorCode.FORBIDDEN, "You are not allowed to do this.");
    }

    /** UNAUTHENTICATED for someone not signed in, FORBIDDEN for anyone else. */
    public static ApiException unauthenticatedOrForbidden(app.alongside.kernel.Principal principal) {
        return principal instanceof app.alongside.kernel.Principal.Anonymous ? unauthenticated() : forbidden();
    }

    public static ApiException notFound() {
        return new ApiException(ErrorCode.NOT_FOUND, "Nothing was found with that id.");
    }

    /** Bad input at {@code field}, a path such as {@code ["input", "firstName"]}. */
    public static ApiException badInput(List<String> field, String message) {
        return new ApiException(ErrorCode.BAD_USER_INPUT, message, field, Map.of());
    }

    public static ApiException conflict(String message) {
        return new ApiException(ErrorCode.CONFLICT, message);
    }

    public static ApiException rateLimited(long retryAfterSeconds) {
        return new ApiException(ErrorCode.RATE_LIMITED, "Too many attempts. Try again later.", List.of(),
                Map.of("retryAfterSeconds", retryAfterSeconds));
    }

    public ErrorCode code() {
        return code;
    }

    public List<String> field() {
        return field;
    }

    /** The extensions a client sees: the code, the field path when there is one, and any extras. */
    public Map<String, Object> toExtensions() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("code", code.name());
        if (!field.isEmpty()) {
            map.put("field", field);
        }
        map.putAll(extensions);
        return map;
    }
}
