package app.alongside.identity;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.auth.FirebaseAuth;
import com.google.firebase.auth.FirebaseAuthException;
import com.google.firebase.internal.FirebaseProcessEnvironment;

import java.io.IOException;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Verifies Firebase ID tokens with the Admin SDK ({@code verifyIdToken}, with the revocation check when asked).
 * With an Auth emulator host it talks to the emulator, as the SDK does; otherwise it needs Google credentials
 * ({@code GOOGLE_APPLICATION_CREDENTIALS}). Without a project id nobody can sign in from an app.
 */
public final class FirebaseTokenVerifier implements TokenVerifier {
    private static final Logger LOG = Logger.getLogger(FirebaseTokenVerifier.class.getName());

    private final FirebaseAuth auth;
    private final boolean checkRevoked;

    private FirebaseTokenVerifier(FirebaseAuth auth, boolean checkRevoked) {
        this.auth = auth;
        this.checkRevoked = checkRevoked;
    }

    /** Builds a verifier; {@code projectId} empty gives one that refuses every token, with a log line saying why. */
    public static FirebaseTokenVerifier create(Optional<String> projectId, Optional<String> emulatorHost,
                                               boolean checkRevoked) {
        if (projectId.isEmpty()) {
            LOG.warning("FIREBASE_PROJECT_ID is not set: young people cannot sign in from apps");
            return new FirebaseTokenVerifier(null, checkRevoked);
        }
        // The SDK reads the emulator host from its environment; set it from our settings so a config file works too.
        if (emulatorHost.isPresent() && !projectId.get().startsWith("demo-")) {
            throw new app.alongside.platform.StartupException("FIREBASE_AUTH_EMULATOR_HOST is set with a real project "
                    + "id (" + projectId.get() + "): emulator tokens are not signature-checked, so it is only allowed "
                    + "with a demo-* project");
        }
        emulatorHost.ifPresent(host -> {
            FirebaseProcessEnvironment.setenv("FIREBASE_AUTH_EMULATOR_HOST", host);
            LOG.warning("FIREBASE_AUTH_EMULATOR_HOST is set (" + host + "): ID tokens come from the Auth emulator and "
                    + "are not signature-checked. Never set it in production.");
        });
        FirebaseOptions options = FirebaseOptions.builder()
                .setProjectId(projectId.get())
                .setCredentials(credentials(emulatorHost.isPresent()))
                .build();
        FirebaseApp app = FirebaseApp.initializeApp(options, "alongside-auth-" + UUID.randomUUID());
        return new FirebaseTokenVerifier(FirebaseAuth.getInstance(app), checkRevoked);
    }

    private static GoogleCredentials credentials(boolean emulator) {
        if (emulator) {
            // The emulator accepts any bearer; no real credentials exist on a laptop or in CI.
            return GoogleCredentials.create(new AccessToken("owner", new Date(Long.MAX_VALUE)));
        }
        try {
            return GoogleCredentials.getApplicationDefault();
        } catch (IOException e) {
            throw new app.alongside.platform.StartupException("FIREBASE_PROJECT_ID is set but Google credentials "
                    + "cannot be loaded (set GOOGLE_APPLICATION_CREDENTIALS): " + e.getMessage(), e);
        }
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
