package app.alongside.messaging;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeguardingPhrasesTest {
    private static final List<String> DEFAULTS = SafeguardingPhrases.DEFAULTS;

    @Test
    void matchesWhateverTheCaseAndPunctuation() {
        assertEquals(Optional.of("kill myself"), SafeguardingPhrases.firstMatch("I want to KILL   myself.", DEFAULTS));
        assertEquals(Optional.of("self harm"), SafeguardingPhrases.firstMatch("thinking about self-harm again",
                DEFAULTS));
        assertEquals(Optional.of("want to die"), SafeguardingPhrases.firstMatch("i just\nwant to die", DEFAULTS));
        assertEquals(Optional.of("running away"), SafeguardingPhrases.firstMatch("I'm running away tonight",
                DEFAULTS));
        assertEquals(Optional.of("abuse"), SafeguardingPhrases.firstMatch("he abused me", DEFAULTS));
    }

    @Test
    void matchesOnlyAtTheStartOfAWord() {
        assertTrue(SafeguardingPhrases.firstMatch("my diet is going well", List.of("die")).isEmpty());
        assertTrue(SafeguardingPhrases.firstMatch("disabuse me of that", List.of("abuse")).isEmpty());
        assertEquals(Optional.of("die"), SafeguardingPhrases.firstMatch("I could die", List.of("die")));
    }

    @Test
    void everydayMessagesDoNotMatchTheDefaults() {
        assertTrue(SafeguardingPhrases.firstMatch("Can we talk about my pathway plan meeting on Tuesday?",
                DEFAULTS).isEmpty());
        assertTrue(SafeguardingPhrases.firstMatch("", DEFAULTS).isEmpty());
    }

    @Test
    void curlyApostrophesAreStraightened() {
        assertEquals(Optional.of("don't feel safe"), SafeguardingPhrases.firstMatch("I don’t feel safe",
                List.of("don't feel safe")));
    }
}
