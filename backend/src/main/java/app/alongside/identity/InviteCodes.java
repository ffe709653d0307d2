package app.alongside.identity;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * Invite codes a person can read out and type: 12 characters of Crockford's base32 (60 random bits), shown as
 * {@code XXXX-XXXX-XXXX}. Typing is forgiving: case, spaces and dashes do not matter, O reads as 0, I and L as 1.
 */
public final class InviteCodes {
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int LENGTH = 12;
    private final SecureRandom random = new SecureRandom();

    public String generate() {
        StringBuilder code = new StringBuilder(LENGTH + 2);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** The canonical form to hash, or empty when the text cannot be a code at all. */
    public static Optional<String> normalise(String typed) {
        String code = typed.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "")
                .replace('O', '0').replace('I', '1').replace('L', '1');
        if (code.length() != LENGTH || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(code);
    }
}
