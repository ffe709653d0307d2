package app.alongside.messaging;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Matches messages against a safeguarding phrase list. Text and phrases are compared in a normal form (lower case,
 * punctuation and hyphens as spaces, runs of spaces as one), and a phrase matches whole words, its last word with a
 * common ending: "abuse" matches "abused", "self harm" matches "Self-harm", but "die" does not match "diet". A
 * match only flags a thread for a person to look at; a miss is never taken as safety.
 */
public final class SafeguardingPhrases {
    /** The list a new platform starts with; admins and managers edit it as data. */
    public static final List<String> DEFAULTS = List.of(
            "kill myself", "killing myself", "want to die", "wanna die", "end my life", "end it all", "suicide",
            "suicidal", "self harm", "hurt myself", "hurting myself", "cut myself", "cutting myself", "overdose",
            "no reason to live", "better off dead", "abuse", "abusing me", "hits me", "beats me", "touched me",
            "sexual", "rape", "groomed", "grooming", "running away", "run away", "ran away", "not safe", "unsafe",
            "scared to go home", "locked me in", "threatened me", "exploited");
    public static final int MAX_PHRASES = 300;
    /** Endings a phrase's last word may take and still match: "abuse" matches "abused" and "abuser". */
    private static final List<String> ENDINGS = List.of("", "s", "d", "ed", "es", "er", "ers", "ing");
    public static final int MAX_PHRASE_LENGTH = 100;

    private SafeguardingPhrases() {
    }

    /** The normal form used on both sides of a match. */
    public static String normalise(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace('’', '\'').replace('‘', '\'');
        return lower.replaceAll("[^\\p{L}\\p{N}']+", " ").trim();
    }

    /** The first phrase of {@code phrases} that {@code body} contains at a word start. */
    public static Optional<String> firstMatch(String body, List<String> phrases) {
        String text = " " + normalise(body) + " ";
        return phrases.stream().filter(p -> {
            String phrase = normalise(p);
            return !phrase.isEmpty() && ENDINGS.stream().anyMatch(ending -> text.contains(" " + phrase + ending
                    + " "));
        }).findFirst();
    }
}
