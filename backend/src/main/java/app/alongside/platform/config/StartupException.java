package app.alongside.platform.config;

/** The server cannot start; the message says what to fix, naming the setting or path at fault. */
public class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
