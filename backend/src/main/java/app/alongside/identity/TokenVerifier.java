package app.alongside.identity;

import java.util.Optional;

/** Checks an app's Firebase ID token and answers with the Firebase uid it proves. */
public interface TokenVerifier {
    /** The uid, or empty when the token is invalid, expired, revoked or for another project. */
    Optional<String> verify(String idToken);

    /** True when tokens can be checked at all (a Firebase project is configured). */
    boolean configured();
}
