package app.alongside.identity;

import app.alongside.platform.core.ApiException;
import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Staff passwords: Argon2id (password4j) with OWASP's parameters (19 MiB, 2 passes, 1 lane), stored as a PHC
 * string; and the strength rule every new password must meet.
 */
public final class Passwords {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 200;
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
    /** A hash of nothing anyone knows, checked when an email is unknown, so timing does not reveal accounts. */
    private static final String DECOY = Password.hash("decoy-" + System.nanoTime()).addRandomSalt(16)
            .with(ARGON2).getResult();
    private static final Set<String> COMMON = Set.of("password1234", "passwordpassword", "123456789012",
            "qwertyuiopas", "letmeinletmein", "welcome12345", "administrator", "changeme1234", "iloveyou1234",
            "alongside123", "password123!", "qwerty123456", "abc123456789", "111111111111", "000000000000");

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    public boolean matches(String password, String hash) {
        if (hash == null) {
            Password.check(password, DECOY).with(ARGON2);
            return false;
        }
        return Password.check(password, hash).with(ARGON2);
    }

    /** Throws bad input at {@code field} when the password is too weak. */
    public void requireStrong(String password, String email, List<String> field) {
        if (password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw ApiException.badInput(field, "Use between " + MIN_LENGTH + " and " + MAX_LENGTH + " characters.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String local = email == null ? "" : email.toLowerCase(Locale.ROOT).split("@")[0];
        boolean oneCharacter = password.chars().distinct().count() < 4;
        if (COMMON.contains(lower) || oneCharacter || (local.length() >= 4 && lower.contains(local))) {
            throw ApiException.badInput(field, "This password is too easy to guess. Try a few unrelated words.");
        }
    }
}
