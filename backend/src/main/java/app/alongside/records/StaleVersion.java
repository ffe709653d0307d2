package app.alongside.records;

import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.ErrorCode;

import java.util.List;
import java.util.Map;

/** An update sent with a version that is no longer current: a CONFLICT that carries the current object. */
final class StaleVersion extends ApiException {
    private final transient Object current;

    StaleVersion(Object current, int currentVersion) {
        super(ErrorCode.CONFLICT, "It changed since you last saw it (now version " + currentVersion
                + "): look at the current version and try again.", List.of("input", "version"), Map.of());
        this.current = current;
    }

    Object current() {
        return current;
    }
}
