package app.alongside.identity;

import com.google.firebase.FirebaseApp;
import com.google.firebase.auth.FirebaseAuth;
import com.google.firebase.auth.FirebaseAuthException;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Verifies Firebase ID tokens with the Admin SDK ({@code verifyIdToken}, with the revocation check when asked), on
 * the server's one Firebase app ({@link app.alongside.platform.Firebase}). With an Auth emulator host it talks to
 * the emulator, as the SDK does. Without a project id nobody can sign in from an app.
 */
public final class FirebaseTokenVerifier implements TokenVerifier {
    private static final Logger LOG = Logger.getLogger(FirebaseTokenVerifier.class.getName());

    private final FirebaseAuth auth;
    private final boolean checkRevoked;

    private FirebaseTokenVerifier(FirebaseAuth auth, boolean checkRevoked) {
        this.auth = auth;
        this.checkRevoked = checkRevoked;
    }

    /** A verifier on the server's Firebase app; without one (no project id) it refuses every token, saying why. */
    public static FirebaseTokenVerifier create(Optional<FirebaseApp> app, boolean checkRevoked) {
        if (app.isEmpty()) {
            LOG.warning("FIREBASE_PROJECT_ID is not set: young people cannot sign in from apps");
            return new FirebaseTokenVerifier(null, checkRevoked);
        }
        return new FirebaseTokenVerifier(FirebaseAuth.getInstance(app.get()), checkRevoked);
    }

    @Override
    public Optional<String> verify(String idToken) {
        if (auth == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(auth.verifyIdToken(idToken, checkRevoked).getUid());
        } catch (FirebaseAuthException e) {
            LOG.log(Level.FINE, "ID token refused: " + e.getAuthErrorCode());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean configured() {
        return auth != null;
    }
}
